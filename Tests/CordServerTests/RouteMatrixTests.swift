import CordInventory
import CordMatch
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CordServer

/// Every guarded route of `ServerRoutes.all`, each credential against each: the happy path with every role that may
/// call it (API token and session), and every refusal — no credentials, a lower role, a revoked token, a disabled
/// user's token, an expired session, a state-changing call with a session but a missing or wrong CSRF token. A route
/// added without a call here fails `everyGuardedRouteHasACall`.
@Suite struct RouteMatrixTests {
    static let date = ServerFixture.searchDate

    /// A request a route answers on the fixture, and the status of its happy path.
    struct Call {
        let uri: String
        let body: String?
        let contentType: String?
        let status: HTTPResponse.Status
    }

    /// The happy-path call of `route` (`csrf`: the session's token, for the sign-out form).
    static func call(_ route: ServerRoute, csrf: String = "") -> Call? {
        let json = "application/json"
        switch "\(route.method.rawValue) \(route.path)" {
        case "GET /": return Call(uri: "/", body: nil, contentType: nil, status: .ok)
        case "POST /logout": return Call(uri: "/logout", body: "csrf=\(csrf)", contentType: "application/x-www-form-urlencoded", status: .seeOther)
        case "POST /api/v1/search":
            let body = #"{"hla": "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01", "weight_kg": 18, "disease": "malignant", "search_date": "\#(date)"}"#
            return Call(uri: "/api/v1/search", body: body, contentType: json, status: .ok)
        case "GET /api/v1/audit": return Call(uri: "/api/v1/audit", body: nil, contentType: nil, status: .ok)
        case "GET /api/v1/users": return Call(uri: "/api/v1/users", body: nil, contentType: nil, status: .ok)
        case "GET /api/v1/recipients": return Call(uri: "/api/v1/recipients", body: nil, contentType: nil, status: .ok)
        case "GET /api/v1/recipients/{id}": return Call(uri: "/api/v1/recipients/R-0001", body: nil, contentType: nil, status: .ok)
        case "GET /api/v1/recipients/{id}/search":
            return Call(uri: "/api/v1/recipients/R-0001/search?search_date=\(date)", body: nil, contentType: nil, status: .ok)
        case "GET /api/v1/recipients/{id}/units/{unit}":
            return Call(uri: "/api/v1/recipients/R-0001/units/DEMO-0002?search_date=\(date)", body: nil, contentType: nil, status: .ok)
        case "GET /api/v1/recipients/{id}/compare":
            return Call(uri: "/api/v1/recipients/R-0001/compare?units=DEMO-0002,DEMO-0003&search_date=\(date)", body: nil, contentType: nil, status: .ok)
        case "GET /api/v1/rematch/latest": return Call(uri: "/api/v1/rematch/latest", body: nil, contentType: nil, status: .ok)
        case "GET /api/v1/requests": return Call(uri: "/api/v1/requests", body: nil, contentType: nil, status: .ok)
        case "GET /api/v1/recipients/{id}/requests": return Call(uri: "/api/v1/recipients/R-0001/requests", body: nil, contentType: nil, status: .ok)
        case "POST /api/v1/recipients/{id}/requests":
            return Call(uri: "/api/v1/recipients/R-0001/requests", body: #"{"unit_id": "DEMO-0002", "kind": "reserved", "note": "matrix"}"#,
                        contentType: json, status: .created)
        case "GET /recipients": return Call(uri: "/recipients", body: nil, contentType: nil, status: .ok)
        case "GET /recipients/{id}": return Call(uri: "/recipients/R-0001?search_date=\(date)", body: nil, contentType: nil, status: .ok)
        case "GET /recipients/{id}/units/{unit}":
            return Call(uri: "/recipients/R-0001/units/DEMO-0002?search_date=\(date)", body: nil, contentType: nil, status: .ok)
        case "GET /recipients/{id}/compare":
            return Call(uri: "/recipients/R-0001/compare?units=DEMO-0002,DEMO-0003&search_date=\(date)", body: nil, contentType: nil, status: .ok)
        case "GET /rematch/latest": return Call(uri: "/rematch/latest", body: nil, contentType: nil, status: .ok)
        case "GET /requests": return Call(uri: "/requests", body: nil, contentType: nil, status: .ok)
        case "GET /requests.csv": return Call(uri: "/requests.csv", body: nil, contentType: nil, status: .ok)
        case "POST /recipients/{id}/requests":
            return Call(uri: "/recipients/R-0001/requests", body: "csrf=\(csrf)&unit_id=DEMO-0002&kind=reserved&note=matrix",
                        contentType: "application/x-www-form-urlencoded", status: .seeOther)
        default: return nil
        }
    }

    /// The fixture with a finished rematch run (so the rematch route has a report), and its guarded routes.
    static func fixture() async throws -> (ServerFixture, [(route: ServerRoute, required: AccountRole)]) {
        let f = try await ServerFixture()
        _ = try Rematch(store: f.store, resolver: try ServerFixture.resolver.get())
            .run(.init(policy: nil, searchDate: .init(date)!, limit: 20, batchSize: 200, full: false), resume: false) { _ in }
        let guarded = ServerRoutes.all(ServerServices(access: f.access, configuration: f.configuration)).compactMap { route in
            if case .role(let required) = route.access { return (route, required) } else { return nil }
        }
        return (f, guarded)
    }

    static func execute(_ client: some TestClientProtocol, _ route: ServerRoute, _ call: Call, _ headers: HTTPFields) async throws -> TestResponse {
        var headers = headers
        if let type = call.contentType { headers[.contentType] = type }
        return try await client.execute(uri: call.uri, method: route.method, headers: headers, body: call.body.map { ByteBuffer(string: $0) })
    }

    /// The refusal of an API route (problem JSON with `status`) or of a page (to the sign-in page).
    static func expectRefused(_ r: TestResponse, _ route: ServerRoute, _ status: HTTPResponse.Status, _ what: String) {
        if route.isAPI {
            #expect(r.status == status, "\(what): \(route.method) \(route.path)")
            #expect(r.headers[.contentType] == "application/problem+json", "\(what): \(route.method) \(route.path)")
            #expect(!r.text.contains("R-0001") && !r.text.contains("DEMO-0002"), "\(what): \(route.method) \(route.path)")
        } else if status == .forbidden {
            #expect(r.status == .forbidden, "\(what): \(route.method) \(route.path)")
        } else {
            #expect(r.status == .seeOther && r.headers[.location] == "/login", "\(what): \(route.method) \(route.path)")
        }
    }

    @Test func everyGuardedRouteHasACall() async throws {
        let (_, guarded) = try await Self.fixture()
        #expect(guarded.count >= 22)
        for (route, _) in guarded { #expect(Self.call(route) != nil, "no call for \(route.method) \(route.path)") }
    }

    /// API tokens: every role at or above the route's answers; every lower role is refused with 403.
    @Test func everyAPIRouteAnswersItsRolesAndRefusesLowerOnes() async throws {
        let (f, guarded) = try await Self.fixture()
        try await f.app().test(.router) { client in
            for (route, required) in guarded where route.isAPI {
                let call = try #require(Self.call(route))
                for role in AccountRole.allCases {
                    let r = try await Self.execute(client, route, call, f.bearer(role))
                    if role.includes(required) {
                        #expect(r.status == call.status, "\(role) on \(route.method) \(route.path): \(r.text)")
                    } else {
                        Self.expectRefused(r, route, .forbidden, "\(role)")
                        #expect(r.json?["status"] as? Int == 403)
                    }
                }
            }
        }
    }

    /// A revoked token and the token of a disabled user are refused (401) on every API route, whatever their role;
    /// no credentials at all likewise; the other accounts' tokens still answer.
    @Test func revokedTokensDisabledUsersAndNoCredentialsAreRefusedOnEveryRoute() async throws {
        let (f, guarded) = try await Self.fixture()
        let adminToken = try #require(try f.access.tokens().first { $0.1 == "admin-user" }?.0.id)
        try f.access.revokeToken(id: adminToken, actor: "test")
        try f.access.disableAccount(named: "coordinator-user", actor: "test")
        try await f.app().test(.router) { client in
            for (route, required) in guarded {
                let call = try #require(Self.call(route))
                if route.isAPI {
                    for (role, what) in [(AccountRole.admin, "revoked token"), (.coordinator, "disabled user")] {
                        Self.expectRefused(try await Self.execute(client, route, call, f.bearer(role)), route, .unauthorized, what)
                    }
                }
                Self.expectRefused(try await Self.execute(client, route, call, [:]), route, .unauthorized, "no credentials")
                if route.isAPI && required == .viewer {
                    #expect(try await Self.execute(client, route, call, f.bearer(.viewer)).status == call.status, "\(route.path)")
                }
            }
        }
    }

    /// A session: every route answers it (state-changing calls with the session's CSRF token); a state-changing
    /// call with a missing or wrong CSRF token is refused (403) and changes nothing; once the session has expired,
    /// every route refuses it (401, pages to the sign-in page).
    @Test func sessionsAnswerEveryRouteWithTheirCSRFTokenAndNothingOnceExpired() async throws {
        let (f, guarded) = try await Self.fixture()
        // Sign-out last: it ends the session.
        let ordered = guarded.filter { $0.route.path != "/logout" } + guarded.filter { $0.route.path == "/logout" }
        try await f.app().test(.router) { client in
            let session = try await SignInTests.signIn(client, user: "admin-user")
            for (route, _) in ordered {
                let changes = route.method != .get && route.method != .head
                if changes {
                    let call = try #require(Self.call(route, csrf: "wrong"))
                    let header = HTTPField.Name("X-CSRF-Token")!
                    let requestsBefore = try f.access.requests(recipientID: nil).count
                    for headers: HTTPFields in [[.cookie: session.cookie], [.cookie: session.cookie, header: "wrong"]] {
                        Self.expectRefused(try await Self.execute(client, route, call, headers), route, .forbidden, "bad CSRF")
                    }
                    #expect(try f.access.requests(recipientID: nil).count == requestsBefore)
                }
                let call = try #require(Self.call(route, csrf: session.csrf))
                var headers: HTTPFields = [.cookie: session.cookie]
                if changes && route.csrf == .header { headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf }
                let r = try await Self.execute(client, route, call, headers)
                #expect(r.status == call.status, "session on \(route.method) \(route.path): \(r.text)")
            }
            let expiring = try await SignInTests.signIn(client, user: "admin-user")
            f.clock.advance(by: 8 * 3600 + 1)
            for (route, _) in ordered {
                let call = try #require(Self.call(route, csrf: expiring.csrf))
                var headers: HTTPFields = [.cookie: expiring.cookie]
                if route.csrf == .header { headers[HTTPField.Name("X-CSRF-Token")!] = expiring.csrf }
                Self.expectRefused(try await Self.execute(client, route, call, headers), route, .unauthorized, "expired session")
            }
        }
    }
}
