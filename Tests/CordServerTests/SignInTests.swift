import CordInventory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CordServer

/// The sign-in page, sessions and CSRF, in process: the form, the cookie's attributes, what a session may do,
/// and every refusal — a missing or wrong CSRF token, a wrong password, throttling, expiry, sign-out, a disabled user.
@Suite struct SignInTests {
    struct Session {
        let cookie: String
        let csrf: String
    }

    /// The `name=value` of a Set-Cookie header, and the header whole.
    static func setCookie(_ r: TestResponse, _ name: String) -> (pair: String, header: String)? {
        r.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }.map { (String($0.split(separator: ";")[0]), $0) }
    }

    static func hiddenCSRF(_ html: String) -> String? {
        guard let r = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Opens the sign-in page, posts the form; returns the response of the post.
    static func postLogin(_ client: some TestClientProtocol, user: String, password: String, tamper: Bool = false) async throws -> TestResponse {
        let page = try await client.execute(uri: "/login", method: .get)
        let csrf = try #require(hiddenCSRF(page.text))
        let login = try #require(setCookie(page, SignInRoutes.loginCookie))
        let form = "username=\(user)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&csrf=\(tamper ? "x" + csrf : csrf)"
        return try await client.execute(uri: "/login", method: .post,
                                        headers: [.cookie: login.pair, .contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: form))
    }

    static func signIn(_ client: some TestClientProtocol, user: String) async throws -> Session {
        let r = try await postLogin(client, user: user, password: ServerFixture.password)
        #expect(r.status == .seeOther && r.headers[.location] == "/")
        let cookie = try #require(setCookie(r, Authenticator.sessionCookie)).pair
        let landing = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
        return Session(cookie: cookie, csrf: try #require(hiddenCSRF(landing.text)))
    }

    @Test func theSignInPageIsAFormWithAHiddenCSRFFieldAndNoScript() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/login", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "text/html; charset=utf-8")
                #expect(r.text.contains("name=\"username\"") && r.text.contains("name=\"password\" type=\"password\""))
                #expect(Self.hiddenCSRF(r.text)?.count == 43)
                #expect(!r.text.contains("<script"))
                let cookie = try #require(Self.setCookie(r, SignInRoutes.loginCookie)).header
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            }
        }
    }

    @Test func signingInSetsAStrictHttpOnlyCookieThatServesPagesAndTheAPI() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await Self.postLogin(client, user: "viewer-user", password: ServerFixture.password)
            #expect(r.status == .seeOther)
            let header = try #require(Self.setCookie(r, Authenticator.sessionCookie)).header
            #expect(header.contains("HttpOnly") && header.contains("SameSite=Strict") && header.contains("Max-Age=28800") && header.contains("Path=/"))
            #expect(!header.contains("Secure"))
            let session = try await Self.signIn(client, user: "viewer-user")
            try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie]) { r in
                #expect(r.status == .ok && r.text.contains("Signed in as viewer-user (viewer)."))
            }
            let expected = try f.expectedSearch("R-0001")
            try await client.execute(uri: "/api/v1/recipients/R-0001/search?search_date=\(ServerFixture.searchDate)", method: .get,
                                     headers: [.cookie: session.cookie]) { r in
                #expect(r.status == .ok)
                #expect(r.text == expected)
            }
        }
        #expect(try f.access.audit(.init(actor: "viewer-user")).contains { $0.action == "sign in" })
    }

    @Test func aSignedOutVisitorIsSentToTheSignInPage() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/login")
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "\(Authenticator.sessionCookie)=forged"]) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/login")
            }
        }
    }

    @Test func aLoginFormWithoutTheRightCSRFTokenIsRefused() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            let tampered = try await Self.postLogin(client, user: "viewer-user", password: ServerFixture.password, tamper: true)
            #expect(tampered.status == .forbidden)
            #expect(Self.setCookie(tampered, Authenticator.sessionCookie) == nil)
            // No sign-in cookie at all.
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "username=viewer-user&password=x&csrf=abc")) { r in
                #expect(r.status == .forbidden)
                #expect(r.text.contains("CSRF token is missing or wrong"))
            }
        }
    }

    @Test func aWrongPasswordOrADisabledUserSignsNoOneIn() async throws {
        let f = try await ServerFixture()
        try f.access.disableAccount(named: "coordinator-user", actor: "test")
        try await f.app().test(.router) { client in
            for (user, password) in [("viewer-user", "wrong password here"), ("nobody", ServerFixture.password), ("coordinator-user", ServerFixture.password)] {
                let r = try await Self.postLogin(client, user: user, password: password)
                #expect(r.status == .unauthorized)
                #expect(r.text.contains("Wrong user name or password."))
                #expect(Self.setCookie(r, Authenticator.sessionCookie) == nil)
            }
        }
        #expect(try f.access.audit(.init()).filter { $0.action == "sign in refused" }.count == 3)
    }

    @Test func repeatedFailuresThrottleTheUserEvenWithTheRightPassword() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            for _ in 0..<5 {
                #expect(try await Self.postLogin(client, user: "admin-user", password: "not the password").status == .unauthorized)
            }
            let blocked = try await Self.postLogin(client, user: "admin-user", password: ServerFixture.password)
            #expect(blocked.status == .tooManyRequests)
            #expect(Int(blocked.headers[.retryAfter] ?? "") ?? 0 > 0)
            f.clock.advance(by: 16 * 60)
            #expect(try await Self.postLogin(client, user: "admin-user", password: ServerFixture.password).status == .seeOther)
        }
    }

    @Test func aSessionExpires() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            let session = try await Self.signIn(client, user: "viewer-user")
            f.clock.advance(by: 8 * 3600 + 1)
            try await client.execute(uri: "/api/v1/recipients", method: .get, headers: [.cookie: session.cookie]) { r in
                #expect(r.status == .unauthorized)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie]) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/login")
            }
        }
    }

    @Test func aStateChangingCallWithASessionNeedsItsCSRFToken() async throws {
        let f = try await ServerFixture()
        let body = #"{"unit_id": "DEMO-0002", "kind": "confirmatory typing requested"}"#
        try await f.app().test(.router) { client in
            let session = try await Self.signIn(client, user: "coordinator-user")
            for headers: HTTPFields in [[.cookie: session.cookie], [.cookie: session.cookie, HTTPField.Name("X-CSRF-Token")!: "wrong"]] {
                try await client.execute(uri: "/api/v1/recipients/R-0001/requests", method: .post, headers: headers, body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .forbidden)
                }
            }
            try await client.execute(uri: "/api/v1/recipients/R-0001/requests", method: .post,
                                     headers: [.cookie: session.cookie, HTTPField.Name("X-CSRF-Token")!: session.csrf], body: ByteBuffer(string: body)) { r in
                #expect(r.status == .created)
            }
        }
        #expect(try f.access.requests(recipientID: "R-0001").count == 1)
    }

    @Test func signingOutNeedsTheCSRFTokenAndEndsTheSession() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            let session = try await Self.signIn(client, user: "viewer-user")
            let form: HTTPFields = [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf=wrong")) { r in
                #expect(r.status == .forbidden)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie]) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(session.csrf)")) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/login")
                #expect(Self.setCookie(r, Authenticator.sessionCookie)?.header.contains("Max-Age=0") == true)
            }
            try await client.execute(uri: "/api/v1/recipients", method: .get, headers: [.cookie: session.cookie]) { r in
                #expect(r.status == .unauthorized)
            }
        }
    }

    @Test func disablingAUserEndsItsSessions() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            let session = try await Self.signIn(client, user: "viewer-user")
            try f.access.disableAccount(named: "viewer-user", actor: "test")
            try await client.execute(uri: "/api/v1/recipients", method: .get, headers: [.cookie: session.cookie]) { r in
                #expect(r.status == .unauthorized)
            }
        }
    }

    /// Behind a believed proxy that says the client spoke HTTPS, the cookie is Secure; without --behind-proxy the
    /// header is ignored.
    @Test func cookiesAreSecureOnlyWhenTheClientSpokeHTTPS() async throws {
        let f = try await ServerFixture()
        for trusted in [false, true] {
            try await f.app { $0.trustForwardedHeaders = trusted }.test(.router) { client in
                try await client.execute(uri: "/login", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"]) { r in
                    let header = try #require(Self.setCookie(r, SignInRoutes.loginCookie)).header
                    #expect(header.contains("Secure") == trusted)
                }
            }
        }
    }
}
