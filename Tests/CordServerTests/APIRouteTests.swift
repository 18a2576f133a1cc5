import CordInventory
import CordMatch
import CordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CordServer

/// Every API route in process (HummingbirdTesting's router framework, the real application on a real SQLite file):
/// the happy path with the answers the library gives the CLI, and every refusal.
@Suite struct APIRouteTests {
    static let date = ServerFixture.searchDate

    @Test func healthNeedsNoCredentialsAndSaysNothingElse() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/health", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text == #"{"status":"ok"}"#)
            }
        }
    }

    /// No credentials, a malformed header, an unknown token: 401 problem JSON with WWW-Authenticate, on every
    /// route that serves data.
    @Test func everyDataRouteRefusesRequestsWithoutCredentials() async throws {
        let f = try await ServerFixture()
        let routes = ServerRoutes.all(ServerServices(access: f.access, configuration: f.configuration)).filter {
            if case .role = $0.access { return $0.isAPI } else { return false }
        }
        #expect(routes.count >= 12)
        try await f.app().test(.router) { client in
            for route in routes {
                let uri = route.path.replacingOccurrences(of: "{id}", with: "R-0001").replacingOccurrences(of: "{unit}", with: "DEMO-0002")
                for headers: HTTPFields in [[:], [.authorization: "Basic YTpi"], [.authorization: "Bearer cmt_not-a-token"]] {
                    try await client.execute(uri: uri, method: route.method, headers: headers) { r in
                        #expect(r.status == .unauthorized, "\(route.method) \(route.path)")
                        #expect(r.headers[.contentType] == "application/problem+json")
                        #expect(r.headers[.wwwAuthenticate] == "Bearer realm=\"cordmatch\"")
                        #expect(r.json?["status"] as? Int == 401)
                        #expect(!r.text.contains("R-0001") && !r.text.contains("HLA"))
                    }
                }
            }
        }
    }

    @Test func aRecipientsSearchIsTheCLIsJSON() async throws {
        let f = try await ServerFixture()
        for id in ["R-0001", "R-0002"] {
            let expected = try f.expectedSearch(id, limit: 5, includeIneligible: true)
            try await f.app().test(.router) { client in
                try await client.execute(uri: "/api/v1/recipients/\(id)/search?limit=5&include_ineligible=true&search_date=\(Self.date)",
                                         method: .get, headers: f.bearer(.viewer)) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.contentType] == "application/json")
                    #expect(r.text == expected)
                }
            }
        }
        let audit = try f.access.audit(.init(recipientID: "R-0001"))
        #expect(audit.contains { $0.action == "search" && $0.actor == "viewer-user" && $0.detail == "search date \(Self.date)" })
    }

    /// Answers are kept per index version and recipient row: a recipient re-imported with another weight (the
    /// units' index unchanged) gets a new answer, the one a fresh search gives.
    @Test func aKeptAnswerFollowsTheRecipientsStoredRow() async throws {
        let f = try await ServerFixture()
        let uri = "/api/v1/recipients/R-0001/search?include_ineligible=true&search_date=\(Self.date)"
        let version = try f.store.indexVersion()
        try await f.app().test(.router) { client in
            let before = try await client.execute(uri: uri, method: .get, headers: f.bearer(.viewer)).text
            #expect(before == (try f.expectedSearch("R-0001", includeIneligible: true)))
            try f.weighFirstRecipientAgain()
            #expect(try f.store.indexVersion() == version)
            let after = try await client.execute(uri: uri, method: .get, headers: f.bearer(.viewer)).text
            #expect(after != before)
            #expect(after == (try f.expectedSearch("R-0001", includeIneligible: true)))
        }
    }

    @Test func recipientsAreListedAndReadWithoutTypingsInTheList() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/recipients?limit=1", method: .get, headers: f.bearer(.viewer)) { r in
                #expect(r.status == .ok)
                let list = try #require(r.json)
                #expect(list["schema"] as? String == "cordmatch.recipients/1")
                let first = try #require((list["recipients"] as? [[String: Any]])?.first)
                #expect(first["id"] as? String == "R-0001" && first["hla"] == nil)
                #expect(list["next_after"] as? String == "R-0001")
            }
            try await client.execute(uri: "/api/v1/recipients?after=R-0001", method: .get, headers: f.bearer(.viewer)) { r in
                let ids = (r.json?["recipients"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                #expect(ids == ["R-0002"])
                #expect(r.json?["next_after"] == nil)
            }
            try await client.execute(uri: "/api/v1/recipients/R-0002", method: .get, headers: f.bearer(.viewer)) { r in
                let recipient = try #require(r.json?["recipient"] as? [String: Any])
                #expect(recipient["weight_kg"] as? Double == 65 && recipient["disease"] as? String == "malignant")
                #expect((recipient["hla"] as? String)?.hasPrefix("A*01:01+A*03:01") == true)
            }
            try await client.execute(uri: "/api/v1/recipients/R-9999", method: .get, headers: f.bearer(.viewer)) { r in
                #expect(r.status == .notFound)
                #expect(r.json?["detail"] as? String == "no recipient R-9999 in the database")
            }
        }
    }

    @Test func aUnitsExplanationIsTheCLIsExplainJSON() async throws {
        let f = try await ServerFixture()
        let expected = try f.freshService().explain(ExplainQuery(recipient: .stored("R-0001"), unitID: "DEMO-0002", searchDate: .init(Self.date)!)).json()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/recipients/R-0001/units/DEMO-0002?search_date=\(Self.date)", method: .get,
                                     headers: f.bearer(.viewer)) { r in
                #expect(r.status == .ok)
                #expect(r.text == expected)
                #expect(r.json?["schema"] as? String == "cordmatch.explain/1")
            }
            try await client.execute(uri: "/api/v1/recipients/R-0001/units/NOPE", method: .get, headers: f.bearer(.viewer)) { r in
                #expect(r.status == .notFound)
                #expect(r.json?["detail"] as? String == "no unit NOPE in the database")
            }
        }
    }

    @Test func compareListsUnitsInTheOrderAskedAndTheMissingOnes() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/recipients/R-0001/compare?units=DEMO-0003,NOPE,DEMO-0002&search_date=\(Self.date)",
                                     method: .get, headers: f.bearer(.viewer)) { r in
                #expect(r.status == .ok)
                let units = (r.json?["units"] as? [[String: Any]])?.compactMap { $0["unit_id"] as? String }
                #expect(units == ["DEMO-0003", "DEMO-0002"])
                #expect(r.json?["missing"] as? [String] == ["NOPE"])
            }
            try await client.execute(uri: "/api/v1/recipients/R-0001/compare", method: .get, headers: f.bearer(.viewer)) { r in
                #expect(r.status == .badRequest)
                #expect(r.json?["detail"] as? String == "units must list 1 to 20 unit ids, separated by commas")
            }
        }
    }

    @Test func anAdHocSearchIsTheCLIsJSONForTheSameTyping() async throws {
        let f = try await ServerFixture()
        let hla = "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01"
        let expected = try f.freshService().search(SearchQuery(
            recipient: .adHoc(AdHocRecipient(typing: hla, weightKg: 18, disease: .nonMalignant, antibodies: "B7=3500")),
            searchDate: .init(Self.date)!)).json()
        let body = #"{"hla": "\#(hla)", "weight_kg": 18, "disease": "non-malignant", "dsa": "B7=3500", "search_date": "\#(Self.date)"}"#
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/search", method: .post, headers: f.bearer(.viewer), body: ByteBuffer(string: body)) { r in
                #expect(r.status == .ok)
                #expect(r.text == expected)
            }
            // A policy file is never read on a caller's word; a bad typing gets the resolver's message; a bad disease the CLI's.
            let refusals: [(String, String)] = [
                (#"{"hla": "\#(hla)", "weight_kg": 18, "disease": "malignant", "policy": "/etc/passwd"}"#,
                 "policy must be a preset (malignant, non-malignant), not /etc/passwd"),
                (#"{"hla": "\#(hla)", "weight_kg": 18, "disease": "cold"}"#, "disease is malignant or non-malignant"),
                (#"{"hla": "\#(hla)", "weight_kg": 18, "disease": "malignant", "search_date": "15/01/2026"}"#,
                 "search_date: " + (DateField.search.read("15/01/2026", today: .today()).failureReason ?? "")),
                (#"{"weight_kg": 18, "disease": "malignant"}"#, "the body lacks hla"),
                (#"{"hla": "\#(hla)", "weight_kg": -1, "disease": "malignant"}"#, "weight_kg: " + (NumericField.recipientWeight.check(-1)?.reason ?? "")),
            ]
            for (body, detail) in refusals {
                try await client.execute(uri: "/api/v1/search", method: .post, headers: f.bearer(.viewer), body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .badRequest)
                    #expect(r.headers[.contentType] == "application/problem+json")
                    #expect(r.json?["detail"] as? String == detail)
                }
            }
            try await client.execute(uri: "/api/v1/search", method: .post, headers: f.bearer(.viewer),
                                     body: ByteBuffer(string: #"{"hla": "A*02:01+B*99:99:99", "weight_kg": 18, "disease": "malignant"}"#)) { r in
                #expect(r.status == .badRequest)
                #expect((r.json?["detail"] as? String)?.isEmpty == false)
            }
            // A body over the limit is refused before it is parsed.
            let huge = String(repeating: "A", count: 70 * 1024)
            try await client.execute(uri: "/api/v1/search", method: .post, headers: f.bearer(.viewer), body: ByteBuffer(string: huge)) { r in
                #expect(r.status == .contentTooLarge)
                #expect(r.json?["detail"] as? String == "the request body is larger than 64 KiB")
            }
        }
        // The typing is not in the audit trail, nor in the log.
        #expect(try f.access.audit(.init()).allSatisfy { !$0.detail.contains("A*02:01") })
        #expect(!f.log.text.contains("A*02:01"))
    }

    @Test func searchParametersAreValidatedWithTheCLIsMessages() async throws {
        let f = try await ServerFixture()
        func refusal<T>(_ result: Result<T, InvalidValue>) -> String { result.failureReason ?? "" }
        // The CLI's rules for --limit and --search-date, with their messages.
        let cases: [(String, String)] = [
            ("limit=0", "limit: " + refusal(NumericField.resultLimit.readWhole("0"))),
            ("limit=many", "limit: " + refusal(NumericField.resultLimit.readWhole("many"))),
            ("search_date=2026-13-45", "search_date: " + refusal(DateField.search.read("2026-13-45", today: .today()))),
            ("search_date=1950-01-01", "search_date: " + refusal(DateField.search.read("1950-01-01", today: .today()))),
            ("include_ineligible=perhaps", "include_ineligible is true or false, not perhaps"),
        ]
        #expect(cases.allSatisfy { $0.1.count > 12 })
        try await f.app().test(.router) { client in
            for (query, detail) in cases {
                try await client.execute(uri: "/api/v1/recipients/R-0001/search?\(query)", method: .get, headers: f.bearer(.viewer)) { r in
                    #expect(r.status == .badRequest)
                    #expect(r.json?["detail"] as? String == detail)
                    #expect(r.json?["title"] as? String == "Bad Request" && r.json?["type"] as? String == "about:blank")
                }
            }
            // An input is never echoed past InputExcerpt's length.
            let long = String(repeating: "x", count: 500)
            try await client.execute(uri: "/api/v1/recipients/\(long)/search", method: .get, headers: f.bearer(.viewer)) { r in
                #expect(r.status == .notFound)
                #expect(r.json?["detail"] as? String == "no recipient \(String(repeating: "x", count: 80))… (500 bytes) in the database")
            }
        }
    }

    @Test func requestsNeedACoordinatorAndAreListed() async throws {
        let f = try await ServerFixture()
        let body = ByteBuffer(string: #"{"unit_id": "DEMO-0002", "kind": "reserved", "note": "hold for conditioning on 2026-02-01"}"#)
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/recipients/R-0001/requests", method: .post, headers: f.bearer(.viewer), body: body) { r in
                #expect(r.status == .forbidden)
                #expect(r.json?["detail"] as? String == "this needs the coordinator role")
            }
            try await client.execute(uri: "/api/v1/recipients/R-0001/requests", method: .post, headers: f.bearer(.coordinator), body: body) { r in
                #expect(r.status == .created)
                #expect(r.json?["account"] as? String == "coordinator-user" && r.json?["kind"] as? String == "reserved")
            }
            try await client.execute(uri: "/api/v1/recipients/R-0001/requests", method: .post, headers: f.bearer(.coordinator),
                                     body: ByteBuffer(string: #"{"unit_id": "DEMO-0002", "kind": "wanted"}"#)) { r in
                #expect(r.status == .badRequest)
                #expect(r.json?["detail"] as? String == "kind is 'confirmatory typing requested' or 'reserved', not wanted")
            }
            try await client.execute(uri: "/api/v1/recipients/R-0001/requests", method: .post, headers: f.bearer(.admin),
                                     body: ByteBuffer(string: #"{"unit_id": "NOPE", "kind": "reserved"}"#)) { r in
                #expect(r.status == .notFound)
            }
            for uri in ["/api/v1/requests", "/api/v1/recipients/R-0001/requests"] {
                try await client.execute(uri: uri, method: .get, headers: f.bearer(.viewer)) { r in
                    let requests = try #require(r.json?["requests"] as? [[String: Any]])
                    #expect(requests.count == 1 && requests[0]["unit_id"] as? String == "DEMO-0002")
                    #expect(requests[0]["note"] as? String == "hold for conditioning on 2026-02-01")
                }
            }
        }
        #expect(try f.access.audit(.init(actor: "coordinator-user")).contains { $0.action == "request" && $0.unitId == "DEMO-0002" })
    }

    @Test func theAuditTrailAndUsersAreForAdminsOnly() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            _ = try await client.execute(uri: "/api/v1/recipients/R-0002", method: .get, headers: f.bearer(.viewer))
            for role in [AccountRole.viewer, .coordinator] {
                for uri in ["/api/v1/audit", "/api/v1/users"] {
                    try await client.execute(uri: uri, method: .get, headers: f.bearer(role)) { r in
                        #expect(r.status == .forbidden)
                        #expect(r.json?["detail"] as? String == "this needs the admin role")
                    }
                }
            }
            try await client.execute(uri: "/api/v1/audit?recipient=R-0002", method: .get, headers: f.bearer(.admin)) { r in
                #expect(r.status == .ok)
                let entries = try #require(r.json?["entries"] as? [[String: Any]])
                #expect(entries.count == 1 && entries[0]["actor"] as? String == "viewer-user" && entries[0]["action"] as? String == "view recipient")
            }
            try await client.execute(uri: "/api/v1/audit?since=yesterday", method: .get, headers: f.bearer(.admin)) { r in
                #expect(r.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/users", method: .get, headers: f.bearer(.admin)) { r in
                let users = try #require(r.json?["users"] as? [[String: Any]])
                #expect(users.compactMap { $0["name"] as? String } == ["admin-user", "coordinator-user", "viewer-user"])
                #expect(!r.text.contains("$2"))  // no bcrypt hash
            }
        }
    }

    @Test func theLatestRematchReportIsTheCLIsJSON() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/rematch/latest", method: .get, headers: f.bearer(.viewer)) { r in
                #expect(r.status == .notFound)
                #expect(r.json?["detail"] as? String == "there is no finished rematch run")
            }
        }
        let resolver = try ServerFixture.resolver.get()
        _ = try Rematch(store: f.store, resolver: resolver).run(.init(policy: nil, searchDate: .init(Self.date)!, limit: 20, batchSize: 200, full: false), resume: false) { _ in }
        let expected = try RematchReport.build(f.store, resolver: resolver).json()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/v1/rematch/latest", method: .get, headers: f.bearer(.viewer)) { r in
                #expect(r.status == .ok)
                #expect(r.text == expected)
            }
        }
    }

    @Test func revokedTokensAndDisabledUsersAreRefused() async throws {
        let f = try await ServerFixture()
        let tokens = try f.access.tokens()
        let coordinatorToken = try #require(tokens.first { $0.1 == "coordinator-user" }?.0.id)
        try f.access.revokeToken(id: coordinatorToken, actor: "test")
        try f.access.disableAccount(named: "viewer-user", actor: "test")
        try await f.app().test(.router) { client in
            for role in [AccountRole.coordinator, .viewer] {
                try await client.execute(uri: "/api/v1/recipients", method: .get, headers: f.bearer(role)) { r in
                    #expect(r.status == .unauthorized)
                }
            }
            try await client.execute(uri: "/api/v1/recipients", method: .get, headers: f.bearer(.admin)) { r in
                #expect(r.status == .ok)
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            for (uri, headers) in [("/api/v1/health", HTTPFields()), ("/api/v1/recipients/R-0001/search", f.bearer(.viewer)),
                                   ("/login", HTTPFields()), ("/nowhere", HTTPFields()), ("/api/v1/recipients", HTTPFields())] {
                try await client.execute(uri: uri, method: .get, headers: headers) { r in
                    #expect(r.headers[.cacheControl] == "no-store", "\(uri)")
                    #expect(r.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                    let csp = try #require(r.headers[.contentSecurityPolicy])
                    #expect(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"))
                    #expect(r.headers[.xContentTypeOptions] == "nosniff")
                    #expect(r.headers[.strictTransportSecurity] == nil)
                }
            }
        }
    }

    /// The access log names the route template, the status and the user, never a recipient id, unit id or query.
    @Test func theAccessLogHoldsNoPatientData() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            _ = try await client.execute(uri: "/api/v1/recipients/R-0001/units/DEMO-0002?search_date=\(Self.date)", method: .get, headers: f.bearer(.viewer))
            _ = try await client.execute(uri: "/api/v1/recipients/R-0002/search?limit=3", method: .get, headers: f.bearer(.viewer))
            _ = try await client.execute(uri: "/api/v1/recipients/R-0003", method: .get, headers: f.bearer(.viewer))
        }
        let log = f.log.text
        #expect(log.contains("route=/api/v1/recipients/{id}/units/{unit}"))
        #expect(log.contains("route=/api/v1/recipients/{id}/search") && log.contains("status=200") && log.contains("user=viewer-user"))
        #expect(log.contains("status=404"))
        for secret in ["R-0001", "R-0002", "R-0003", "DEMO-0002", "limit=3", Self.date, f.tokens[.viewer]!] {
            #expect(!log.contains(secret), "\(secret) in the log")
        }
    }
}

extension Result where Failure == InvalidValue {
    /// The refusal's reason, or nil when the value was accepted.
    var failureReason: String? {
        if case .failure(let why) = self { return why.reason }
        return nil
    }
}
