@testable import CordInventory
import Foundation
import GRDB
import Testing
import CordMatchTesting

/// `InventoryStore`'s open modes: only `createIfMissing` makes an inventory, and only of nothing, an empty file or
/// an empty SQLite database; every mode refuses another program's database without changing it, and a schema from
/// a newer cordmatch; a read-only open refuses an older schema (it cannot migrate) and writes nothing.
@Suite struct InventoryOpenModeTests {
    static func problem(_ path: String, _ mode: InventoryStore.OpenMode) -> InventoryOpenError.Problem? {
        do {
            _ = try InventoryStore(path: path, mode: mode)
            return nil
        } catch let e as InventoryOpenError {
            return e.problem
        } catch {
            return .cannotOpen("\(error)")
        }
    }

    static func mode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }

    @Test func onlyCreateMakesAnInventoryOfNothing() throws {
        let dir = try TemporaryFolder("cordmatch-open")
        let path = dir.url("new.sqlite").path
        #expect(Self.problem(path, .readOnly) == .missing)
        #expect(Self.problem(path, .existing) == .missing)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        #expect(Self.problem(path, .createIfMissing) == nil)
        #expect(try Self.mode(path) == 0o600)
        #expect(Self.problem(path, .existing) == nil && Self.problem(path, .readOnly) == nil)
    }

    @Test func anEmptyFileIsAnInventoryOnlyForCreate() throws {
        let dir = try TemporaryFolder("cordmatch-open")
        let path = dir.url("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
        #expect(Self.problem(path, .readOnly) == .emptyFile)
        #expect(Self.problem(path, .existing) == .emptyFile)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
        #expect(Self.problem(path, .createIfMissing) == nil)
        #expect(try Self.mode(path) == 0o600, "an empty file made an inventory becomes owner-only")
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftAsItWas() throws {
        let dir = try TemporaryFolder("cordmatch-open")
        let path = dir.url("other.sqlite").path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for mode in [InventoryStore.OpenMode.createIfMissing, .existing, .readOnly] {
            #expect(Self.problem(path, mode) == .notAnInventory, "\(mode)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file was changed (switched to WAL?)")
        let text = dir.url("text.sqlite").path
        try "ID,STATUS\n".write(toFile: text, atomically: true, encoding: .utf8)
        for mode in [InventoryStore.OpenMode.createIfMissing, .existing, .readOnly] { #expect(Self.problem(text, mode) == .notSQLite) }
        #expect(Self.problem(dir.path, .readOnly) == .notAFile)
    }

    @Test func anEmptySQLiteDatabaseIsMadeAnInventoryOnlyByCreate() throws {
        let dir = try TemporaryFolder("cordmatch-open")
        let path = dir.url("blank.sqlite").path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE t (a); DROP TABLE t") }
        #expect(Self.problem(path, .readOnly) == .notAnInventory)
        #expect(Self.problem(path, .existing) == .notAnInventory)
        #expect(Self.problem(path, .createIfMissing) == nil)
    }

    @Test func schemasOfOtherVersions() throws {
        let dir = try TemporaryFolder("cordmatch-open")
        let path = dir.url("inv.sqlite").path
        let migrations = InventorySchema.migrator.migrations
        let last = migrations.last!
        // An older cordmatch's database: every step but the last applied (the last creates tables, so it cannot be
        // re-applied over itself). Read-only cannot upgrade it; a writer does.
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]))
        try InventorySchema.migrator.migrate(DatabaseQueue(path: path), upTo: migrations[migrations.count - 2])
        #expect(Self.problem(path, .readOnly) == .olderSchema(missing: [last]))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = Self.problem(path, .readOnly)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(Self.problem(path, .existing) == nil)
        #expect(Self.problem(path, .readOnly) == nil)
        // A newer cordmatch's: refused by every mode.
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')") }
        for mode in [InventoryStore.OpenMode.createIfMissing, .existing, .readOnly] {
            #expect(Self.problem(path, mode) == .newerSchema(unknown: ["v99: from the future"]), "\(mode)")
        }
    }

    @Test func writersRefuseLinksWhereSQLiteWouldWrite() throws {
        let dir = try TemporaryFolder("cordmatch-open")
        let path = dir.url("inv.sqlite").path
        _ = try InventoryStore(path: path, mode: .createIfMissing)
        let target = dir.url("target").path
        try "keep".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path + "-wal", withDestinationPath: target)
        #expect(Self.problem(path, .existing) == .symbolicLink(path + "-wal"))
        #expect(Self.problem(path, .createIfMissing) == .symbolicLink(path + "-wal"))
        try FileManager.default.removeItem(atPath: path + "-wal")
        let link = dir.url("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(Self.problem(link, .existing) == .symbolicLink(link))
        #expect(Self.problem(link, .readOnly) == nil, "reading through a link writes nothing")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
    }
}
