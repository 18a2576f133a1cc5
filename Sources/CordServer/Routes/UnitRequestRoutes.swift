import CordInventory
import Foundation
import HLA
import Hummingbird

/// A coordinator's requests on a unit for a recipient (confirmatory typing requested, reserved) with a note; anyone
/// signed in lists them.
enum UnitRequestRoutes {
    struct Body: Decodable {
        let unitId: String
        let kind: String
        let note: String?
    }

    struct RequestList: Encodable {
        let schema = "cordmatch.requests/1"
        let requests: [UnitRequestRow]
    }

    static func routes(_ s: ServerServices) -> [ServerRoute] {
        [
            ServerRoute(.get, "/api/v1/requests", .role(.viewer)) { _, context in
                let rows = try await s.inventory { try $0.requests(recipientID: nil) }
                try await s.audit(context, "list requests", detail: "\(rows.count) requests")
                return JSONResponse.make(Documents.text(RequestList(requests: rows)))
            },
            ServerRoute(.get, "/api/v1/recipients/{id}/requests", .role(.viewer)) { _, context in
                let id = try RequestInput.path(context, "id")
                let rows = try await s.inventory { try $0.requests(recipientID: id) }
                try await s.audit(context, "list requests", recipient: id, detail: "\(rows.count) requests")
                return JSONResponse.make(Documents.text(RequestList(requests: rows)))
            },
            ServerRoute(.post, "/api/v1/recipients/{id}/requests", .role(.coordinator)) { request, context in
                let id = try RequestInput.path(context, "id")
                let body = try await RequestInput.json(request, as: Body.self)
                let kind = try RequestInput.requestKind(body.kind)
                let account = context.identity!.name
                let row = try await s.inventory {
                    try $0.addRequest(recipientID: id, unitID: body.unitId, kind: kind, note: body.note ?? "", account: account)
                }
                return JSONResponse.make(Documents.text(row), status: .created)
            },
        ]
    }
}
