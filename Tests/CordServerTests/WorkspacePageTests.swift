import CordInventory
import CordMatch
import CordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CordServer

/// The coordinator's pages, in process on the fixture inventory (a real SQLite file, the real release): every page
/// answers a signed-in viewer and records its audit entry, a signed-out visitor goes to the sign-in page, a viewer
/// cannot record a request and a coordinator needs the session's CSRF token, hostile ids and notes come back
/// escaped, the pages carry no inline script, and the grid's figures are those of `cordmatch search --format json`
/// for every fixture recipient.
@Suite struct WorkspacePageTests {
    static let date = ServerFixture.searchDate
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The `data-*` attributes of each `<tr>` in the table `id`, in page order, with the `data-positions` of its
    /// locus cells by locus.
    struct Row {
        let data: [String: String]
        let positions: [String: String]
    }

    static func rows(_ html: String, table id: String) -> [Row] {
        guard let start = html.range(of: "<table id=\"\(id)\""), let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else { return [] }
        let table = String(html[start.lowerBound..<end.upperBound])
        return table.components(separatedBy: "<tr ").dropFirst().map { tr in
            let open = String(tr.prefix { $0 != ">" })
            var positions: [String: String] = [:]
            for cell in tr.components(separatedBy: "data-locus=\"").dropFirst() {
                let locus = String(cell.prefix { $0 != "\"" })
                if let r = cell.range(of: "data-positions=\"") { positions[locus] = String(cell[r.upperBound...].prefix { $0 != "\"" }) }
            }
            return Row(data: attributes(" " + open), positions: positions)
        }
    }

    static func attributes(_ tag: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in tag.components(separatedBy: " data-").dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { continue }
            out[String(part[..<eq])] = unescape(String(part[part.index(eq, offsetBy: 2)...].prefix { $0 != "\"" }))
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Expects a grid row to carry exactly the figures of a `cordmatch.search/1` result.
    static func expectSame(_ row: Row, _ unit: [String: Any], _ what: String) {
        let match = unit["match"] as? [String: Int] ?? [:]
        #expect(row.data["unit"] == unit["unit_id"] as? String, "\(what)")
        #expect(row.data["rank"] == (unit["rank"] as? Int).map(String.init) ?? "", "\(what) rank")
        #expect(row.data["bank"] == unit["bank"] as? String ?? "", "\(what) bank")
        for (attribute, key) in [("x6", "x6"), ("x6-potential", "x6_potential"), ("x8", "x8"), ("x8-potential", "x8_potential"), ("gvh", "gvh"), ("hvg", "hvg")] {
            #expect(row.data[attribute].flatMap(Int.init) == match[key], "\(what) \(key)")
        }
        #expect(row.data["tnc"].flatMap(Double.init) == unit["tnc_per_kg"] as? Double, "\(what) TNC/kg")
        #expect(row.data["cd34"].flatMap(Double.init) == unit["cd34_per_kg"] as? Double, "\(what) CD34/kg")
        #expect(row.data["abo"] == unit["abo"] as? String, "\(what) ABO")
        let loci = unit["loci"] as? [String: [[String: Any]]] ?? [:]
        #expect(Set(row.positions.keys) == Set(loci.keys), "\(what) loci")
        for (locus, positions) in loci {
            let expected = positions.map { "\($0["grade"] as? String ?? "")/\($0["confidence"] as? String ?? "")" }.joined(separator: ",")
            #expect(row.positions[locus] == expected, "\(what) \(locus)")
        }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ session: SignInTests.Session) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: session.cookie])
    }

    static func postRequest(_ client: some TestClientProtocol, _ session: SignInTests.Session, recipient: String = "R-0001", unit: String = "DEMO-0002",
                            kind: String = "reserved", note: String, csrf: String? = nil) async throws -> TestResponse {
        var headers = form
        headers[.cookie] = session.cookie
        let encoded = { (s: String) in s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        let body = "csrf=\(encoded(csrf ?? session.csrf))&unit_id=\(encoded(unit))&kind=\(encoded(kind))&note=\(encoded(note))"
        return try await client.execute(uri: "/recipients/\(recipient)/requests", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// The grid of every fixture recipient lists the units of `cordmatch search --format json`, in its order, with
    /// its counts, grades, doses and ABO; the near misses are the search's ineligible units that fail exactly one
    /// rule (every one failing a rule other than the HLA floor), with the same figures.
    @Test func theGridIsTheCLIsJSONForEveryFixtureRecipient() async throws {
        let (f, _) = try await RouteMatrixTests.fixture()
        let recipients = try f.access.recipients(after: nil, limit: 100).map(\.id)
        #expect(recipients.count >= 2)
        try await f.app().test(.router) { client in
            let session = try await SignInTests.signIn(client, user: "viewer-user")
            for id in recipients {
                let page = try await Self.get(client, "/recipients/\(id)?search_date=\(Self.date)", session)
                #expect(page.status == .ok)
                let expected = try Self.json(try f.expectedSearch(id))
                let results = try #require(expected["results"] as? [[String: Any]])
                let grid = Self.rows(page.text, table: "grid")
                #expect(grid.map { $0.data["unit"] ?? "" } == results.map { $0["unit_id"] as? String ?? "" }, "\(id)")
                for (row, unit) in zip(grid, results) { Self.expectSame(row, unit, "\(id) \(row.data["unit"] ?? "")") }
                #expect(page.text.contains("\(results.count) eligible listed"))

                let all = try Self.json(try f.expectedSearch(id, includeIneligible: true))
                let oneRule = (all["results"] as? [[String: Any]] ?? []).filter { ($0["reasons"] as? [String])?.count == 1 }
                let near = Self.rows(page.text, table: "near-miss-grid")
                let byID = Dictionary(uniqueKeysWithValues: oneRule.map { ($0["unit_id"] as? String ?? "", $0) })
                for row in near {
                    let unit = try #require(byID[row.data["unit"] ?? ""], "\(id): near miss \(row.data["unit"] ?? "") fails more than one rule")
                    Self.expectSame(row, unit, "\(id) near miss \(row.data["unit"] ?? "")")
                    let reason = try #require((unit["reasons"] as? [String])?.first)
                    #expect(page.text.contains(reason.markupEscaped), "\(id): the rule \(reason) is shown")
                }
                let notFloor = oneRule.filter { !(($0["reasons"] as? [String])?.first?.hasPrefix("hla_floor") ?? false) }.map { $0["unit_id"] as? String ?? "" }
                #expect(Set(notFloor).isSubset(of: Set(near.map { $0.data["unit"] ?? "" })), "\(id)")
            }
        }
    }

    /// The server keeps a recipient's grid for its filters and sorting; a change to the recipient's stored row
    /// (here the weight, which moves every dose) shows on the next page without an index change.
    @Test func aKeptGridFollowsTheRecipientsStoredRow() async throws {
        let f = try await ServerFixture()
        let version = try f.store.indexVersion()
        try await f.app().test(.router) { client in
            let session = try await SignInTests.signIn(client, user: "viewer-user")
            let uri = "/recipients/R-0001?search_date=\(Self.date)"
            let before = Self.rows(try await Self.get(client, uri, session).text, table: "grid").map { $0.data["tnc"] ?? "" }
            let sorted = Self.rows(try await Self.get(client, uri + "&sort=tnc", session).text, table: "grid").map { $0.data["tnc"] ?? "" }
            #expect(!before.isEmpty && Set(sorted) == Set(before))
            try f.weighFirstRecipientAgain()
            #expect(try f.store.indexVersion() == version)
            let after = Self.rows(try await Self.get(client, uri, session).text, table: "grid")
            let expected = try #require(try Self.json(try f.expectedSearch("R-0001"))["results"] as? [[String: Any]])
            #expect(after.map { $0.data["unit"] ?? "" } == expected.map { $0["unit_id"] as? String ?? "" })
            for (row, unit) in zip(after, expected) { Self.expectSame(row, unit, "R-0001 \(row.data["unit"] ?? "")") }
            #expect(after.map { $0.data["tnc"] ?? "" } != before)
        }
    }

    /// The fixture's first recipient: five ranked units and two near misses (a reserved unit, a unit short of the
    /// TNC dose), the ranking rule in words, why each unit precedes the next, and both typings of a position.
    @Test func theGridShowsTheRuleTheNearMissesAndTheTypings() async throws {
        let (f, _) = try await RouteMatrixTests.fixture()
        try await f.app().test(.router) { client in
            let session = try await SignInTests.signIn(client, user: "viewer-user")
            let text = try await Self.get(client, "/recipients/R-0001?search_date=\(Self.date)", session).text
            #expect(Self.rows(text, table: "grid").map { $0.data["unit"] ?? "" } == ["DEMO-0001", "DEMO-0002", "DEMO-0008", "DEMO-0004", "DEMO-0003"])
            #expect(Set(Self.rows(text, table: "near-miss-grid").map { $0.data["unit"] ?? "" }) == ["DEMO-0005", "DEMO-0006"])
            #expect(text.contains("Ranked by relaxed quality rules, then known mismatches, then HLA-C mismatch"))
            #expect(text.contains("before DEMO-0002: fewer of A, B, C, DRB1 matched only potentially"))
            #expect(text.contains("before DEMO-0004: CD34 reported"))
            #expect(text.contains("status: status RE, not available for search"))
            #expect(text.contains("title=\"recipient HLA-A*02:01 · unit A2\""))
            #expect(text.contains("known: antigen match · possible: allele match"))
            #expect(text.contains("<span class=\"typings\">HLA-DRB1*15:01 / DRB1*15:XX</span>"))
            #expect(text.contains("6.67 ×10^7/kg") && text.contains("2.83 ×10^5/kg") && text.contains("2021-03-02 (4 y 10 m)"))
        }
    }

    /// Filters and order by query parameters (no script needed), the near-miss section switched off, and bad values
    /// refused with what is wrong.
    @Test func filtersSortingAndTheNearMissSwitchWorkByQuery() async throws {
        let (f, _) = try await RouteMatrixTests.fixture()
        try await f.app().test(.router) { client in
            let session = try await SignInTests.signIn(client, user: "viewer-user")
            let base = "/recipients/R-0001?search_date=\(Self.date)"
            func units(_ query: String) async throws -> [String] {
                Self.rows(try await Self.get(client, base + query, session).text, table: "grid").map { $0.data["unit"] ?? "" }
            }
            #expect(try await units("&sort=tnc") == ["DEMO-0002", "DEMO-0004", "DEMO-0008", "DEMO-0001", "DEMO-0003"])
            #expect(try await units("&sort=unit") == ["DEMO-0001", "DEMO-0002", "DEMO-0003", "DEMO-0004", "DEMO-0008"])
            #expect(try await units("&min_x8=7") == ["DEMO-0001", "DEMO-0008", "DEMO-0004"])
            #expect(try await units("&bank=BANK2") == ["DEMO-0004", "DEMO-0003"])
            #expect(try await units("&min_tnc=7.5") == ["DEMO-0002", "DEMO-0004"])
            let off = try await Self.get(client, base + "&near_misses=off", session).text
            #expect(!off.contains("id=\"near-misses\"") && off.contains("Show near misses"))
            #expect(try await Self.get(client, base, session).text.contains("id=\"near-misses\""))
            for (query, message) in [("&sort=age", "sort is one of"), ("&min_x8=9", "min_x8 must be a whole number from 0 to 8"),
                                     ("&min_tnc=lots", "min_tnc is a TNC dose"), ("&near_misses=maybe", "near_misses is on or off")] {
                let r = try await Self.get(client, base + query, session)
                #expect(r.status == .badRequest && r.text.contains(message), "\(query)")
            }
        }
    }

    /// Every page answers a signed-in viewer with HTML that loads only the server's own script and style (no inline
    /// script, handler or style), is audited as the API is, and sends a signed-out visitor to the sign-in page.
    @Test func everyPageAnswersAViewerIsAuditedAndSendsASignedOutVisitorToSignIn() async throws {
        let (f, _) = try await RouteMatrixTests.fixture()
        let pages: [(String, String, String)] = [
            ("/recipients", "list recipients", "R-0002"),
            ("/recipients/R-0001?search_date=\(Self.date)", "search", "Ranked units"),
            ("/recipients/R-0001/units/DEMO-0002?search_date=\(Self.date)", "explain", "Confirmatory typing of the unit would settle: A, B, C, DRB1."),
            ("/recipients/R-0001/compare?units=DEMO-0001,DEMO-0002,NOPE&search_date=\(Self.date)", "compare", "Not in the inventory: NOPE"),
            ("/rematch/latest", "view rematch report", "need a double unit"),
            ("/requests", "list requests", "No request recorded."),
        ]
        try await f.app().test(.router) { client in
            let session = try await SignInTests.signIn(client, user: "viewer-user")
            for (uri, action, text) in pages {
                let before = try f.access.audit(.init(actor: "viewer-user")).filter { $0.action == action }.count
                let r = try await Self.get(client, uri, session)
                #expect(r.status == .ok && r.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(r.text.contains(text), "\(uri)")
                #expect(r.text.contains("<script src=\"/static/workspace.js\" defer></script>"), "\(uri)")
                #expect(r.text.components(separatedBy: "<script").count == 2, "\(uri): one script, from the server")
                #expect(r.text.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil && !r.text.contains(" style="), "\(uri)")
                #expect(try f.access.audit(.init(actor: "viewer-user")).filter { $0.action == action }.count == before + 1, "\(uri): \(action)")
                let signedOut = try await client.execute(uri: uri, method: .get)
                #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/login", "\(uri)")
            }
            let compare = try await Self.get(client, "/recipients/R-0001/compare?units=DEMO-0001&search_date=\(Self.date)", session)
            #expect(compare.status == .badRequest && compare.text.contains("tick 2 to 4 units"))
            let repeated = try await Self.get(client, "/recipients/R-0001/compare?units=DEMO-0003&units=DEMO-0001&search_date=\(Self.date)", session)
            #expect(repeated.text.contains("<th scope=\"col\">DEMO-0003</th><th scope=\"col\">DEMO-0001</th>"))
        }
    }

    /// A viewer's post is refused and records nothing; a coordinator's needs the session's CSRF token; a recorded
    /// request carries its user and time and shows on the recipient's page, the unit's page, the requests page, its
    /// CSV and the morning report — its note escaped everywhere, and inert in the CSV.
    @Test func requestsNeedACoordinatorAndTheCSRFTokenAndShowEverywhere() async throws {
        let (f, _) = try await RouteMatrixTests.fixture()
        let note = "<script>alert(\"x\")</script> & =HYPERLINK(1)"
        try await f.app().test(.router) { client in
            let viewer = try await SignInTests.signIn(client, user: "viewer-user")
            #expect(try await Self.postRequest(client, viewer, note: "viewer").status == .forbidden)
            let coordinator = try await SignInTests.signIn(client, user: "coordinator-user")
            #expect(try await Self.postRequest(client, coordinator, note: "no token", csrf: "wrong").status == .forbidden)
            #expect(try await Self.postRequest(client, coordinator, note: "viewer's token", csrf: viewer.csrf).status == .forbidden)
            #expect(try f.access.requests(recipientID: nil).isEmpty)
            let bad = try await Self.postRequest(client, coordinator, kind: "held", note: "x")
            #expect(bad.status == .badRequest && bad.text.contains("kind is"))
            let unknown = try await Self.postRequest(client, coordinator, unit: "NOPE", note: "x")
            #expect(unknown.status == .notFound)

            let r = try await Self.postRequest(client, coordinator, kind: "confirmatory typing requested", note: note)
            #expect(r.status == .seeOther && r.headers[.location] == "/recipients/R-0001/units/DEMO-0002#requests")
            let stored = try #require(try f.access.requests(recipientID: "R-0001").first)
            #expect(stored.account == "coordinator-user" && stored.note == note && stored.kind == .confirmatoryTyping && !stored.createdAt.isEmpty)
            let escaped = note.markupEscaped
            for uri in ["/recipients/R-0001?search_date=\(Self.date)", "/recipients/R-0001/units/DEMO-0002?search_date=\(Self.date)", "/requests",
                        "/requests?recipient=R-0001", "/rematch/latest"] {
                let text = try await Self.get(client, uri, viewer).text
                #expect(text.contains(escaped) && !text.contains("<script>alert"), "\(uri)")
                #expect(text.contains("coordinator-user"), "\(uri)")
            }
            #expect(try await Self.get(client, "/requests?recipient=R-0002", viewer).text.contains("No request recorded."))
            let csv = try await Self.get(client, "/requests.csv", viewer)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text == "id,recipient_id,unit_id,kind,note,account,created_at\n\(stored.id),R-0001,DEMO-0002,confirmatory typing requested,"
                + "\"<script>alert(\"\"x\"\")</script> & =HYPERLINK(1)\",coordinator-user,\(stored.createdAt)\n")
            let formulaNote = try await Self.postRequest(client, coordinator, unit: "DEMO-0003", note: "=1+1")
            #expect(formulaNote.status == .seeOther)
            #expect(try await Self.get(client, "/requests.csv", viewer).text.contains(",DEMO-0003,reserved,'=1+1,coordinator-user,"))
            #expect(try f.access.audit(.init(actor: "viewer-user")).contains { $0.action == "export requests" })
            // The form is offered to a coordinator only.
            let unitPage = "/recipients/R-0001/units/DEMO-0002?search_date=\(Self.date)"
            #expect(try await Self.get(client, unitPage, coordinator).text.contains("action=\"/recipients/R-0001/requests\""))
            let viewerPage = try await Self.get(client, unitPage, viewer).text
            #expect(!viewerPage.contains("action=\"/recipients/R-0001/requests\"") && viewerPage.contains("needs the coordinator role"))
        }
    }

    /// A hostile id in a path comes back escaped in the answer (404 page), and links percent-encode ids.
    @Test func hostileIDsAreEscapedAndEncoded() async throws {
        let (f, _) = try await RouteMatrixTests.fixture()
        try await f.app().test(.router) { client in
            let session = try await SignInTests.signIn(client, user: "viewer-user")
            let r = try await Self.get(client, "/recipients/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", session)
            #expect(r.status == .notFound && !r.text.contains("<img"))
            let unit = try await Self.get(client, "/recipients/R-0001/units/%22%3E%3Cb%3Ebold", session)
            #expect(unit.status == .notFound && !unit.text.contains("<b>"))
            let search = try await Self.get(client, "/recipients?q=%3Cb%3E", session)
            #expect(search.status == .ok && search.text.contains("value=\"&lt;b&gt;\"") && !search.text.contains("<b>"))
        }
        #expect(WorkspacePaths.unit("A/B?x", of: "R 1#") == "/recipients/R%201%23/units/A%2FB%3Fx")
        #expect(WorkspacePaths.compare(["A,B", "C"], for: "R") == "/recipients/R/compare?units=A%2CB,C")
    }

    /// The stylesheet and the script are served with their content types to anyone, and the policy allows only them.
    @Test func theAssetsAreServedWithTheirTypesAndThePolicyAllowsNoInlineScript() async throws {
        let f = try await ServerFixture()
        try await f.app().test(.router) { client in
            let css = try await client.execute(uri: "/static/workspace.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8" && css.text.contains("@media print"))
            let js = try await client.execute(uri: "/static/workspace.js", method: .get)
            #expect(js.status == .ok && js.headers[.contentType] == "text/javascript; charset=utf-8" && js.text.contains("show-near-misses"))
            let csp = try #require(js.headers[.contentSecurityPolicy])
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("default-src 'none'"))
        }
    }
}
