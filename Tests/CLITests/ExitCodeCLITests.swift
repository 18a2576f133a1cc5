import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// Every command's exit code against the documented table (docs/OPERATIONS.md, the root `--help`): each
/// subcommand in its success case, a usage error and a case where it cannot start — plus the input problems
/// where a command has them — through the real binary. Could-not-start cases also check that nothing was
/// created or changed.
@Suite struct ExitCodeCLITests {
    static let root = PackageFolder.root
    static let imgt = CLITests.imgt
    static let fixtures = root.appendingPathComponent("fixtures/inventory").path

    /// The documented table: code → meaning, from docs/OPERATIONS.md ("| 0 | success | … |").
    static let documented: [Int32: String] = {
        let text = (try? String(contentsOf: root.appendingPathComponent("docs/OPERATIONS.md"), encoding: .utf8)) ?? ""
        var table: [Int32: String] = [:]
        for line in text.split(separator: "\n") {
            guard let m = line.firstMatch(of: /^\| (\d) \| ([^|]+) \|/) else { continue }
            table[Int32(m.1)!] = String(m.2).trimmingCharacters(in: .whitespaces)
        }
        return table
    }()

    /// The documented code whose meaning starts with `words`.
    static func code(_ words: String) -> Int32 {
        documented.first { $0.value.hasPrefix(words) }?.key ?? -1
    }

    enum Expected: String {
        case success = "success"
        case inputProblems = "the input had problems"
        case couldNotRun = "could not start or could not complete"
        case nothingToResume = "rematch --resume: nothing to resume"
    }

    /// One run of one command: the arguments (made in a fresh working folder that holds `inv.sqlite`, an
    /// inventory with the fixture units and recipients, when `needsInventory`), the code it must end with, and
    /// what must still hold afterwards.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let expected: Expected
        var needsInventory = false
        /// Without reference data: an empty `CORDMATCH_HOME` and no `--imgt-dir`.
        var noReferenceData = false
        let args: @Sendable (URL) throws -> [String]
        var after: @Sendable (URL, CLIProcess.Outcome) throws -> Void = { _, _ in }
        var testDescription: String { "\(name): \(expected.rawValue)" }
    }

    static let prepared: Result<URL, Error> = Result {
        let dir = try CLIProcess.sharedFolder("exit-inventory")
        let db = dir.appendingPathComponent("inv.sqlite").path
        for (kind, file) in [("units", "units.csv"), ("recipients", "recipients.csv")] {
            let r = try CLIProcess.run(["import", kind, "\(fixtures)/\(file)", "--db", db, "--imgt-dir", imgt])
            guard r.status == 0 else { throw CannotPrepare(reason: r.summary) }
        }
        return dir
    }

    struct CannotPrepare: Error { let reason: String }

    static func nothingCreated(_ names: String...) -> @Sendable (URL, CLIProcess.Outcome) throws -> Void {
        { dir, _ in
            for n in names { #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(n).path), "\(n) was created") }
        }
    }

    static let ad = "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01"

    static let cases: [Case] = [
        // import units
        Case(name: "import units", expected: .success, args: { _ in ["import", "units", "\(fixtures)/units.csv", "--db", "new.sqlite", "--imgt-dir", imgt] }),
        Case(name: "import units, no file", expected: .couldNotRun, args: { _ in ["import", "units", "--db", "new.sqlite"] },
             after: nothingCreated("new.sqlite")),
        Case(name: "import units, missing file", expected: .couldNotRun, args: { _ in ["import", "units", "missing.csv", "--db", "new.sqlite", "--imgt-dir", imgt] },
             after: nothingCreated("new.sqlite", "new.sqlite-wal")),
        Case(name: "import units, a folder", expected: .couldNotRun, args: { d in ["import", "units", d.path, "--db", "new.sqlite", "--imgt-dir", imgt] },
             after: nothingCreated("new.sqlite")),
        Case(name: "import units, no reference data", expected: .couldNotRun, noReferenceData: true,
             args: { _ in ["import", "units", "\(fixtures)/units.csv", "--db", "new.sqlite"] }, after: nothingCreated("new.sqlite")),
        Case(name: "import units, bad rows", expected: .inputProblems, args: { _ in ["import", "units", "\(fixtures)/units-bad.csv", "--db", "new.sqlite", "--imgt-dir", imgt] }),
        // import recipients
        Case(name: "import recipients", expected: .success, args: { _ in ["import", "recipients", "\(fixtures)/recipients.csv", "--db", "new.sqlite", "--imgt-dir", imgt] }),
        Case(name: "import recipients, unknown option", expected: .couldNotRun, args: { _ in ["import", "recipients", "\(fixtures)/recipients.csv", "--dbb", "x"] }),
        Case(name: "import recipients, missing file", expected: .couldNotRun,
             args: { _ in ["import", "recipients", "missing.csv", "--db", "new.sqlite", "--imgt-dir", imgt] }, after: nothingCreated("new.sqlite")),
        // gen
        Case(name: "gen", expected: .success, args: { _ in ["gen", "units", "--count", "3", "--imgt-dir", imgt] }),
        Case(name: "gen, unknown kind", expected: .couldNotRun, args: { _ in ["gen", "planets"] }),
        Case(name: "gen, no reference data", expected: .couldNotRun, noReferenceData: true, args: { _ in ["gen", "units", "--count", "3"] }),
        // search
        Case(name: "search", expected: .success, needsInventory: true,
             args: { _ in ["search", "--db", "inv.sqlite", "--recipient", "R-0001", "--search-date", "2026-01-15", "--imgt-dir", imgt] }),
        Case(name: "search, no recipient", expected: .couldNotRun, needsInventory: true, args: { _ in ["search", "--db", "inv.sqlite", "--imgt-dir", imgt] }),
        Case(name: "search, missing database", expected: .couldNotRun, args: { _ in ["search", "--db", "missing.sqlite", "--hla", ad, "--imgt-dir", imgt] },
             after: nothingCreated("missing.sqlite", "missing.sqlite-wal", "missing.sqlite-index")),
        Case(name: "search, unknown recipient", expected: .inputProblems, needsInventory: true,
             args: { _ in ["search", "--db", "inv.sqlite", "--recipient", "R-9999", "--imgt-dir", imgt] }),
        Case(name: "search, bad typing", expected: .inputProblems, needsInventory: true,
             args: { _ in ["search", "--db", "inv.sqlite", "--hla", "A*02:01+", "--imgt-dir", imgt] }),
        // explain
        Case(name: "explain", expected: .success, needsInventory: true,
             args: { _ in ["explain", "--db", "inv.sqlite", "--recipient", "R-0001", "--unit", "DEMO-0002", "--imgt-dir", imgt] }),
        Case(name: "explain, no unit", expected: .couldNotRun, needsInventory: true, args: { _ in ["explain", "--db", "inv.sqlite", "--recipient", "R-0001"] }),
        Case(name: "explain, missing database", expected: .couldNotRun,
             args: { _ in ["explain", "--db", "missing.sqlite", "--recipient", "R-0001", "--unit", "DEMO-0002", "--imgt-dir", imgt] }, after: nothingCreated("missing.sqlite")),
        Case(name: "explain, unknown unit", expected: .inputProblems, needsInventory: true,
             args: { _ in ["explain", "--db", "inv.sqlite", "--recipient", "R-0001", "--unit", "NO-SUCH", "--imgt-dir", imgt] }),
        // match
        Case(name: "match", expected: .success, args: { _ in ["match", "--recipient", ad, "--unit", ad, "--imgt-dir", imgt] }),
        Case(name: "match, no unit", expected: .couldNotRun, args: { _ in ["match", "--recipient", ad] }),
        Case(name: "match, missing policy file", expected: .couldNotRun,
             args: { _ in ["match", "--recipient", ad, "--unit", ad, "--policy", "missing.json", "--imgt-dir", imgt] }),
        Case(name: "match, bad typing", expected: .inputProblems, args: { _ in ["match", "--recipient", "A*02:01+", "--unit", ad, "--imgt-dir", imgt] }),
        // rematch
        Case(name: "rematch", expected: .success, needsInventory: true,
             args: { _ in ["rematch", "--db", "inv.sqlite", "--quiet", "--search-date", "2026-01-15", "--imgt-dir", imgt] }),
        Case(name: "rematch, limit 0", expected: .couldNotRun, needsInventory: true, args: { _ in ["rematch", "--db", "inv.sqlite", "--limit", "0"] }),
        Case(name: "rematch, missing database", expected: .couldNotRun, args: { _ in ["rematch", "--db", "missing.sqlite", "--imgt-dir", imgt] },
             after: nothingCreated("missing.sqlite", "missing.sqlite.rematch.lock")),
        Case(name: "rematch --status, missing database", expected: .couldNotRun, args: { _ in ["rematch", "--db", "missing.sqlite", "--status", "--imgt-dir", imgt] },
             after: nothingCreated("missing.sqlite")),
        Case(name: "rematch --resume, nothing to resume", expected: .nothingToResume, needsInventory: true,
             args: { _ in ["rematch", "--db", "inv.sqlite", "--resume", "--imgt-dir", imgt] }),
        // verify
        Case(name: "verify", expected: .success, args: { _ in ["verify", "\(root.path)/fixtures/scenarios/hvg-only-homozygous-recipient.json", "--imgt-dir", imgt] }),
        Case(name: "verify, no paths", expected: .couldNotRun, args: { _ in ["verify"] }),
        Case(name: "verify, no scenario files", expected: .couldNotRun, args: { d in ["verify", d.path, "--imgt-dir", imgt] }),
        Case(name: "verify, report not writable", expected: .couldNotRun,
             args: { d in ["verify", "\(root.path)/fixtures/scenarios/hvg-only-homozygous-recipient.json", "--out", d.appendingPathComponent("no/such/folder/v.txt").path, "--imgt-dir", imgt] }),
        // policy
        Case(name: "policy show", expected: .success, args: { _ in ["policy", "show", "malignant"] }),
        Case(name: "policy show, no policy", expected: .couldNotRun, args: { _ in ["policy", "show"] }),
        Case(name: "policy show, missing file", expected: .couldNotRun, args: { _ in ["policy", "show", "missing.json"] }),
        Case(name: "policy check", expected: .success, args: { d in
            let file = d.appendingPathComponent("p.json")
            try CLIProcess.run(["policy", "show", "non-malignant"]).out.write(to: file, atomically: true, encoding: .utf8)
            return ["policy", "check", file.path]
        }),
        Case(name: "policy check, no files", expected: .couldNotRun, args: { _ in ["policy", "check"] }),
        Case(name: "policy check, invalid file", expected: .inputProblems, args: { d in
            let file = d.appendingPathComponent("p.json")
            try "{\"name\": 3}".write(to: file, atomically: true, encoding: .utf8)
            return ["policy", "check", file.path]
        }),
        // hla
        Case(name: "hla reduce", expected: .success, args: { _ in ["hla", "reduce", "--to", "G", "A*01:01:01:01", "--imgt-dir", imgt] }),
        Case(name: "hla reduce, no level", expected: .couldNotRun, args: { _ in ["hla", "reduce", "A*01:01"] }),
        Case(name: "hla reduce, no reference data", expected: .couldNotRun, noReferenceData: true, args: { _ in ["hla", "reduce", "--to", "G", "A*01:01"] }),
        Case(name: "hla reduce, bad line", expected: .inputProblems, args: { _ in ["hla", "reduce", "--to", "G", "A*01:01", "B*07:02+", "--imgt-dir", imgt] }),
        Case(name: "hla expand", expected: .success, args: { _ in ["hla", "expand", "A*02:XX", "--imgt-dir", imgt] }),
        Case(name: "hla expand, unknown option", expected: .couldNotRun, args: { _ in ["hla", "expand", "--to", "G", "A*02:XX"] }),
        Case(name: "hla expand, no reference data", expected: .couldNotRun, noReferenceData: true, args: { _ in ["hla", "expand", "A*02:XX"] }),
        Case(name: "hla validate", expected: .success, args: { _ in ["hla", "validate", "A*02:01", "--imgt-dir", imgt] }),
        Case(name: "hla validate, bad format", expected: .couldNotRun, args: { _ in ["hla", "validate", "--format", "xml", "A*02:01"] }),
        Case(name: "hla validate, no reference data", expected: .couldNotRun, noReferenceData: true, args: { _ in ["hla", "validate", "A*02:01"] }),
        // data
        Case(name: "data status", expected: .success, noReferenceData: true, args: { _ in ["data", "status"] }),
        Case(name: "data status, unknown option", expected: .couldNotRun, args: { _ in ["data", "status", "--all"] }),
        Case(name: "data status, damaged MAC table", expected: .couldNotRun, noReferenceData: true, args: { d in
            let mac = d.appendingPathComponent("home/mac/mac-codes.txt")
            try FileManager.default.createDirectory(at: mac.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "this is not a MAC table\n".write(to: mac, atomically: true, encoding: .utf8)
            return ["data", "status"]
        }),
        Case(name: "data install", expected: .success, noReferenceData: true, args: { d in
            let release = d.appendingPathComponent("release")
            try MiniatureRelease.write(to: release)
            return ["data", "install", "--from", release.path]
        }),
        Case(name: "data install, nothing to install", expected: .couldNotRun, noReferenceData: true, args: { _ in ["data", "install"] }),
        Case(name: "data install, missing folder", expected: .couldNotRun, noReferenceData: true, args: { _ in ["data", "install", "--from", "missing"] },
             after: nothingCreated("home/imgt")),
        Case(name: "data use", expected: .success, noReferenceData: true, args: { d in
            try installMiniatureRelease(home: d.appendingPathComponent("home"))
            return ["data", "use", MiniatureRelease.version]
        }),
        Case(name: "data use, no version", expected: .couldNotRun, noReferenceData: true, args: { _ in ["data", "use"] }),
        Case(name: "data use, missing database", expected: .couldNotRun, noReferenceData: true, args: { d in
            try installMiniatureRelease(home: d.appendingPathComponent("home"))
            return ["data", "use", MiniatureRelease.version, "--db", "missing.sqlite"]
        }, after: nothingCreated("missing.sqlite", "home/imgt/DEFAULT")),
        Case(name: "data use, release not installed", expected: .couldNotRun, noReferenceData: true, args: { _ in ["data", "use", "9.99.0"] }),
        // demo
        Case(name: "demo", expected: .success, args: { _ in ["demo", "--imgt-dir", imgt] }),
        Case(name: "demo, unknown option", expected: .couldNotRun, args: { _ in ["demo", "--fast"] }),
        Case(name: "demo, no reference data", expected: .couldNotRun, noReferenceData: true, args: { _ in ["demo", "--db", "demo.sqlite"] },
             after: nothingCreated("demo.sqlite")),
        // bench
        Case(name: "bench hla", expected: .success, args: { d in
            try "A*01:01:01:01\nA*02:XX\n".write(to: d.appendingPathComponent("in.txt"), atomically: true, encoding: .utf8)
            return ["bench", "hla", "--input", "in.txt", "--to", "G", "--passes", "1", "--imgt-dir", imgt]
        }),
        Case(name: "bench hla, no input", expected: .couldNotRun, args: { _ in ["bench", "hla"] }),
        Case(name: "bench hla, missing input", expected: .couldNotRun, args: { _ in ["bench", "hla", "--input", "missing.txt", "--imgt-dir", imgt] }),
        Case(name: "bench scoring", expected: .success, args: { _ in ["bench", "scoring", "--units", "20", "--seconds", "0.01", "--imgt-dir", imgt] }),
        Case(name: "bench scoring, not a number", expected: .couldNotRun, args: { _ in ["bench", "scoring", "--units", "many"] }),
        Case(name: "bench scoring, no reference data", expected: .couldNotRun, noReferenceData: true, args: { _ in ["bench", "scoring", "--units", "20"] }),
        Case(name: "bench search", expected: .success, needsInventory: true,
             args: { _ in ["bench", "search", "--db", "inv.sqlite", "--searches", "2", "--compare", "1", "--naive", "1", "--imgt-dir", imgt] }),
        Case(name: "bench search, unknown option", expected: .couldNotRun, args: { _ in ["bench", "search", "--fast"] }),
        Case(name: "bench search, missing database", expected: .couldNotRun,
             args: { _ in ["bench", "search", "--db", "missing.sqlite", "--searches", "2", "--imgt-dir", imgt] }, after: nothingCreated("missing.sqlite")),
        Case(name: "bench pages", expected: .success, needsInventory: true,
             args: { _ in ["bench", "pages", "--db", "inv.sqlite", "--searches", "1", "--renders", "1", "--search-date", "2026-01-15", "--imgt-dir", imgt] },
             after: { _, r in
                 #expect(r.out.contains("R-0001: ") && r.out.contains("all 2 recipients: search "), "\(r.summary)")
             }),
        Case(name: "bench pages, unknown recipient", expected: .inputProblems, needsInventory: true,
             args: { _ in ["bench", "pages", "--db", "inv.sqlite", "--recipient", "NOBODY", "--searches", "1", "--renders", "1", "--imgt-dir", imgt] }),
        Case(name: "bench pages, missing database", expected: .couldNotRun,
             args: { _ in ["bench", "pages", "--db", "missing.sqlite", "--imgt-dir", imgt] }, after: nothingCreated("missing.sqlite")),
        // the root command
        Case(name: "cordmatch --help", expected: .success, args: { _ in ["--help"] }),
        Case(name: "cordmatch, unknown command", expected: .couldNotRun, args: { _ in ["frobnicate"] }),
    ]

    /// Installs the miniature release into `home` through `cordmatch data install`.
    static func installMiniatureRelease(home: URL) throws {
        let release = try MiniatureRelease.temporaryFolder()
        let r = try CLIProcess.run(["data", "install", "--from", release.path], environment: ["CORDMATCH_HOME": home.path])
        guard r.status == 0 else { throw CannotPrepare(reason: r.summary) }
    }

    @Test func theTableIsDocumented() {
        #expect(Set(Self.documented.keys) == [0, 1, 2, 3, 4], "\(Self.documented)")
        for e in [Expected.success, .inputProblems, .couldNotRun, .nothingToResume] { #expect(Self.code(e.rawValue) >= 0, "\(e.rawValue)") }
    }

    @Test(arguments: cases)
    func exitCode(_ c: Case) throws {
        let dir = try TemporaryFolder("cordmatch-exit")
        if c.needsInventory {
            let source = try Self.prepared.get()
            for name in ["inv.sqlite", "inv.sqlite-index"] {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: dir.url(name))
            }
        }
        let home = dir.url("home")
        let args = try c.args(dir.url)
        let r = try CLIProcess.run(args, cwd: dir.url, environment: c.noReferenceData ? ["CORDMATCH_HOME": home.path] : [:])
        #expect(!r.signalled && r.status == Self.code(c.expected.rawValue), "\(args.joined(separator: " ")): \(r.summary)")
        if c.expected != .success {
            #expect(r.expectedMessage, "\(args.joined(separator: " ")): a failure says what went wrong: \(r.summary)")
        }
        try c.after(dir.url, r)
    }

    /// The root `--help` shows the same table as docs/OPERATIONS.md, line for line.
    @Test func rootHelpShowsTheDocumentedTable() throws {
        let help = try CLIProcess.run(["--help"])
        #expect(help.status == 0)
        let rows = help.out.split(separator: "\n").compactMap { $0.firstMatch(of: /^ +(\d)  (.+)$/) }.map { (Int32($0.1)!, String($0.2)) }
        #expect(rows.map(\.0) == [0, 1, 2, 3, 4], "\(help.out)")
        for (code, meaning) in rows { #expect(Self.documented[code] == meaning, "code \(code): --help says \"\(meaning)\", docs/OPERATIONS.md \"\(Self.documented[code] ?? "nothing")\"") }
    }

    /// A disk that fills up during an import — a file-size limit, then a small file system — stops the import with
    /// exit code 2 and the reason (not 1, "bad rows", and not a signal), and the database is as it was.
    @Test func aFullDiskDuringImportIsTwoAndChangesNothing() throws {
        let dir = try TemporaryFolder("cordmatch-full-import")
        let big = dir.url("big.csv")
        try CLIProcess.run(["gen", "units", "--count", "20000", "--seed", "9", "--imgt-dir", Self.imgt]).out.write(to: big, atomically: true, encoding: .utf8)
        let db = dir.url("inv.sqlite").path
        #expect(try CLIProcess.run(["import", "units", "\(Self.fixtures)/units.csv", "--db", db, "--imgt-dir", Self.imgt]).status == 0)
        let search = ["search", "--hla", Self.ad, "--format", "json", "--imgt-dir", Self.imgt]
        func scanned(_ out: String) -> Int? {
            (try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])?["scanned"] as? Int
        }

        let limited = try CLIProcess.run(["import", "units", big.path, "--db", db, "--imgt-dir", Self.imgt], shell: "ulimit -f 2048")
        #expect(!limited.signalled && limited.status == Self.code(Expected.couldNotRun.rawValue), "\(limited.summary)")
        #expect(limited.err.contains("cannot write the inventory \(db)") && limited.err.contains("nothing of this change was saved"), "\(limited.summary)")
        #expect(scanned(try CLIProcess.run(search + ["--db", db]).out) == 8)

        let stored = "\(MountedStorage.placeholder)/inv.sqlite"
        let results = try MountedStorage.run(.small(kilobytes: 1024, copying: [db]), [
            ["import", "units", big.path, "--db", stored, "--imgt-dir", Self.imgt], search + ["--db", stored],
        ], cwd: dir.url)
        #expect(!results[0].signalled && results[0].status == Self.code(Expected.couldNotRun.rawValue), "\(results[0].summary)")
        #expect(results[0].err.contains("the disk is full"), "\(results[0].summary)")
        #expect(results[1].status == 0 && scanned(results[1].out) == 8, "\(results[1].summary)")
    }

    /// A usage error is 2, as documented (argument-parser's own code would be 64), and says what is wrong.
    @Test func usageErrorsAreTwoNotSixtyFour() throws {
        let r = try CLIProcess.run(["search", "--limit", "many"])
        #expect(r.status == 2 && r.err.contains("--limit") && r.err.contains("Usage:"), "\(r.summary)")
    }
}

extension CLIProcess.Outcome {
    /// True when a failing run said something on standard error (or, for input problems, reported them).
    var expectedMessage: Bool { !err.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || out.contains("ERROR") }
}
