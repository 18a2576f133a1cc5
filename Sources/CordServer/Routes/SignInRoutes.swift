import CordInventory
import Foundation
import HLA
import Hummingbird

/// The sign-in page (`/login`: a form with `username`, `password` and a hidden CSRF field, tied to a short-lived
/// cookie), sign-out, and the signed-in landing page. Signing in sets the session cookie: HttpOnly,
/// SameSite=Strict, Secure under HTTPS, expiring with the session.
enum SignInRoutes {
    static let loginCookie = "cordmatch_login"

    struct LoginForm: Decodable {
        let username: String
        let password: String
        let csrf: String
    }

    struct CSRFForm: Decodable {
        let csrf: String
    }

    static func routes(_ s: ServerServices) -> [ServerRoute] {
        [
            ServerRoute(.get, "/login", .everyone) { request, _ in
                let csrf = SecretToken.generate()
                var response = loginPage(csrf: csrf, message: nil)
                response.setCookie(cookie(loginCookie, csrf, maxAge: 600, request, s))
                return response
            },
            ServerRoute(.post, "/login", .everyone, csrf: .formField) { request, context in
                try await signIn(request, context, s)
            },
            ServerRoute(.post, "/logout", .role(.viewer), csrf: .formField) { request, context in
                let form = try await RequestInput.form(request, as: CSRFForm.self)
                guard let identity = context.identity, case .session(let digest, let csrf) = identity.credential else {
                    throw ProblemDetails.badRequest("signing out ends a browser session; an API token is revoked with cordmatch token revoke")
                }
                guard SecretToken.equal(form.csrf, csrf) else { throw ProblemDetails.csrf }
                try await s.inventory { try $0.revokeSession(digest: digest, actor: identity.name) }
                var response = Response(status: .seeOther, headers: [.location: "/login"])
                response.setCookie(cookie(Authenticator.sessionCookie, "", maxAge: 0, request, s))
                return response
            },
            ServerRoute(.get, "/", .role(.viewer)) { _, context in
                let identity = context.identity!
                return HTMLPage(title: "Signed in", body: [
                    .element("h1", "cordmatch"),
                    .element("p", "Signed in as \(identity.name) (\(identity.role.rawValue))."),
                    .tag("p", [:], [.link("Recipients", to: WorkspacePaths.recipients), .text(" · "), .link("Morning report", to: WorkspacePaths.rematch),
                                    .text(" · "), .link("Requests", to: WorkspacePaths.requests)]),
                    .element("p", "The API is described at /api/v1/openapi.json."),
                    .form(action: "/logout", csrf: identity.csrf ?? "", [], submit: "Sign out"),
                ]).response()
            },
        ]
    }

    static func loginPage(csrf: String, message: String?, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        HTMLPage(title: "Sign in", body: [.element("h1", "Sign in to cordmatch")] + (message.map { [.element("p", $0)] } ?? []) + [
            .form(action: "/login", csrf: csrf, [.input("User name", name: "username", type: "text"),
                                                 .input("Password", name: "password", type: "password")], submit: "Sign in"),
        ]).response(status: status, headers: headers)
    }

    static func cookie(_ name: String, _ value: String, maxAge: Int, _ request: Request, _ s: ServerServices) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: s.isHTTPS(request), httpOnly: true, sameSite: .strict)
    }

    /// Checks the form's CSRF token against the sign-in cookie, the throttle, then the password (against a decoy hash
    /// when there is no such user, so that both take as long); on success starts a session.
    static func signIn(_ request: Request, _ context: ServerContext, _ s: ServerServices) async throws -> Response {
        let form = try await RequestInput.form(request, as: LoginForm.self)
        guard let expected = request.cookies[loginCookie]?.value, SecretToken.equal(form.csrf, expected) else { throw ProblemDetails.csrf }
        let client = s.client(request, context), now = s.configuration.now()
        let name = String(form.username.prefix(64))
        let retry = SecretToken.generate()
        func refused(_ message: String, _ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
            var response = loginPage(csrf: retry, message: message, status: status, headers: headers)
            response.setCookie(cookie(loginCookie, retry, maxAge: 600, request, s))
            return response
        }
        if let wait = s.throttle.retryAfter(user: name, client: client, now: now) {
            try await s.recorder.record(.init(actor: nil, action: "sign in throttled", detail: "user \(InputExcerpt.of(name)) from \(client)", at: now))
            return refused("Too many failed sign-ins: try again in \(wait / 60 + 1) minutes.", .tooManyRequests, headers: [.retryAfter: String(wait)])
        }
        let account = try await s.inventory { try $0.account(named: name) }
        let verified = try await s.hasher.verify(form.password, hash: account?.passwordHash ?? PasswordHasher.decoy)
        guard let account, verified, !account.disabled else {
            s.throttle.failed(user: name, client: client, now: now)
            try await s.recorder.record(.init(actor: nil, action: "sign in refused", detail: "user \(InputExcerpt.of(name)) from \(client)", at: now))
            return refused("Wrong user name or password.", .unauthorized)
        }
        s.throttle.succeeded(user: name)
        let secret = SecretToken.generate(), csrf = SecretToken.generate(), lifetime = s.configuration.sessionLifetime
        try await s.inventory {
            try $0.addSession(digest: SecretToken.digest(secret), account: account, csrf: csrf, now: now, lifetime: lifetime, client: client)
        }
        context.notes.user = account.name
        var response = Response(status: .seeOther, headers: [.location: "/"])
        response.setCookie(cookie(Authenticator.sessionCookie, secret, maxAge: Int(lifetime), request, s))
        response.setCookie(cookie(loginCookie, "", maxAge: 0, request, s))
        return response
    }
}
