import AsyncHTTPClient
import CordInventory
import CordMatch
import CordServer
import CordService
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import Testing
import TestSupport

/// The server's commands through the real binary — `user`, `token`, `audit`, `serve --openapi`, `explain --format
/// json` — and the API's answers against the real binary's `search --format json` for every fixture recipient.
@Suite struct ServerCLITests {
    static let date = "2026-01-15"

    /// A database with the fixtures imported by the real binary; its folder (removed by the caller).
    static func database() throws -> (String, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cordmatch-serve-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("inventory.sqlite").path
        for (kind, file) in [("units", "units.csv"), ("recipients", "recipients.csv")] {
            let r = try CLITests.run(["import", kind, PackageFolder.root.appendingPathComponent("fixtures/inventory/\(file)").path, "--db", db,
                                      "--imgt-dir", CLITests.imgt])
            #expect(r.status == 0, "\(r.err)")
        }
        return (db, dir)
    }

    @Test func usersTokensAndTheAuditTrailThroughTheBinary() throws {
        let (db, dir) = try Self.database()
        defer { try? FileManager.default.removeItem(at: dir) }
        let added = try CLITests.run(["user", "add", "alice", "--role", "coordinator", "--db", db], stdin: "a long enough password\n")
        #expect(added.status == 0, "\(added.err)")
        #expect(!added.out.contains("a long enough password") && !added.err.contains("a long enough password"))
        let short = try CLITests.run(["user", "add", "bob", "--role", "viewer", "--db", db], stdin: "short\n")
        #expect(short.status == 1 && short.err.contains("the password must have at least 12 characters"))
        let twice = try CLITests.run(["user", "add", "alice", "--role", "viewer", "--db", db], stdin: "a long enough password\n")
        #expect(twice.status == 1 && twice.err.contains("there is already a user alice"))
        let badRole = try CLITests.run(["user", "add", "carol", "--role", "root", "--db", db], stdin: "a long enough password\n")
        #expect(badRole.status != 0)

        let token = try CLITests.run(["token", "create", "alice", "--label", "sync", "--db", db])
        #expect(token.status == 0)
        let secret = token.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("cmt_") && secret.count == 47)
        let stored = try InventoryStore(path: db, mode: .existing)
        #expect(try stored.read { try String.fetchAll($0, sql: "SELECT digest FROM api_tokens") } == [SecretToken.digest(secret)])
        #expect(try stored.read { try String.fetchOne($0, sql: "SELECT password_hash FROM accounts") }?.hasPrefix("$2b$12$") == true)

        let list = try CLITests.run(["token", "list", "--db", db])
        #expect(list.out.contains("1\talice\tsync") && !list.out.contains(secret))
        #expect(try CLITests.run(["token", "revoke", "1", "--db", db]).status == 0)
        #expect(try CLITests.run(["token", "revoke", "1", "--db", db]).status == 1)
        #expect(try CLITests.run(["user", "disable", "alice", "--db", db]).status == 0)
        #expect(try CLITests.run(["user", "list", "--db", db]).out.hasPrefix("alice\tcoordinator\tdisabled\t"))

        let audit = try CLITests.run(["audit", "--db", db, "--format", "json"])
        let entries = try #require((try JSONSerialization.jsonObject(with: Data(audit.out.utf8)) as? [String: Any])?["entries"] as? [[String: Any]])
        let actions = entries.map { $0["action"] as? String ?? "" }
        #expect(actions == ["import units", "import recipients", "user add", "token create", "token revoke", "user disable"])
        let since = try CLITests.run(["audit", "--db", db, "--since", "2199-01-01"])
        #expect(since.status == 0 && since.out.isEmpty)
        let badSince = try CLITests.run(["audit", "--db", db, "--since", "yesterday"])
        #expect(badSince.status != 0 && badSince.err.contains("--since must be a real date, YYYY-MM-DD"))
        // Nobody can rewrite the trail.
        #expect(throws: (any Error).self) { try stored.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'someone else'") } }
        #expect(throws: (any Error).self) { try stored.write { try $0.execute(sql: "DELETE FROM audit_log") } }
    }

    /// For every fixture recipient, the API's search is byte for byte the binary's `search --format json`, and the
    /// explanation its `explain --format json`.
    @Test func theAPIAnswersWhatTheBinaryPrints() async throws {
        let (db, dir) = try Self.database()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try InventoryStore(path: db, mode: .existing)
        let access = InventoryAccess(service: try InventoryService(store: store) {
            try ReferenceSource.fromEnvironment().resolver(.folder(URL(fileURLWithPath: CLITests.imgt)))
        })
        try await AccountAdministration(access: access, hasher: PasswordHasher(cost: 4)).addUser("v", role: .viewer, password: "a long enough password", actor: nil)
        let token = try await AccountAdministration(access: access).createToken(for: "v", label: "", actor: nil).secret
        var configuration = ServerConfiguration()
        configuration.passwordCost = 4
        let app = try CordServerApplication.make(access: access, configuration: configuration, logger: .init(label: "test"))
        let ids = try store.recipients(after: nil, limit: 1000).map(\.id)
        #expect(ids.count == 2)
        try await app.test(.router) { client in
            for id in ids {
                for extra in [[], ["--include-ineligible"]] {
                    let cli = try CLITests.run(["search", "--db", db, "--recipient", id, "--format", "json", "--search-date", Self.date, "--imgt-dir", CLITests.imgt] + extra)
                    #expect(cli.status == 0, "\(cli.err)")
                    let query = "search_date=\(Self.date)" + (extra.isEmpty ? "" : "&include_ineligible=true")
                    let api = try await client.execute(uri: "/api/v1/recipients/\(id)/search?\(query)", method: .get, headers: [.authorization: "Bearer \(token)"])
                    #expect(api.status == .ok)
                    #expect(String(buffer: api.body) + "\n" == cli.out)
                }
                let explain = try CLITests.run(["explain", "--db", db, "--recipient", id, "--unit", "DEMO-0002", "--format", "json", "--search-date", Self.date, "--imgt-dir", CLITests.imgt])
                let api = try await client.execute(uri: "/api/v1/recipients/\(id)/units/DEMO-0002?search_date=\(Self.date)", method: .get,
                                                   headers: [.authorization: "Bearer \(token)"])
                #expect(String(buffer: api.body) + "\n" == explain.out)
                // explain's text is the JSON's explanation, line by line.
                let text = try CLITests.run(["explain", "--db", db, "--recipient", id, "--unit", "DEMO-0002", "--search-date", Self.date, "--imgt-dir", CLITests.imgt])
                let lines = (try JSONSerialization.jsonObject(with: Data(explain.out.utf8)) as? [String: Any])?["explanation"] as? [String]
                #expect(lines?.joined(separator: "\n").appending("\n") == text.out)
            }
        }
    }

    @Test func serveOpenAPIPrintsTheRepositorysDocument() throws {
        let r = try CLITests.run(["serve", "--openapi"])
        #expect(r.status == 0)
        #expect(r.out == (try String(contentsOf: PackageFolder.root.appendingPathComponent("docs/openapi.json"), encoding: .utf8)))
        let half = try CLITests.run(["serve", "--tls-cert", "cert.pem"])
        #expect(half.status != 0 && half.err.contains("give both --tls-cert and --tls-key, or neither"))
    }

    /// The real binary serving on loopback: it answers a token's search, logs the route template and not the
    /// recipient, and SIGTERM stops it with exit code 0.
    @Test func serveAnswersOverLoopbackAndStopsOnSIGTERM() async throws {
        let (db, dir) = try Self.database()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLITests.run(["user", "add", "v", "--role", "viewer", "--db", db], stdin: "a long enough password\n").status == 0)
        let token = try CLITests.run(["token", "create", "v", "--db", db]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try await ServedBinary(["--db", db, "--imgt-dir", CLITests.imgt])
        let response = try await server.get("/api/v1/recipients/R-0002/search?search_date=\(Self.date)", token: token)
        let cli = try CLITests.run(["search", "--db", db, "--recipient", "R-0002", "--format", "json", "--search-date", Self.date, "--imgt-dir", CLITests.imgt])
        #expect(response.status == 200 && response.body + "\n" == cli.out)
        let (reason, status, log) = try await server.stop()
        #expect(reason == .exit && status == 0)
        #expect(log.contains("route=/api/v1/recipients/{id}/search") && log.contains("user=v"))
        #expect(!log.contains("R-0002") && !log.contains(token))
    }
}
