import CordInventory
import CordMatch
import CordServer
import CordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import TestSupport
@testable import CordServer

/// A real inventory database (the fixtures' units and recipients, imported through the library into a temporary
/// folder) with three accounts — viewer, coordinator, admin — and an API token each, served by the real
/// application; a clock the tests move; the access log captured.
final class ServerFixture: Sendable {
    static let root = PackageFolder.root
    static let imgt = SharedReleases.path()
    static let release = ReleaseChoice.folder(URL(fileURLWithPath: imgt))
    static let password = "correct horse battery"
    static let searchDate = "2026-01-15"
    static let resolver = Result<TypingResolver, any Error>(catching: { try ReferenceSource.fromEnvironment().resolver(release) })

    let folder: URL
    let store: InventoryStore
    let access: InventoryAccess
    let tokens: [AccountRole: String]
    let clock = TestClock()
    let log = CapturedLog()

    var path: String { folder.appendingPathComponent("inventory.sqlite").path }

    static func fixture(_ name: String) -> String { root.appendingPathComponent("fixtures/inventory/\(name)").path }

    init(units: String = "units.csv") async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cordmatch-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try InventoryStore(path: folder.appendingPathComponent("inventory.sqlite").path, mode: .createIfMissing)
        let resolver = try Self.resolver.get()
        _ = try UnitImporter(resolver: resolver).importFile(Self.fixture(units), into: store, skipInvalid: false)
        _ = try RecipientCSVImporter(resolver: resolver).importFile(Self.fixture("recipients.csv"), into: store, skipInvalid: false)
        access = InventoryAccess(service: try InventoryService(store: store) { try Self.resolver.get() })
        let admin = AccountAdministration(access: access, hasher: PasswordHasher(cost: 4))
        var tokens: [AccountRole: String] = [:]
        for role in AccountRole.allCases {
            try await admin.addUser(role.rawValue + "-user", role: role, password: Self.password, actor: "test")
            tokens[role] = try await admin.createToken(for: role.rawValue + "-user", label: "test", actor: "test").secret
        }
        self.tokens = tokens
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var configuration: ServerConfiguration {
        var c = ServerConfiguration()
        c.passwordCost = 4
        c.port = 0
        let clock = clock
        c.now = { clock.now }
        return c
    }

    func app(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> CordServerApplication.App {
        var c = configuration
        configure(&c)
        return try CordServerApplication.make(access: access, configuration: c, logger: log.logger)
    }

    /// Headers with the API token of `role`.
    func bearer(_ role: AccountRole) -> HTTPFields { [.authorization: "Bearer \(tokens[role]!)"] }

    /// A new service over the fixture's database, as `cordmatch search` opens one.
    func freshService() throws -> InventoryService { try InventoryService(store: store) { try Self.resolver.get() } }

    /// What `cordmatch search --format json` gives for stored recipient `id` (the library's one function).
    func expectedSearch(_ id: String, limit: Int = 20, includeIneligible: Bool = false) throws -> String {
        try freshService().search(SearchQuery(recipient: .stored(id), searchDate: CalendarDate(Self.searchDate)!, limit: limit,
                                              includeIneligible: includeIneligible)).json()
    }

    /// Imports R-0001 again at 70 kg instead of 18 (every dose moves): a change of its stored row that leaves the
    /// search index as it was.
    func weighFirstRecipientAgain() throws {
        let original = try String(contentsOfFile: Self.fixture("recipients.csv"), encoding: .utf8)
        let lines = original.split(separator: "\n")
        let heavier = lines[0] + "\n" + lines[1].replacingOccurrences(of: "R-0001,18,", with: "R-0001,70,") + "\n"
        guard heavier.contains("R-0001,70,") else { throw InventoryError("the fixture's R-0001 no longer weighs 18 kg") }
        let file = folder.appendingPathComponent("heavier.csv")
        try heavier.write(to: file, atomically: true, encoding: .utf8)
        _ = try RecipientCSVImporter(resolver: try Self.resolver.get()).importFile(file.path, into: store, skipInvalid: false)
    }
}

/// A clock the tests move forward.
final class TestClock: Sendable {
    private let time = Mutex(Date())
    var now: Date { time.withLock { $0 } }
    func advance(by seconds: TimeInterval) { time.withLock { $0 += seconds } }
}

/// Log lines kept in memory.
final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])
    var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }
    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
            let text = "\(event.level) \(event.message) " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            log.lines.withLock { $0.append(text) }
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] }
}
