import Foundation
import Testing
import TestSupport

/// The workspace in a real headless browser (Debian's chromium through chromedriver, `WebDriver`), served by the
/// real `cordmatch serve` binary on loopback from a fixture database: a coordinator signs in, opens a recipient,
/// turns the near misses off and on, sorts the grid, compares two units and records a request, reading the text on
/// the page; then, with script disabled, every page reads and the grid's filters and order work by their form.
/// Without chromium the tests fail, saying what to install.
@Suite(.serialized) struct WorkspaceBrowserTests {
    static let date = ServerCLITests.date
    static let password = "a long enough password"

    /// A fixture database (imported, rematched by the binary) with a coordinator, served by the binary.
    static func server() throws -> (ServerProcess, URL) {
        let (db, dir) = try ServerCLITests.database()
        #expect(try CLITests.run(["user", "add", "coord", "--role", "coordinator", "--db", db], stdin: password + "\n").status == 0)
        let rematch = try CLITests.run(["rematch", "--db", db, "--search-date", date, "--imgt-dir", CLITests.imgt])
        #expect(rematch.status == 0, "\(rematch.err)")
        return (try ServerProcess(["serve", "--db", db, "--imgt-dir", CLITests.imgt]), dir)
    }

    /// Signs in through the sign-in form as a person does.
    static func signIn(_ browser: WebDriver, _ base: String) async throws {
        try await browser.open(base + "/recipients")
        #expect(try await browser.url().hasSuffix("/login"))
        try await browser.type(try await browser.find("input[name=username]"), "coord")
        try await browser.type(try await browser.find("input[name=password]"), password)
        try await browser.follow("form[action='/login'] button[type=submit]", to: "/")
        #expect(try await browser.text("main, body").contains("Signed in as coord (coordinator)."))
    }

    static func units(_ browser: WebDriver, _ table: String = "#grid") async throws -> [String] {
        try await browser.texts("\(table) tbody tr td:nth-child(3)")
    }

    @Test func aCoordinatorWorksThroughTheWorkspaceInABrowser() async throws {
        try #require(WebDriver.missing == nil, "\(WebDriver.missing ?? "")")
        let (server, dir) = try Self.server()
        defer { server.stop(); try? FileManager.default.removeItem(at: dir) }
        #expect(await server.waitUntilUp(), "\(server.log)")
        try await WebDriver.session(script: true) { browser in
            try await Self.signIn(browser, server.base)
            try await browser.follow("a[href='/recipients']", to: "/recipients")
            #expect(try await browser.texts("#recipients-table tbody tr td:first-child") == ["R-0001", "R-0002"])
            try await browser.follow("a[href='/recipients/R-0001']", to: "/recipients/R-0001")
            #expect(try await browser.title() == "Recipient R-0001 — cordmatch")
            try await browser.open(server.base + "/recipients/R-0001?search_date=\(Self.date)")
            #expect(try await Self.units(browser) == ["DEMO-0001", "DEMO-0002", "DEMO-0008", "DEMO-0004", "DEMO-0003"])
            #expect(try await browser.text("#ranking-rule").hasPrefix("Ranked by relaxed quality rules, then known mismatches"))

            // The near misses: shown by default; the switch (which the script shows) hides them and shows them again.
            let section = try await browser.find("#near-misses")
            #expect(try await browser.isDisplayed(section))
            #expect(try await Set(Self.units(browser, "#near-miss-grid")) == ["DEMO-0005", "DEMO-0006"])
            let toggle = try await browser.find("#show-near-misses")
            #expect(try await browser.isDisplayed(toggle))
            try await browser.click(toggle)
            #expect(try await !browser.isDisplayed(section))
            #expect(try await browser.text(section).isEmpty)
            try await browser.click(toggle)
            #expect(try await browser.isDisplayed(section))
            #expect(try await browser.text(section).contains("status: status RE, not available for search"))

            // Sorting by a click on a column head: TNC/kg ascending, then descending.
            let heads = try await browser.findAll("#grid thead th")
            var tncHead: WebDriver.Element?
            for h in heads where try await browser.text(h) == "TNC/kg" { tncHead = h }
            let head = try #require(tncHead)
            try await browser.click(head)
            #expect(try await Self.units(browser) == ["DEMO-0003", "DEMO-0001", "DEMO-0008", "DEMO-0004", "DEMO-0002"])
            try await browser.click(head)
            #expect(try await Self.units(browser) == ["DEMO-0002", "DEMO-0004", "DEMO-0008", "DEMO-0001", "DEMO-0003"])

            // Compare two units ticked in the grid.
            for unit in ["DEMO-0001", "DEMO-0003"] { try await browser.click("#grid input[value='\(unit)']") }
            try await browser.follow("#ranked button[type=submit]", to: "/recipients/R-0001/compare?units=")
            let heading = try await browser.text("h1")
            #expect(heading.contains("DEMO-0001") && heading.contains("DEMO-0003") && heading.hasPrefix("Compare "))
            #expect(try await browser.text("#compare").contains("rule tnc_dose"))

            // Record a request on a unit, with a note; it is listed with the user.
            try await browser.open(server.base + "/recipients/R-0001/units/DEMO-0002?search_date=\(Self.date)")
            #expect(try await browser.text("#confirmatory") == "Confirmatory typing of the unit would settle: A, B, C, DRB1.")
            try await browser.type(try await browser.find("form.request textarea[name=note]"), "ask BANK1 for DRB1 typing")
            try await browser.follow("form.request button[type=submit]", to: "/recipients/R-0001/units/DEMO-0002#requests")
            let row = try await browser.text("#requests-table tbody tr")
            #expect(row.contains("confirmatory typing requested") && row.contains("ask BANK1 for DRB1 typing") && row.contains("coord"))
            try await browser.follow("nav a[href='/requests']", to: "/requests")
            #expect(try await browser.text("#requests-table").contains("ask BANK1 for DRB1 typing"))
            try await browser.follow("nav a[href='/rematch/latest']", to: "/rematch/latest")
            #expect(try await browser.text("#rematch-table").contains("DEMO-0002: confirmatory typing requested by coord — ask BANK1 for DRB1 typing"))
        }
    }

    /// With script disabled every page reads: the near misses are shown and their switch is not, the column heads
    /// are plain, the filters and order work through their form, and the morning report and requests read.
    @Test func everyPageReadsWithScriptDisabled() async throws {
        try #require(WebDriver.missing == nil, "\(WebDriver.missing ?? "")")
        let (server, dir) = try Self.server()
        defer { server.stop(); try? FileManager.default.removeItem(at: dir) }
        #expect(await server.waitUntilUp(), "\(server.log)")
        try await WebDriver.session(script: false) { browser in
            try await Self.signIn(browser, server.base)
            try await browser.open(server.base + "/recipients")
            #expect(try await browser.text("#recipients-table").contains("R-0002"))
            try await browser.open(server.base + "/recipients/R-0001?search_date=\(Self.date)")
            #expect(try await Self.units(browser) == ["DEMO-0001", "DEMO-0002", "DEMO-0008", "DEMO-0004", "DEMO-0003"])
            #expect(try await browser.isDisplayed(try await browser.find("#near-misses")))
            #expect(try await !browser.isDisplayed(try await browser.find("#show-near-misses")))
            #expect(try await browser.findAll("#grid th button").isEmpty)
            // The filter form: sort by TNC/kg, at least 7/8.
            try await browser.click("form.filters select[name=sort] option[value=tnc]")
            try await browser.click("form.filters select[name=min_x8] option[value='7']")
            try await browser.follow("form.filters button[type=submit]", to: "sort=tnc")
            #expect(try await Self.units(browser) == ["DEMO-0004", "DEMO-0008", "DEMO-0001"])
            try await browser.open(server.base + "/recipients/R-0001?search_date=\(Self.date)&near_misses=off")
            #expect(try await browser.findAll("#near-misses").isEmpty)
            try await browser.open(server.base + "/recipients/R-0001/units/DEMO-0002?search_date=\(Self.date)")
            #expect(try await browser.text("#rules-table").contains("tnc_dose"))
            #expect(try await browser.text("#positions-table").contains("DRB1*15:XX"))
            try await browser.open(server.base + "/recipients/R-0001/compare?units=DEMO-0001,DEMO-0002&search_date=\(Self.date)")
            #expect(try await browser.text("#compare").contains("1+7p/8"))
            try await browser.open(server.base + "/rematch/latest")
            #expect(try await browser.text("#summary").contains("2 recipients"))
            #expect(try await browser.text("#rematch-table tr.none").contains("no candidate"))
            try await browser.open(server.base + "/requests")
            #expect(try await browser.text("main").contains("No request recorded."))
        }
    }
}
