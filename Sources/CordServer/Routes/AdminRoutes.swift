import CordInventory
import Foundation
import Hummingbird

/// What only an admin reads: the audit trail and the accounts (never their password hashes).
enum AdminRoutes {
    struct UserList: Encodable {
        let schema = "cordmatch.users/1"
        let users: [User]
        struct User: Encodable {
            let name: String, role: AccountRole, disabled: Bool, createdAt: String
            enum CodingKeys: String, CodingKey { case name, role, disabled, createdAt = "created_at" }
        }
    }

    static func routes(_ s: ServerServices) -> [ServerRoute] {
        [
            ServerRoute(.get, "/api/v1/audit", .role(.admin)) { request, context in
                let since: String?
                do { since = try RequestInput.query(request, "since").map { try AuditEntry.Filter.day($0, parameter: "since") } } catch {
                    throw ProblemDetails.badRequest("\(error)")
                }
                let filter = AuditEntry.Filter(recipientID: RequestInput.query(request, "recipient"), actor: RequestInput.query(request, "user"),
                                               since: since, limit: try RequestInput.integer(request, "limit", 1...10_000, fallback: 1000))
                let entries = try await s.inventory { try $0.audit(filter) }
                try await s.audit(context, "read audit", recipient: filter.recipientID, detail: "\(entries.count) entries")
                return JSONResponse.make(AuditDocument.json(entries))
            },
            ServerRoute(.get, "/api/v1/users", .role(.admin)) { _, context in
                let accounts = try await s.inventory { try $0.accounts() }
                try await s.audit(context, "list users")
                return JSONResponse.make(Documents.text(UserList(users: accounts.map {
                    UserList.User(name: $0.name, role: $0.role, disabled: $0.disabled, createdAt: $0.createdAt)
                })))
            },
        ]
    }
}
