import AsyncHTTPClient
import CordInventory
import CordMatch
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Synchronization
import Testing
@testable import CordServer

/// The server on a real loopback socket: the API over TCP, 1,000 concurrent requests answered without error and
/// exactly as serially, and an import committed while searches run changing the answers only at its commit.
@Suite(.serialized) struct LiveServerTests {
    @Test func theServerAnswersOverLoopback() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.live) { client in
            try await client.execute(uri: "/api/v1/health", method: .get) { r in
                #expect(r.status == .ok)
            }
            let expected = try f.expectedSearch("R-0002")
            try await client.execute(uri: "/api/v1/recipients/R-0002/search?search_date=\(ServerFixture.searchDate)", method: .get,
                                     headers: f.bearer(.viewer)) { r in
                #expect(r.status == .ok)
                #expect(r.text == expected)
            }
            try await client.execute(uri: "/api/v1/recipients/R-0002/search", method: .get) { r in
                #expect(r.status == .unauthorized)
            }
        }
    }

    /// 1,000 requests at once over loopback (AsyncHTTPClient, many connections): none fails, each answer is the
    /// one a serial request gets.
    @Test func aThousandConcurrentRequestsAnswerAsSerialOnes() async throws {
        let f = try await ServerFixture()
        let uris = ["R-0001", "R-0002"].flatMap { id in
            ["/api/v1/recipients/\(id)/search?search_date=\(ServerFixture.searchDate)",
             "/api/v1/recipients/\(id)/search?search_date=\(ServerFixture.searchDate)&include_ineligible=true&limit=3",
             "/api/v1/recipients/\(id)/units/DEMO-0002?search_date=\(ServerFixture.searchDate)"]
        }
        let app = try f.app { $0.port = 0 }
        try await app.test(.live) { client in
            var serial: [String: String] = [:]
            for uri in uris {
                serial[uri] = try await client.execute(uri: uri, method: .get, headers: f.bearer(.viewer)).text
            }
            let port = try #require(client.port)
            let http = HTTPClient(eventLoopGroupProvider: .singleton,
                                  configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)))
            let token = f.tokens[.viewer]!
            let answers = try await withThrowingTaskGroup(of: (String, UInt, String).self) { group in
                for i in 0..<1000 {
                    let uri = uris[i % uris.count]
                    group.addTask {
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(uri)")
                        request.headers.add(name: "Authorization", value: "Bearer \(token)")
                        let response = try await http.execute(request, timeout: .seconds(120))
                        let body = try await response.body.collect(upTo: 1 << 22)
                        return (uri, response.status.code, String(buffer: body))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await http.shutdown()
            #expect(answers.count == 1000)
            #expect(answers.allSatisfy { $0.1 == 200 })
            #expect(answers.allSatisfy { serial[$0.0] == $0.2 })
        }
    }

    /// While an import of new units is committed, searches keep running: every answer is either the one before the
    /// import or the one after it (never a mixture), and every search started after the commit has the new answer.
    @Test func anImportChangesAnswersOnlyAtItsCommit() async throws {
        let f = try await ServerFixture()
        let uri = "/api/v1/recipients/R-0002/search?search_date=\(ServerFixture.searchDate)&limit=50"
        let resolver = try ServerFixture.resolver.get()
        let generated = InventoryGenerator(data: resolver.data).unitsCSV(count: 3000, seed: 11)
        let csv = f.folder.appendingPathComponent("more-units.csv")
        try generated.write(to: csv, atomically: true, encoding: .utf8)
        try await f.app().test(.live) { client in
            let before = try await client.execute(uri: uri, method: .get, headers: f.bearer(.viewer)).text
            let versionBefore = try f.store.indexVersion()
            let committed = Mutex(false)
            let imported = Task.detached {
                _ = try UnitImporter(resolver: resolver).importFile(csv.path, into: f.store, skipInvalid: false)
                committed.withLock { $0 = true }
            }
            var during: [(startedAfterCommit: Bool, text: String)] = []
            while !committed.withLock({ $0 }) || during.count < 5 {
                let afterCommit = committed.withLock { $0 }
                let r = try await client.execute(uri: uri, method: .get, headers: f.bearer(.viewer))
                #expect(r.status == .ok)
                during.append((afterCommit, r.text))
                if during.count > 2000 { break }
            }
            try await imported.value
            let after = try await client.execute(uri: uri, method: .get, headers: f.bearer(.viewer)).text
            #expect(try f.store.indexVersion() != versionBefore)
            #expect(after != before)
            #expect(after == (try f.expectedSearch("R-0002", limit: 50)))
            #expect(during.allSatisfy { $0.text == before || $0.text == after })
            #expect(during.filter(\.startedAfterCommit).allSatisfy { $0.text == after })
            #expect(during.filter(\.startedAfterCommit).count >= 1)
        }
    }
}
