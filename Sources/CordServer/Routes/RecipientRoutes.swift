import CordInventory
import CordMatch
import CordService
import Foundation
import HLA
import Hummingbird

/// The stored recipients: list, read, search (`cordmatch.search/1`, as `cordmatch search --format json` prints
/// it), a unit's explanation (`cordmatch.explain/1`) and a comparison of units (`cordmatch.compare/1`). Every
/// answer is audited before it is sent.
enum RecipientRoutes {
    static func routes(_ s: ServerServices) -> [ServerRoute] {
        [
            ServerRoute(.get, "/api/v1/recipients", .role(.viewer)) { request, context in
                let limit = try RequestInput.integer(request, "limit", 1...1000, fallback: 100)
                let after = RequestInput.query(request, "after")
                let rows = try await s.inventory { try $0.recipients(after: after, limit: limit) }
                try await s.audit(context, "list recipients", detail: "\(rows.count) recipients")
                return JSONResponse.make(Documents.text(RecipientList(recipients: rows.map(RecipientList.Entry.init),
                                                                      nextAfter: rows.count == limit ? rows.last?.id : nil)))
            },
            ServerRoute(.get, "/api/v1/recipients/{id}", .role(.viewer)) { _, context in
                let id = try RequestInput.path(context, "id")
                guard let row = try await s.inventory({ try $0.recipient(id) }) else {
                    throw ProblemDetails.notFound("no recipient \(InputExcerpt.of(id)) in the database")
                }
                try await s.audit(context, "view recipient", recipient: id)
                return JSONResponse.make(Documents.text(RecipientDocument(row)))
            },
            ServerRoute(.get, "/api/v1/recipients/{id}/search", .role(.viewer)) { request, context in
                let id = try RequestInput.path(context, "id")
                let limit = try RequestInput.resultLimit(RequestInput.query(request, "limit"))
                let date = try RequestInput.searchDate(RequestInput.query(request, "search_date"))
                let includeIneligible = try RequestInput.boolean(request, "include_ineligible")
                let query = SearchQuery(recipient: .stored(id), searchDate: date, limit: limit, includeIneligible: includeIneligible)
                // A kept answer is found on this thread; only a new one is computed on the pool.
                let json = if let kept = try s.access.keptSearchReport(query) { kept } else { try await s.inventory { try $0.searchReport(query) } }
                try await s.audit(context, "search", recipient: id, detail: "search date \(date)")
                return JSONResponse.make(json)
            },
            ServerRoute(.get, "/api/v1/recipients/{id}/units/{unit}", .role(.viewer)) { request, context in
                let id = try RequestInput.path(context, "id"), unit = try RequestInput.path(context, "unit")
                let date = try RequestInput.searchDate(RequestInput.query(request, "search_date"))
                let query = ExplainQuery(recipient: .stored(id), unitID: unit, searchDate: date)
                let json = try await s.inventory { try $0.explainReport(query) }
                try await s.audit(context, "explain", recipient: id, unit: unit, detail: "search date \(date)")
                return JSONResponse.make(json)
            },
            ServerRoute(.get, "/api/v1/recipients/{id}/compare", .role(.viewer)) { request, context in
                let id = try RequestInput.path(context, "id")
                let date = try RequestInput.searchDate(RequestInput.query(request, "search_date"))
                let units = (RequestInput.query(request, "units") ?? "").split(separator: ",").map(String.init)
                guard (1...InputLimits.comparedUnits).contains(units.count) else {
                    throw ProblemDetails.badRequest("units must list 1 to \(InputLimits.comparedUnits) unit ids, separated by commas")
                }
                let query = CompareQuery(recipient: .stored(id), unitIDs: units, searchDate: date)
                let json = try await s.inventory { try $0.compareReport(query) }
                try await s.audit(context, "compare", recipient: id, detail: units.joined(separator: ","))
                return JSONResponse.make(json)
            },
        ]
    }
}

/// The JSON documents of the API that are not the CLI's reports: recipients, requests, users, audit entries.
enum Documents {
    static func text(_ value: some Encodable) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! e.encode(value), as: UTF8.self)
    }
}

/// `cordmatch.recipients/1`: recipients by id (no typings), and the id to pass as `after` for the next page.
struct RecipientList: Encodable {
    let schema = "cordmatch.recipients/1"
    let recipients: [Entry]
    let nextAfter: String?

    struct Entry: Encodable {
        let id: String, disease: String, weightKg: Double, policy: String, active: Bool
        init(_ row: RecipientRow) {
            id = row.id; disease = row.disease.rawValue; weightKg = row.weightKg; policy = row.policyName; active = row.active
        }
        enum CodingKeys: String, CodingKey { case id, disease, policy, active, weightKg = "weight_kg" }
    }

    enum CodingKeys: String, CodingKey { case schema, recipients, nextAfter = "next_after" }
}

/// `cordmatch.recipient/1`: a stored recipient as imported.
struct RecipientDocument: Encodable {
    let schema = "cordmatch.recipient/1"
    let recipient: RecipientRow
    init(_ row: RecipientRow) { recipient = row }
}
