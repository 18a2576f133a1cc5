import CordInventory
import Foundation
import Hummingbird

/// One route of the server: method, path template (as the OpenAPI document writes it, `/api/v1/recipients/{id}`),
/// who may call it, and its handler. Every route the router has is one of `ServerRoutes.all`; the guard in
/// `responder` authenticates, checks the role and, for a state-changing call made with a session cookie, the
/// CSRF token, before the handler runs.
struct ServerRoute: Sendable {
    enum Access: Sendable {
        /// No credentials needed (health, the OpenAPI document, the sign-in page); nothing about a patient.
        case everyone
        /// A signed-in user or an API token with at least this role.
        case role(AccountRole)
    }

    /// How a state-changing call made with a session proves it comes from this server's own page.
    enum CSRFCheck: Sendable {
        /// The `X-CSRF-Token` header (API calls from the server's pages).
        case header
        /// The form's `csrf` field, checked by the handler (it reads the body).
        case formField
    }

    typealias Handler = @Sendable (Request, ServerContext) async throws -> Response

    let method: HTTPRequest.Method
    let path: String
    let access: Access
    let csrf: CSRFCheck
    let handler: Handler

    init(_ method: HTTPRequest.Method, _ path: String, _ access: Access, csrf: CSRFCheck = .header, _ handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.access = access
        self.csrf = csrf
        self.handler = handler
    }

    var isAPI: Bool { path.hasPrefix("/api/") }

    /// The handler behind its guard.
    func responder(_ authenticator: Authenticator) -> Handler {
        let route = self
        return { request, context in
            guard case .role(let required) = route.access else { return try await route.handler(request, context) }
            guard let identity = try await authenticator.identify(request) else {
                if route.isAPI { throw ProblemDetails.unauthorized }
                return Response(status: .seeOther, headers: [.location: "/login"])
            }
            var context = context
            context.identity = identity
            context.notes.user = identity.name
            guard identity.role.includes(required) else { throw ProblemDetails.forbidden(required.rawValue) }
            if route.method != .get && route.method != .head, route.csrf == .header, let expected = identity.csrf {
                guard let sent = request.headers[.xCSRFToken], SecretToken.equal(sent, expected) else { throw ProblemDetails.csrf }
            }
            return try await route.handler(request, context)
        }
    }
}
