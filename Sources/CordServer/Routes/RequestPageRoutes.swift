import CordInventory
import Foundation
import HLA
import Hummingbird

/// Requests from the pages: the registry's list (`/requests`, `?recipient=` for one recipient), its CSV
/// (`/requests.csv`), and the coordinator's form recording one (`POST /recipients/{id}/requests`, with the session's
/// CSRF token; a viewer is refused). The store audits a recorded request with its user and time.
enum RequestPageRoutes {
    struct Form: Decodable {
        let csrf: String
        let unit_id: String
        let kind: String
        let note: String?
    }

    static func routes(_ s: ServerServices) -> [ServerRoute] {
        [
            ServerRoute(.get, WorkspacePaths.requests, .role(.viewer)) { request, context in
                let recipient = RequestInput.query(request, "recipient").flatMap { $0.isEmpty ? nil : $0 }
                let rows = try await s.inventory { try $0.requests(recipientID: recipient) }
                try await s.audit(context, "list requests", recipient: recipient, detail: "\(rows.count) requests")
                return RequestsPage.page(rows, recipient: recipient, identity: context.identity!).response()
            },
            ServerRoute(.get, WorkspacePaths.requestsCSV, .role(.viewer)) { request, context in
                let recipient = RequestInput.query(request, "recipient").flatMap { $0.isEmpty ? nil : $0 }
                let rows = try await s.inventory { try $0.requests(recipientID: recipient) }
                try await s.audit(context, "export requests", recipient: recipient, detail: "\(rows.count) requests")
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"requests.csv\""],
                                body: .init(byteBuffer: ByteBuffer(string: RequestsPage.csv(rows))))
            },
            ServerRoute(.post, "/recipients/{id}/requests", .role(.coordinator), csrf: .formField) { request, context in
                let id = try RequestInput.path(context, "id")
                let form = try await RequestInput.form(request, as: Form.self)
                let identity = context.identity!
                if let expected = identity.csrf { guard SecretToken.equal(form.csrf, expected) else { throw ProblemDetails.csrf } }
                let kind = try RequestInput.requestKind(form.kind)
                let unit = form.unit_id, note = form.note ?? "", account = identity.name
                _ = try await s.inventory { try $0.addRequest(recipientID: id, unitID: unit, kind: kind, note: note, account: account) }
                return Response(status: .seeOther, headers: [.location: WorkspacePaths.unit(unit, of: id) + "#requests"])
            },
        ]
    }
}
