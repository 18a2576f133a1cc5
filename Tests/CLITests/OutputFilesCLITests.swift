import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// Every kind of file cordmatch writes is owner-only (files 0600, folders 0700) — checked with the processes run
/// under `umask 000`, so that only the modes cordmatch sets itself count — and a symbolic link planted at each
/// output path is refused (or replaced), never written through: the file it leads to stays as it was.
@Suite struct OutputFilesCLITests {
    static let imgt = CLITests.imgt
    static let fixtures = PackageFolder.fixture("inventory").path
    static let scenario = PackageFolder.fixture("scenarios/hvg-only-homozygous-recipient.json").path
    static let permissive = "umask 000"

    static func run(_ args: [String], in dir: TemporaryFolder, environment: [String: String?] = [:]) throws -> CLIProcess.Outcome {
        try CLIProcess.run(args, cwd: dir.url, environment: environment, shell: permissive)
    }

    /// Expects every path to exist with `mode`.
    static func expectMode(_ mode: Int, _ paths: [String], _ context: String) {
        for p in paths {
            let m = CLIProcess.mode(p)
            #expect(m == mode, "\(context): \(p) has mode \(m.map { String($0, radix: 8) } ?? "none"), not \(String(mode, radix: 8))")
        }
    }

    /// Every file and folder below `root` (the root included), not following links.
    static func tree(_ root: URL) -> [String] {
        var all = [root.path]
        let e = FileManager.default.enumerator(atPath: root.path)
        while let name = e?.nextObject() as? String { all.append(root.appendingPathComponent(name).path) }
        return all
    }

    static func isFolder(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    @Test func everyKindOfOutputIsOwnerOnly() throws {
        let dir = try TemporaryFolder("cordmatch-modes")
        let db = dir.url("inv.sqlite").path
        // import → the database and the index copy beside it
        var r = try Self.run(["import", "units", "\(Self.fixtures)/units.csv", "--db", db, "--imgt-dir", Self.imgt], in: dir)
        #expect(r.status == 0, "\(r.summary)")
        r = try Self.run(["import", "recipients", "\(Self.fixtures)/recipients.csv", "--db", db, "--imgt-dir", Self.imgt], in: dir)
        #expect(r.status == 0, "\(r.summary)")
        Self.expectMode(0o600, [db, db + "-index"], "import")
        // import --skip-invalid → the rejects file
        let rejects = dir.url("rejected.csv").path
        r = try Self.run(["import", "units", "\(Self.fixtures)/units-bad.csv", "--skip-invalid", "--rejects", rejects, "--db", db, "--imgt-dir", Self.imgt], in: dir)
        #expect(r.status == 0, "\(r.summary)")
        Self.expectMode(0o600, [rejects], "import --skip-invalid")
        // rematch, killed while it holds the database open → its -wal, -shm and lock file
        r = try Self.run(["rematch", "--db", db, "--quiet", "--imgt-dir", Self.imgt], in: dir, environment: ["CORDMATCH_TEST_KILL_AT": "run-begun"])
        #expect(r.signalled && r.status == SIGKILL, "\(r.summary)")
        Self.expectMode(0o600, [db + "-wal", db + "-shm", db + ".rematch.lock"], "rematch (killed)")
        // rematch --out → the report
        let report = dir.url("report.html").path
        r = try Self.run(["rematch", "--db", db, "--resume", "--quiet", "--format", "html", "--out", report, "--imgt-dir", Self.imgt], in: dir)
        #expect(r.status == 0, "\(r.summary)")
        Self.expectMode(0o600, [report], "rematch --out")
        // verify --out
        let verify = dir.url("verify.xml").path
        r = try Self.run(["verify", Self.scenario, "--format", "junit", "--out", verify, "--root", PackageFolder.root.path, "--imgt-dir", Self.imgt], in: dir)
        #expect(r.status == 0, "\(r.summary)")
        Self.expectMode(0o600, [verify], "verify --out")
        // demo --db
        let demo = dir.url("demo.sqlite").path
        r = try Self.run(["demo", "--db", demo, "--imgt-dir", Self.imgt], in: dir)
        #expect(r.status == 0, "\(r.summary)")
        Self.expectMode(0o600, [demo, demo + "-index"], "demo --db")
        // Nothing else appeared in the working folder, and nothing in it is readable by others.
        for p in Self.tree(dir.url) where p != dir.path {
            #expect(CLIProcess.mode(p) == 0o600, "\(p) has mode \(CLIProcess.mode(p).map { String($0, radix: 8) } ?? "none")")
        }
    }

    @Test func dataInstallWritesOwnerOnlyFilesAndFolders() throws {
        let dir = try TemporaryFolder("cordmatch-home-modes")
        let home = dir.url("home")
        let release = try MiniatureRelease.temporaryFolder()
        let env: [String: String?] = ["CORDMATCH_HOME": home.path]
        let mac = PackageFolder.macSample.path
        let tce = SharedReleases.tceFile.path
        var r = try Self.run(["data", "install", "--from", release.path, "--mac", mac, "--tce", tce], in: dir, environment: env)
        #expect(r.status == 0, "\(r.summary)")
        r = try Self.run(["data", "use", MiniatureRelease.version], in: dir, environment: env)  // writes imgt/DEFAULT
        #expect(r.status == 0, "\(r.summary)")
        let all = Self.tree(home)
        let folders = all.filter(Self.isFolder), files = all.filter { !Self.isFolder($0) }
        Self.expectMode(0o700, folders, "data install (folder)")
        Self.expectMode(0o600, files, "data install (file)")
        // Release files, the MAC and TCE tables, the default, and the compiled snapshot are all there.
        for part in ["imgt/\(MiniatureRelease.version)/wmda/hla_nom_g.txt", "imgt/DEFAULT", "mac/mac-codes.txt", "tce/dpb_tce.csv", "cache/imgt-\(MiniatureRelease.version)-"] {
            #expect(files.contains { $0.contains(part) }, "\(part) was not written: \(files)")
        }
    }

    @Test func genWritesStandardOutputOnly() throws {
        let dir = try TemporaryFolder("cordmatch-gen")
        let r = try Self.run(["gen", "units", "--count", "5", "--imgt-dir", Self.imgt], in: dir)
        #expect(r.status == 0 && r.out.split(separator: "\n").count == 6, "\(r.summary)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// A file outside the outputs, which a planted link leads to; it must keep its bytes (and not be created).
    struct Target {
        let path: String
        static let bytes = "not cordmatch's file\n"
        init(_ dir: TemporaryFolder, exists: Bool = true) throws {
            path = dir.url("elsewhere-\(UUID().uuidString)").path
            if exists { try Self.bytes.write(toFile: path, atomically: false, encoding: .utf8) }
        }
        func untouched(exists: Bool = true) -> Bool {
            exists ? (try? String(contentsOfFile: path, encoding: .utf8)) == Self.bytes : !FileManager.default.fileExists(atPath: path)
        }
    }

    static func plant(_ link: String, to target: Target) throws {
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target.path)
    }

    @Test func aLinkPlantedAtAnyOutputIsRefusedAndItsTargetUntouched() throws {
        let dir = try TemporaryFolder("cordmatch-links")
        let db = dir.url("inv.sqlite").path
        func ok(_ args: [String]) throws {
            let r = try Self.run(args + ["--imgt-dir", Self.imgt], in: dir)
            #expect(r.status == 0, "\(args): \(r.summary)")
        }
        func refused(_ args: [String], _ link: String, _ target: Target, exists: Bool = true, imgt: Bool = true,
                     environment: [String: String?] = [:]) throws {
            let r = try Self.run(args + (imgt ? ["--imgt-dir", Self.imgt] : []), in: dir, environment: environment)
            #expect(r.status == 2 && r.err.contains("symbolic link"), "\(args): \(r.summary)")
            #expect(target.untouched(exists: exists), "\(args): the file \(link) leads to was changed")
        }
        try ok(["import", "units", "\(Self.fixtures)/units.csv", "--db", db])
        try ok(["import", "recipients", "\(Self.fixtures)/recipients.csv", "--db", db])

        // The database itself, an existing file or a dangling link: refused by every command that writes.
        let linkedDB = dir.url("linked.sqlite").path
        let existing = try Target(dir), dangling = try Target(dir, exists: false)
        try Self.plant(linkedDB, to: existing)
        try refused(["import", "units", "\(Self.fixtures)/units.csv", "--db", linkedDB], linkedDB, existing)
        try refused(["rematch", "--db", linkedDB], linkedDB, existing)
        let danglingDB = dir.url("dangling.sqlite").path
        try Self.plant(danglingDB, to: dangling)
        try refused(["import", "recipients", "\(Self.fixtures)/recipients.csv", "--db", danglingDB], danglingDB, dangling, exists: false)
        try refused(["demo", "--db", danglingDB], danglingDB, dangling, exists: false)

        // SQLite's files beside the database.
        for suffix in ["-wal", "-shm"] {
            let target = try Target(dir)
            try Self.plant(db + suffix, to: target)
            try refused(["import", "units", "\(Self.fixtures)/units.csv", "--db", db], db + suffix, target)
            try FileManager.default.removeItem(atPath: db + suffix)
        }
        // The index copy: not written through (the import succeeds; searches read the index from the database).
        let indexTarget = try Target(dir)
        try FileManager.default.removeItem(atPath: db + "-index")
        try Self.plant(db + "-index", to: indexTarget)
        try ok(["import", "units", "\(PackageFolder.root.path)/fixtures/rematch/day2-units.csv", "--db", db])
        #expect(indexTarget.untouched(), "the index was written through a link")
        try FileManager.default.removeItem(atPath: db + "-index")

        // The rematch lock.
        let lockTarget = try Target(dir)
        try Self.plant(db + ".rematch.lock", to: lockTarget)
        try refused(["rematch", "--db", db, "--quiet"], db + ".rematch.lock", lockTarget)
        try FileManager.default.removeItem(atPath: db + ".rematch.lock")
        // A hard link there would make cordmatch truncate the file it shares: refused too.
        let hardTarget = try Target(dir)
        try FileManager.default.linkItem(atPath: hardTarget.path, toPath: db + ".rematch.lock")
        let hard = try Self.run(["rematch", "--db", db, "--quiet", "--imgt-dir", Self.imgt], in: dir)
        #expect(hard.status == 2 && hard.err.contains("hard links") && hardTarget.untouched(), "\(hard.summary)")
        try FileManager.default.removeItem(atPath: db + ".rematch.lock")

        // Reports, rejects, the verify report: refused before anything runs.
        let report = dir.url("report.json").path, reportTarget = try Target(dir)
        try Self.plant(report, to: reportTarget)
        try refused(["rematch", "--db", db, "--quiet", "--format", "json", "--out", report], report, reportTarget)
        #expect(!(try Self.run(["rematch", "--db", db, "--status", "--imgt-dir", Self.imgt], in: dir)).out.contains("finished"),
                "a run was made although its report could not be written")
        try refused(["rematch", "--db", db, "--report-only", "--out", report], report, reportTarget)
        let rejects = dir.url("rejects.csv").path, rejectsTarget = try Target(dir)
        try Self.plant(rejects, to: rejectsTarget)
        try refused(["import", "units", "\(Self.fixtures)/units-bad.csv", "--skip-invalid", "--db", db], rejects, rejectsTarget)
        let verify = dir.url("verify.txt").path, verifyTarget = try Target(dir)
        try Self.plant(verify, to: verifyTarget)
        try refused(["verify", Self.scenario, "--root", PackageFolder.root.path, "--out", verify], verify, verifyTarget)

        // Installed reference data.
        let home = dir.url("home")
        let env: [String: String?] = ["CORDMATCH_HOME": home.path]
        try FileManager.default.createDirectory(at: home.appendingPathComponent("mac"), withIntermediateDirectories: true)
        let macTarget = try Target(dir)
        try Self.plant(home.appendingPathComponent("mac/mac-codes.txt").path, to: macTarget)
        try refused(["data", "install", "--mac", PackageFolder.macSample.path],
                    "mac-codes.txt", macTarget, imgt: false, environment: env)
        let release = try MiniatureRelease.temporaryFolder()
        #expect(try Self.run(["data", "install", "--from", release.path], in: dir, environment: env).status == 0)
        let defaultTarget = try Target(dir)
        try Self.plant(home.appendingPathComponent("imgt/DEFAULT").path, to: defaultTarget)
        try refused(["data", "install", "--default", MiniatureRelease.version], "imgt/DEFAULT", defaultTarget, imgt: false, environment: env)
    }
}
