import CordInventory
import CordMatch
import CordService
import Foundation
import Hummingbird

/// The page-render benchmark of the workspace's grid (`cordmatch bench pages`, docs/BENCHMARKS.md): for stored
/// recipients, what the route `GET /recipients/{id}` does apart from HTTP, sign-in and the audit entry — the
/// recipient's row, the search the grid shows (`InventoryService.searchGrid`: the report, near misses and pairs) and
/// its requests, timed as the search; then the page rendered into the answer's bytes, timed as the render, once
/// after each search and again and again after the last; and the API's search of the same query (without the near
/// misses) beside it.
public enum PageRenderBenchmark {
    /// One recipient's figures.
    public struct Measurement: Sendable {
        /// The recipient.
        public let recipient: String
        /// Ranked units on the page.
        public let ranked: Int
        /// Near misses on the page.
        public let nearMisses: Int
        /// Double units on the page.
        public let pairs: Int
        /// The page's size in bytes.
        public let bytes: Int
        /// Milliseconds of each search behind the page (recipient, `searchGrid`, requests).
        public let searchMs: [Double]
        /// Milliseconds of each rendering of the page (the HTML and the answer's buffer).
        public let renderMs: [Double]
        /// Milliseconds of each whole request: a search and the render after it.
        public let requestMs: [Double]
        /// Milliseconds of the API's search of the same query (`InventoryService.search`: no near misses), timed as
        /// often as the page's search: what the near misses add.
        public let apiSearchMs: [Double]
    }

    /// Measures the grid page of each of `recipients`.
    ///
    /// - Parameters:
    ///   - service: the inventory.
    ///   - recipients: stored recipients' ids.
    ///   - limit: ranked units (and near misses, pairs) per page.
    ///   - searchDate: the date of the date rules.
    ///   - searches: searches timed per recipient, each followed by one render (the whole request).
    ///   - renders: further renderings of the last search's page timed per recipient.
    ///   - nearMisses: whether the page shows the near misses (false: as `near_misses=off` asks).
    /// - Returns: one measurement per recipient, in the order of `recipients`.
    /// - Throws: database errors; `NotInInventory` for an id that is not stored; as
    ///   `InventoryService.searchGrid(_:nearMisses:)`.
    public static func run(_ service: InventoryService, recipients: [String], limit: Int, searchDate: CalendarDate,
                           searches: Int, renders: Int, nearMisses: Bool = true) throws -> [Measurement] {
        // A signed-in coordinator's session: the page as a coordinator gets it, with the forms and their CSRF token.
        let identity = Identity(account: AccountRow(id: 0, name: "bench", role: .coordinator, passwordHash: "", disabled: false, createdAt: ""),
                                credential: .session(digest: "", csrf: String(repeating: "0", count: 43)))
        let options = SearchGridPage.Options(nearMisses: nearMisses)
        let query = { (id: String) in SearchQuery(recipient: .stored(id), searchDate: searchDate, limit: limit) }
        return try recipients.map { id in
            var searchMs: [Double] = [], renderMs: [Double] = [], requestMs: [Double] = [], bytes = 0
            var shown: (RecipientRow, SearchGrid, [UnitRequestRow])?
            // The route's reads and its rendering (WorkspaceRoutes, `GET /recipients/{id}`).
            func render() -> Double {
                let (row, grid, requests) = shown!
                let t = DispatchTime.now()
                let page = SearchGridPage.page(row, grid, requests: requests, options: options, identity: identity)
                bytes = ByteBuffer(string: page.html).readableBytes
                return milliseconds(since: t)
            }
            for _ in 0..<max(searches, 1) {
                let t = DispatchTime.now()
                guard let row = try service.recipient(id) else { throw NotInInventory(kind: "recipient", id: id, database: service.path) }
                shown = (row, try service.searchGrid(query(id), nearMisses: nearMisses), try service.requests(recipientID: id))
                searchMs.append(milliseconds(since: t))
                renderMs.append(render())
                requestMs.append(searchMs.last! + renderMs.last!)
            }
            for _ in 0..<renders { renderMs.append(render()) }
            let apiSearchMs = try (0..<max(searches, 1)).map { _ in
                let t = DispatchTime.now()
                _ = try service.search(query(id))
                return milliseconds(since: t)
            }
            let grid = shown!.1
            return Measurement(recipient: id, ranked: grid.report.results.count, nearMisses: grid.nearMisses.count, pairs: grid.report.pairs.count,
                               bytes: bytes, searchMs: searchMs, renderMs: renderMs, requestMs: requestMs,
                               apiSearchMs: apiSearchMs)
        }
    }

    private static func milliseconds(since t: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e6
    }
}
