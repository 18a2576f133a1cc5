import Foundation
import Testing

/// Screenshots of every workspace page, as `cordmatch demo --serve` shows them in headless chromium: into
/// `$CORDMATCH_SCREENSHOTS` when set (`scripts/screenshots` sets docs/screenshots), else a temporary folder. Each
/// must be a PNG of the page's whole height showing the page's heading.
@Suite struct WorkspaceScreenshotTests {
    @Test func everyPageRendersToAScreenshot() async throws {
        try #require(WebDriver.missing == nil, "\(WebDriver.missing ?? "")")
        let folder = ProcessInfo.processInfo.environment["CORDMATCH_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("cordmatch-screenshots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["CORDMATCH_SCREENSHOTS"] == nil { try? FileManager.default.removeItem(at: folder) } }
        let server = try ServerProcess(["demo", "--serve", "--imgt-dir", CLITests.imgt])
        defer { server.stop() }
        #expect(await server.waitUntilUp(), "\(server.log)")
        let password = try #require(server.output.components(separatedBy: "one-time password ").dropFirst().first?.prefix { !$0.isWhitespace }).description
        try await WebDriver.session(script: true, width: 1700, height: 900) { browser in
            try await browser.open(server.base + "/login")
            try await shoot(browser, folder, "login", heading: "Sign in to cordmatch")
            try await browser.type(try await browser.find("input[name=username]"), "demo")
            try await browser.type(try await browser.find("input[name=password]"), password)
            try await browser.follow("form[action='/login'] button[type=submit]", to: "/")
            try await browser.open(server.base + "/recipients/DEMO-CHILD/units/CB-002")
            try await browser.type(try await browser.find("form.request textarea[name=note]"), "DRB1 and C at high resolution, please")
            try await browser.follow("form.request button[type=submit]", to: "#requests")
            let pages = [
                ("recipients", "/recipients", "Recipients"),
                ("grid", "/recipients/DEMO-CHILD", "Recipient DEMO-CHILD"),
                ("double-units", "/recipients/DEMO-ADULT", "Recipient DEMO-ADULT"),
                ("unit", "/recipients/DEMO-CHILD/units/CB-002", "Unit CB-002 for DEMO-CHILD"),
                ("compare", "/recipients/DEMO-CHILD/compare?units=CB-001,CB-002,CB-006", "Compare CB-001, CB-002, CB-006 for DEMO-CHILD"),
                ("rematch", "/rematch/latest", "Morning report: rematch run 2"),
                ("requests", "/requests", "Requests"),
            ]
            for (name, path, heading) in pages {
                try await browser.open(server.base + path)
                try await shoot(browser, folder, name, heading: heading)
            }
        }
    }

    /// Saves the whole page as `name.png`, after checking its heading.
    func shoot(_ browser: WebDriver, _ folder: URL, _ name: String, heading: String) async throws {
        #expect(try await browser.text("h1") == heading, "\(name)")
        let height = try await browser.execute("return document.documentElement.scrollHeight") as? Int ?? 900
        try await browser.resize(width: 1700, height: min(max(height + 20, 400), 6000))
        let png = try await browser.screenshot()
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && png.count > 10_000, "\(name)")
        try png.write(to: folder.appendingPathComponent("\(name).png"))
        try await browser.resize(width: 1700, height: 900)
    }
}
