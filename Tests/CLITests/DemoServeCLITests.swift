import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// `cordmatch demo --serve` through the real binary: the demo, then the workspace on loopback with a one-time
/// coordinator login printed on standard output — signing in with it works, the pages show the demo's three
/// recipients and a morning report with reasons — and Ctrl-C stops it with exit code 0.
@Suite struct DemoServeCLITests {
    @Test func demoServeStartsTheWorkspaceWithAOneTimeLogin() async throws {
        let server = try ServerProcess(["demo", "--serve", "--imgt-dir", CLITests.imgt])
        let up = await server.waitUntilUp()
        #expect(up, "\(server.log)")
        let printed = server.output
        #expect(printed.contains("Imported 8 units"))
        #expect(printed.contains("The workspace: http://127.0.0.1:\(server.port)/recipients"))
        let password = try #require(printed.components(separatedBy: "one-time password ").dropFirst().first?.prefix { !$0.isWhitespace }).description
        #expect(password.count == 43)
        try await Self.withHTTP { http in
        let session = try await Self.signIn(http, server.base, user: "demo", password: password)
        let wrong = try await Self.signIn(http, server.base, user: "demo", password: "not the printed password")
        #expect(wrong == nil)
        let cookie = try #require(session)
        let recipients = try await Self.get(http, server.base + "/recipients", cookie: cookie)
        for id in ["DEMO-CHILD", "DEMO-ADULT", "DEMO-RARE"] { #expect(recipients.contains("data-recipient=\"\(id)\""), "\(id)") }
        #expect(recipients.contains("demo (coordinator)"))
        let report = try await Self.get(http, server.base + "/rematch/latest", cookie: cookie)
        #expect(report.contains("Rematch run 2 compared with run 1"))
        #expect(report.contains("+ CB-006: status change (RE → AV)"))
        #expect(report.contains("<span class=\"badge none\">no candidate"))
        let adult = try await Self.get(http, server.base + "/recipients/DEMO-ADULT", cookie: cookie)
        #expect(adult.contains("id=\"double-units\"") && adult.contains("data-pair=\"CB-006+CB-004\""))
        }
        #expect(server.stop() == 0, "\(server.log)")
        #expect(!server.log.contains(password))
    }

    @Test func demoServeTakesNoDatabase() throws {
        let r = try CLITests.run(["demo", "--serve", "--db", "kept.sqlite"])
        #expect(r.status != 0 && r.err.contains("--serve serves a temporary database that goes when the demo stops: leave out --db"))
    }

    /// Runs `body` with an HTTP client that follows no redirect (the test reads them), shut down afterwards whatever
    /// happens.
    static func withHTTP(_ body: (HTTPClient) async throws -> Void) async throws {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do { try await body(http) } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    /// Signs in through the form; the session cookie (`name=value`), or nil when refused.
    static func signIn(_ http: HTTPClient, _ base: String, user: String, password: String) async throws -> String? {
        let page = try await http.execute(HTTPClientRequest(url: base + "/login"), timeout: .seconds(30))
        let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
        let login = try #require(page.headers["Set-Cookie"].first { $0.hasPrefix("cordmatch_login=") }?.split(separator: ";").first).description
        let csrf = try #require(html.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.prefix { $0 != "\"" }).description
        var post = HTTPClientRequest(url: base + "/login")
        post.method = .POST
        post.headers.add(name: "Cookie", value: login)
        post.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let encode = { (s: String) in s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        post.body = .bytes(ByteBuffer(string: "username=\(encode(user))&password=\(encode(password))&csrf=\(encode(csrf))"))
        let r = try await http.execute(post, timeout: .seconds(60))
        guard r.status == .seeOther else { return nil }
        return r.headers["Set-Cookie"].first { $0.hasPrefix("cordmatch_session=") }?.split(separator: ";").first.map(String.init)
    }

    static func get(_ http: HTTPClient, _ url: String, cookie: String) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Cookie", value: cookie)
        let r = try await http.execute(request, timeout: .seconds(60))
        #expect(r.status == .ok, "\(url)")
        return String(buffer: try await r.body.collect(upTo: 1 << 24))
    }
}
