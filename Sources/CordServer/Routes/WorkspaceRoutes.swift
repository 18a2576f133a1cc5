import CordInventory
import CordService
import Foundation
import HLA
import Hummingbird

/// The coordinator's pages (server-rendered HTML, behind the sign-in; paths fixed, since people bookmark them):
/// `/recipients`, `/recipients/{id}`, `/recipients/{id}/units/{unit}`, `/recipients/{id}/compare?units=A,B`,
/// `/rematch/latest`. Each reads the same report models as the JSON API and records the same audit entry before
/// it answers.
enum WorkspaceRoutes {
    static func routes(_ s: ServerServices) -> [ServerRoute] {
        [
            ServerRoute(.get, WorkspacePaths.recipients, .role(.viewer)) { request, context in
                let query = String((RequestInput.query(request, "q") ?? "").prefix(InputLimits.fieldBytes))
                let after = RequestInput.query(request, "after")
                let limit = 100
                let (rows, rematch) = try await s.inventory { access -> ([RecipientRow], RematchReport?) in
                    let rows: [RecipientRow]
                    if query.isEmpty {
                        rows = try access.recipients(after: after, limit: limit)
                    } else {
                        // Ids starting with the query sort from the query on: the exact id, then those after it.
                        let exact = after == nil ? try access.recipient(query).map { [$0] } ?? [] : []
                        rows = exact + (try access.recipients(after: after ?? query, limit: limit)).prefix { $0.id.hasPrefix(query) }
                    }
                    return (rows, try? access.latestRematch())
                }
                try await s.audit(context, "list recipients", detail: "\(rows.count) recipients")
                return RecipientsPage.page(rows, rematch: rematch, query: query, next: rows.count >= limit ? rows.last?.id : nil,
                                           identity: context.identity!).response()
            },
            ServerRoute(.get, "/recipients/{id}", .role(.viewer)) { request, context in
                let id = try RequestInput.path(context, "id")
                let date = try RequestInput.searchDate(RequestInput.query(request, "search_date"))
                let limit = try RequestInput.resultLimit(RequestInput.query(request, "limit"))
                let options = try gridOptions(request)
                guard let row = try await s.inventory({ try $0.recipient(id) }) else {
                    throw ProblemDetails.notFound("no recipient \(InputExcerpt.of(id)) in the database")
                }
                let query = SearchQuery(recipient: .stored(id), searchDate: date, limit: limit)
                let (grid, requests) = try await s.inventory { (try $0.searchGrid(query, nearMisses: options.nearMisses) as SearchGrid, try $0.requests(recipientID: id)) }
                try await s.audit(context, "search", recipient: id, detail: "search date \(date)")
                return SearchGridPage.page(row, grid, requests: requests, options: options, identity: context.identity!).response()
            },
            ServerRoute(.get, "/recipients/{id}/units/{unit}", .role(.viewer)) { request, context in
                let id = try RequestInput.path(context, "id"), unit = try RequestInput.path(context, "unit")
                let date = try RequestInput.searchDate(RequestInput.query(request, "search_date"))
                let query = ExplainQuery(recipient: .stored(id), unitID: unit, searchDate: date)
                let (report, requests) = try await s.inventory { (try $0.explanation(query) as ExplanationReport, try $0.requests(recipientID: id)) }
                try await s.audit(context, "explain", recipient: id, unit: unit, detail: "search date \(date)")
                return UnitPage.page(report, requests: requests, identity: context.identity!).response()
            },
            ServerRoute(.get, "/recipients/{id}/compare", .role(.viewer)) { request, context in
                let id = try RequestInput.path(context, "id")
                let date = try RequestInput.searchDate(RequestInput.query(request, "search_date"))
                // `units=A,B` (a bookmark) or `units=A&units=B` (the grid's form).
                let units = request.uri.queryParameters.getAll("units").flatMap { $0.split(separator: ",").map(String.init) }
                guard (2...comparedUnits).contains(units.count) else {
                    throw ProblemDetails.badRequest("tick 2 to \(comparedUnits) units to compare (units=A,B), not \(units.count)")
                }
                let query = CompareQuery(recipient: .stored(id), unitIDs: units, searchDate: date)
                let report = try await s.inventory { try $0.comparison(query) }
                try await s.audit(context, "compare", recipient: id, detail: units.joined(separator: ","))
                return ComparePage.page(report, identity: context.identity!).response()
            },
            ServerRoute(.get, WorkspacePaths.rematch, .role(.viewer)) { _, context in
                let (report, requests) = try await s.inventory { (try $0.latestRematch() as RematchReport, try $0.requests(recipientID: nil)) }
                try await s.audit(context, "view rematch report")
                return RematchPage.page(report, requests: requests, identity: context.identity!).response()
            },
        ]
    }

    /// The most units the comparison page puts side by side (the API's route takes up to `InputLimits.comparedUnits`).
    static let comparedUnits = min(4, InputLimits.comparedUnits)

    /// The grid's filters and order from the query: `min_x8` (0–8), `bank`, `min_tnc` (×10^7/kg), `sort`,
    /// `near_misses=off`.
    static func gridOptions(_ request: Request) throws -> SearchGridPage.Options {
        var o = SearchGridPage.Options()
        o.minX8 = try RequestInput.integer(request, "min_x8", 0...8, fallback: 0)
        o.bank = String((RequestInput.query(request, "bank") ?? "").prefix(InputLimits.fieldBytes))
        if let text = RequestInput.query(request, "min_tnc"), !text.isEmpty {
            guard let value = Double(text), value.isFinite, value >= 0, value <= 1000 else {
                throw ProblemDetails.badRequest("min_tnc is a TNC dose in ×10^7/kg from 0 to 1000, not \(InputExcerpt.of(text))")
            }
            o.minTNC = value
        }
        let sort = RequestInput.query(request, "sort") ?? "rank"
        guard SearchGridPage.Options.sorts[sort] != nil else {
            throw ProblemDetails.badRequest("sort is one of \(SearchGridPage.Options.sortOrder.joined(separator: ", ")), not \(InputExcerpt.of(sort))")
        }
        o.sort = sort
        switch RequestInput.query(request, "near_misses") {
        case nil, "on", "": o.nearMisses = true
        case "off": o.nearMisses = false
        case let text?: throw ProblemDetails.badRequest("near_misses is on or off, not \(InputExcerpt.of(text))")
        }
        return o
    }
}
