import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small W3C WebDriver client for the browser tests: it starts Debian's `chromedriver` on a free loopback port,
/// opens a headless Chromium session (script on or off), and speaks the protocol's JSON over HTTP — navigate,
/// find elements, read their text, click, type, screenshots. Nothing more than the tests use.
final class WebDriver: Sendable {
    /// Where Debian's packages `chromium` and `chromium-driver` put the browser and the driver.
    static let browser = "/usr/bin/chromium"
    static let driver = "/usr/bin/chromedriver"

    /// A failed WebDriver command: the command and the driver's answer.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// An element of the page, by the driver's reference.
    struct Element: Sendable {
        let id: String
    }

    private let process: Process
    private let http: HTTPClient
    private let base: String
    private let session: String

    /// Why the browser tests cannot run here, or nil when they can.
    static var missing: String? {
        let absent = [browser, driver].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        return absent.isEmpty ? nil
            : "the browser tests need Debian's chromium and chromium-driver (\(absent.joined(separator: ", ")) missing): "
              + "apt-get install -y chromium chromium-driver (.ci/run installs them)"
    }

    /// Starts the driver and a headless browser session.
    ///
    /// - Parameters:
    ///   - script: whether pages may run script (off: `--blink-settings=scriptEnabled=false`).
    ///   - width: the window's width in CSS pixels.
    ///   - height: the window's height.
    init(script: Bool, width: Int = 1500, height: Int = 1000) async throws {
        if let missing = Self.missing { throw Failure(description: missing) }
        let port = try ServerProcess.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.driver)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        http = HTTPClient(eventLoopGroupProvider: .singleton)
        base = "http://127.0.0.1:\(port)"
        var args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--window-size=\(width),\(height)",
                    "--hide-scrollbars", "--force-device-scale-factor=1"]
        if !script { args.append("--blink-settings=scriptEnabled=false") }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome", "goog:chromeOptions": ["binary": Self.browser, "args": args],
        ]]]
        var started: String?
        var lastError = ""
        for _ in 0..<100 where started == nil {
            do {
                let value = try await Self.command(http, base, .POST, "/session", capabilities)
                started = (value as? [String: Any])?["sessionId"] as? String
            } catch {
                lastError = "\(error)"
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        guard let started else {
            try? await http.shutdown()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw Failure(description: "chromedriver did not start a session: \(lastError)")
        }
        session = started
    }

    /// Runs `body` with a new browser session, ended afterwards whatever happens.
    ///
    /// - Parameters:
    ///   - script: whether pages may run script.
    ///   - width: the window's width in CSS pixels.
    ///   - height: the window's height.
    ///   - body: what to do in the browser.
    /// - Throws: what starting the session or `body` throws.
    static func session(script: Bool, width: Int = 1500, height: Int = 1000, _ body: (WebDriver) async throws -> Void) async throws {
        let browser = try await WebDriver(script: script, width: width, height: height)
        do { try await body(browser) } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// Ends the session (the browser), the driver and the client. The driver is killed: it does not always end on
    /// SIGTERM.
    func quit() async {
        _ = try? await call(.DELETE, "")
        try? await http.shutdown()
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Opens `url` and waits for it to load.
    func open(_ url: String) async throws { _ = try await call(.POST, "/url", ["url": url]) }

    /// The URL shown.
    func url() async throws -> String { try await call(.GET, "/url") as? String ?? "" }

    /// The page's title.
    func title() async throws -> String { try await call(.GET, "/title") as? String ?? "" }

    /// The first element `css` selects.
    func find(_ css: String) async throws -> Element {
        let value = try await call(.POST, "/element", ["using": "css selector", "value": css])
        guard let id = Self.elementID(value) else { throw Failure(description: "no element \(css)") }
        return Element(id: id)
    }

    /// Every element `css` selects, in page order.
    func findAll(_ css: String) async throws -> [Element] {
        let value = try await call(.POST, "/elements", ["using": "css selector", "value": css])
        return (value as? [Any] ?? []).compactMap(Self.elementID).map(Element.init)
    }

    /// The element's rendered text (empty when it is not displayed).
    func text(_ e: Element) async throws -> String { try await call(.GET, "/element/\(e.id)/text") as? String ?? "" }

    /// The rendered text of the first element `css` selects.
    func text(_ css: String) async throws -> String { try await text(try await find(css)) }

    /// The rendered texts of every element `css` selects.
    func texts(_ css: String) async throws -> [String] {
        var out: [String] = []
        for e in try await findAll(css) { out.append(try await text(e)) }
        return out
    }

    /// Whether the element is displayed.
    func isDisplayed(_ e: Element) async throws -> Bool { try await call(.GET, "/element/\(e.id)/displayed") as? Bool ?? false }

    /// An attribute or property of the element.
    func attribute(_ e: Element, _ name: String) async throws -> String? { try await call(.GET, "/element/\(e.id)/attribute/\(name)") as? String }

    /// Clicks the element.
    func click(_ e: Element) async throws { _ = try await call(.POST, "/element/\(e.id)/click", [:]) }

    /// Clicks the first element `css` selects.
    func click(_ css: String) async throws { try await click(try await find(css)) }

    /// Clicks the first element `css` selects — a link or a submit button — and waits (at most 20 s) until the
    /// browser shows a URL containing `path` that differs from the one before (a click may return before the next
    /// page has loaded).
    func follow(_ css: String, to path: String) async throws {
        let before = try await url()
        try await click(css)
        for _ in 0..<200 {
            let now = try await url()
            if now != before && now.contains(path), (try? await find("body")) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "clicking \(css) did not lead to \(path) (still at \(try await url()))")
    }

    /// Types `text` into the element.
    func type(_ e: Element, _ text: String) async throws { _ = try await call(.POST, "/element/\(e.id)/value", ["text": text]) }

    /// The page's source as the browser holds it now.
    func source() async throws -> String { try await call(.GET, "/source") as? String ?? "" }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        guard let text = try await call(.GET, "/screenshot") as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    /// Sets the window's size (for a screenshot of a whole page).
    func resize(width: Int, height: Int) async throws { _ = try await call(.POST, "/window/rect", ["width": width, "height": height]) }

    /// Runs `script` in the page (only with script on) and returns its value.
    func execute(_ script: String) async throws -> Any? { try await call(.POST, "/execute/sync", ["script": script, "args": [Any]()]) }

    private func call(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await Self.command(http, base, method, "/session/\(session)" + path, body)
    }

    private static func command(_ http: HTTPClient, _ base: String, _ method: HTTPMethod, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await http.execute(request, timeout: .seconds(60))
        let data = Data(try await response.body.collect(upTo: 1 << 26).readableBytesView)
        let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        let value = json?["value"]
        guard response.status == .ok else {
            let message = (value as? [String: Any])?["message"] as? String ?? String(decoding: data.prefix(500), as: UTF8.self)
            throw Failure(description: "\(method) \(path): \(response.status.code) \(message)")
        }
        return value
    }

    private static func elementID(_ value: Any?) -> String? {
        (value as? [String: Any])?["element-6066-11e4-a52e-4f735466cecf"] as? String
    }
}
