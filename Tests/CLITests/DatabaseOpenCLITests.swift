import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// A wrong `--db` is an error, never a new empty inventory: every command but the importers refuses a missing,
/// empty or non-SQLite file with a clear message and exit code 2, and creates nothing. Commands that only read
/// open the database read-only: they write nothing beside it and work on real read-only storage.
@Suite struct DatabaseOpenCLITests {
    static let imgt = CLITests.imgt
    static let fixtures = PackageFolder.fixture("inventory").path
    static let typing = "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01"

    /// The commands that must not create an inventory, with `DB` for the database path.
    static let nonCreating: [[String]] = [
        ["search", "--db", "DB", "--hla", typing],
        ["search", "--db", "DB", "--recipient", "R-0001"],
        ["explain", "--db", "DB", "--recipient", "R-0001", "--unit", "DEMO-0001"],
        ["rematch", "--db", "DB", "--quiet"],
        ["rematch", "--db", "DB", "--resume"],
        ["rematch", "--db", "DB", "--status"],
        ["rematch", "--db", "DB", "--report-only"],
        ["bench", "search", "--db", "DB", "--searches", "1"],
        ["bench", "pages", "--db", "DB", "--searches", "1", "--renders", "1"],
    ]

    enum Wrong: String, CaseIterable {
        case missing, empty, text

        var message: String {
            switch self {
            case .missing: return "no inventory database at"
            case .empty: return "is an empty file (0 bytes), not a cordmatch inventory"
            case .text: return "is not a SQLite database"
            }
        }
    }

    @Test(arguments: Wrong.allCases)
    func aWrongDatabaseIsRefusedAndNothingIsCreated(_ wrong: Wrong) throws {
        let dir = try TemporaryFolder("cordmatch-wrong-db")
        let db = dir.url("bank.sqlite").path
        let contents: String? = wrong == .missing ? nil : wrong == .empty ? "" : "ID,STATUS\nU1,AV\n"
        for command in Self.nonCreating {
            if let contents { try contents.write(toFile: db, atomically: false, encoding: .utf8) }
            let args = command.map { $0 == "DB" ? db : $0 } + ["--imgt-dir", Self.imgt]
            let r = try CLIProcess.run(args, cwd: dir.url)
            #expect(r.status == 2 && r.err.contains(db) && r.err.contains(wrong.message), "\(args.joined(separator: " ")): \(r.summary)")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(left == (contents == nil ? [] : ["bank.sqlite"]), "\(command[0]): left \(left)")
            if let contents { #expect((try? String(contentsOfFile: db, encoding: .utf8)) == contents, "\(command[0]) changed the file") }
        }
        // data use on a database it names: refused before the default release changes.
        let home = dir.url("home")
        let release = try MiniatureRelease.temporaryFolder()
        #expect(try CLIProcess.run(["data", "install", "--from", release.path], environment: ["CORDMATCH_HOME": home.path]).status == 0)
        if let contents { try contents.write(toFile: db, atomically: false, encoding: .utf8) }
        let use = try CLIProcess.run(["data", "use", MiniatureRelease.version, "--db", db], cwd: dir.url, environment: ["CORDMATCH_HOME": home.path])
        #expect(use.status == 2 && use.err.contains(wrong.message), "\(use.summary)")
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("imgt/DEFAULT").path), "the default release was changed")
    }

    /// An inventory with the fixture units and recipients, and one finished rematch run.
    static func inventory(_ dir: TemporaryFolder) throws -> String {
        let db = dir.url("bank.sqlite").path
        for args in [["import", "units", "\(fixtures)/units.csv"], ["import", "recipients", "\(fixtures)/recipients.csv"],
                     ["rematch", "--quiet", "--search-date", "2026-01-15"]] {
            let r = try CLIProcess.run(args + ["--db", db, "--imgt-dir", imgt], cwd: dir.url)
            #expect(r.status == 0, "\(args): \(r.summary)")
        }
        return db
    }

    static let readers: [[String]] = [
        ["search", "--db", "DB", "--recipient", "R-0001", "--search-date", "2026-01-15", "--format", "json", "--include-ineligible"],
        ["explain", "--db", "DB", "--recipient", "R-0001", "--unit", "DEMO-0002", "--search-date", "2026-01-15"],
        ["rematch", "--db", "DB", "--status"],
        ["rematch", "--db", "DB", "--report-only", "--format", "json"],
        ["bench", "search", "--db", "DB", "--searches", "2", "--compare", "1", "--naive", "1"],
        ["bench", "pages", "--db", "DB", "--searches", "1", "--renders", "1"],
    ]

    @Test func commandsThatReadWriteNothingBesideTheDatabase() throws {
        let dir = try TemporaryFolder("cordmatch-reader")
        let db = try Self.inventory(dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try FileManager.default.removeItem(atPath: db + "-index")
        for command in Self.readers {
            let r = try CLIProcess.run(command.map { $0 == "DB" ? db : $0 } + ["--imgt-dir", Self.imgt], cwd: dir.url)
            #expect(r.status == 0, "\(command): \(r.summary)")
        }
        #expect(!FileManager.default.fileExists(atPath: db + "-index"), "a read-only command wrote the index copy")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "a read-only command changed the database")
    }

    @Test func readOnlyStorageIsSearchableAndWritersSayWhyTheyCannot() throws {
        let dir = try TemporaryFolder("cordmatch-ro")
        let db = try Self.inventory(dir)
        let onDisk = Self.readers.map { $0.map { $0 == "DB" ? db : $0 } + ["--imgt-dir", Self.imgt] }
        let expected = try onDisk.map { try CLIProcess.run($0, cwd: dir.url) }
        let stored = "\(MountedStorage.placeholder)/bank.sqlite"
        let writers = [["import", "units", "\(Self.fixtures)/units.csv", "--db", stored], ["rematch", "--db", stored, "--quiet"]]
        let commands = Self.readers.map { $0.map { $0 == "DB" ? stored : $0 } + ["--imgt-dir", Self.imgt] } + writers.map { $0 + ["--imgt-dir", Self.imgt] }
        let results = try MountedStorage.run(.readOnly(copying: [db, db + "-index"]), commands, cwd: dir.url)
        for (i, r) in results.prefix(Self.readers.count).enumerated() {
            #expect(r.status == 0, "\(commands[i]): \(r.summary)")
            if commands[i][0] != "bench" { #expect(r.out == expected[i].out, "\(commands[i]) read something else on read-only storage") }  // (timings)
        }
        for (i, r) in results.dropFirst(Self.readers.count).enumerated() {
            #expect(r.status == 2 && r.err.contains("read-only"), "\(writers[i]): \(r.summary)")
        }
    }

    /// A database copied to read-only storage with changes still in its write-ahead log (the process that wrote
    /// them was killed): read with the log when SQLite can (its -shm is there too), refused with the reason when
    /// it cannot — never read as if the changes were not there.
    @Test func aWriteAheadLogOnReadOnlyStorageIsReadOrRefused() throws {
        let dir = try TemporaryFolder("cordmatch-ro-wal")
        let db = try Self.inventory(dir)
        let killed = try CLIProcess.run(["rematch", "--db", db, "--quiet", "--imgt-dir", Self.imgt], cwd: dir.url,
                                        environment: ["CORDMATCH_TEST_KILL_AT": "run-begun"])
        #expect(killed.signalled)
        let wal = (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int) ?? 0
        #expect(wal > 0, "the killed run left no write-ahead log")
        let status = [["rematch", "--db", "\(MountedStorage.placeholder)/bank.sqlite", "--status", "--imgt-dir", Self.imgt]]
        let withIndex = try MountedStorage.run(.readOnly(copying: [db, db + "-wal", db + "-shm"]), status, cwd: dir.url)[0]
        #expect(withIndex.status == 0 && withIndex.out.contains("run 2: unfinished"), "\(withIndex.summary) \(withIndex.out)")
        let withoutIndex = try MountedStorage.run(.readOnly(copying: [db, db + "-wal"]), status, cwd: dir.url)[0]
        #expect(withoutIndex.status == 2 && withoutIndex.err.contains("write-ahead log"), "\(withoutIndex.summary)")
    }

    /// The mend: an import of a file that cannot be read leaves no new database behind.
    @Test func anImportOfAMissingFileCreatesNoDatabase() throws {
        let dir = try TemporaryFolder("cordmatch-import-missing")
        for kind in ["units", "recipients"] {
            let r = try CLIProcess.run(["import", kind, "missing.csv", "--db", "new.sqlite", "--imgt-dir", Self.imgt], cwd: dir.url)
            #expect(r.status == 2 && r.err.contains("missing.csv") && r.err.contains("no such file"), "\(r.summary)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        }
    }
}
