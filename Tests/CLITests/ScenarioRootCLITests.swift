import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// `cordmatch verify` reads only files inside the scenario root: a scenario naming a file outside it (an
/// absolute path, `..`, a symbolic link) is an error of that scenario, and nothing of the file is printed; a file
/// inside it that is not what the scenario says is refused briefly, without its first line.
@Suite struct ScenarioRootCLITests {
    static let imgt = CLITests.imgt
    static let secret = "root:x:0:0:SECRET-FIRST-LINE:/root:/bin/bash"

    static func scenario(unitsFile: String? = nil, policy: String? = nil, recipientPolicy: String? = nil) -> String {
        let units = unitsFile.map { "\"units_file\": \"\($0)\"" }
            ?? "\"units\": [{\"ID\": \"U1\", \"STATUS\": \"AV\", \"X_HLA_GL\": \"A*02:01+A*03:01^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01\", \"TNC\": \"1.2E9\", \"CD34PC\": \"3.1E6\"}]"
        return """
            {
              "schema": "cordmatch.scenario/1",
              "name": "root check",
              "imgt_version": "3.58.0",
              "search_date": "2026-01-15",
              \(policy.map { "\"policy\": \"\($0)\"," } ?? "")
              \(units),
              "recipients": [{"ID": "R1", "WEIGHT_KG": 18, "DISEASE": "non-malignant", "HLA": "A*02:01+A*02:01^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01"\(recipientPolicy.map { ", \"POLICY\": \"\($0)\"" } ?? "")}],
              "expect": [{"recipient": "R1", "unit": "U1", "eligible": true}]
            }
            """
    }

    @Test func filesOutsideTheRootAreRefusedAndNeverPrinted() throws {
        let dir = try TemporaryFolder("cordmatch-scenario-root")
        let root = dir.url("checks"), outside = dir.url("private")
        for d in [root, outside] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let secretFile = outside.appendingPathComponent("passwd")
        try (Self.secret + "\n").write(to: secretFile, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.csv").path, withDestinationPath: secretFile.path)
        let cases: [(String, String)] = [
            ("absolute", Self.scenario(unitsFile: secretFile.path)),
            ("dot-dot", Self.scenario(unitsFile: "../private/passwd")),
            ("link", Self.scenario(unitsFile: "link.csv")),
            ("policy", Self.scenario(policy: "../private/passwd")),
            ("recipient policy", Self.scenario(recipientPolicy: secretFile.path)),
        ]
        for (name, text) in cases {
            let file = root.appendingPathComponent("\(name.replacingOccurrences(of: " ", with: "-")).json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            for format in ["text", "junit"] {
                let r = try CLIProcess.run(["verify", file.path, "--root", root.path, "--format", format, "--imgt-dir", Self.imgt], cwd: root)
                #expect(r.status == 1, "\(name): \(r.summary)")
                #expect(r.out.contains("is outside the scenario root \(root.path)"), "\(name) (\(format)): \(r.out)")
                #expect(!(r.out + r.err).contains("SECRET"), "\(name) (\(format)) printed the file: \(r.out)")
            }
        }
    }

    @Test func theRootIsTheCurrentFolderByDefault() throws {
        let shipped = PackageFolder.fixture("scenarios/inventory-fixture-files.json").path
        // From the repository root, the shipped scenario's ../inventory/… files are inside it.
        let inside = try CLIProcess.run(["verify", shipped, "--imgt-dir", Self.imgt], cwd: PackageFolder.root)
        #expect(inside.status == 0, "\(inside.out)")
        // From its own folder, they are not.
        let scenarios = PackageFolder.fixture("scenarios")
        let outside = try CLIProcess.run(["verify", shipped, "--imgt-dir", Self.imgt], cwd: scenarios)
        #expect(outside.status == 1 && outside.out.contains("units_file \"../inventory/units.csv\" is outside the scenario root"), "\(outside.out)")
        let missing = try CLIProcess.run(["verify", shipped, "--root", "no-such-folder", "--imgt-dir", Self.imgt], cwd: scenarios)
        #expect(missing.status == 2 && missing.err.contains("the scenario root no-such-folder does not exist"), "\(missing.summary)")
    }

    /// A file inside the root that is not a unit CSV at all: one short error, nothing of its first line.
    @Test func aFileThatIsNotAUnitCSVIsSaidBriefly() throws {
        let dir = try TemporaryFolder("cordmatch-not-csv")
        try (Self.secret + "\nsecond line\n").write(to: dir.url("notes.txt"), atomically: true, encoding: .utf8)
        let file = dir.url("s.json")
        try Self.scenario(unitsFile: "notes.txt").write(to: file, atomically: true, encoding: .utf8)
        let r = try CLIProcess.run(["verify", file.path, "--imgt-dir", Self.imgt], cwd: dir.url)
        #expect(r.status == 1 && r.out.contains("notes.txt:1: not a unit CSV file"), "\(r.out)")
        #expect(!r.out.contains("SECRET"), "\(r.out)")
        // The importer says the same.
        let imported = try CLIProcess.run(["import", "units", "notes.txt", "--db", "x.sqlite", "--imgt-dir", Self.imgt], cwd: dir.url)
        #expect(imported.status == 1 && imported.err.contains("not a unit CSV file") && !imported.err.contains("SECRET"), "\(imported.summary)")
        let recipients = try CLIProcess.run(["import", "recipients", "notes.txt", "--db", "x.sqlite", "--imgt-dir", Self.imgt], cwd: dir.url)
        #expect(recipients.status == 1 && recipients.err.contains("not a recipient CSV file") && !recipients.err.contains("SECRET"), "\(recipients.summary)")
    }

    /// Column names in errors are excerpts: escaped, and cut at InputLimits.echoedBytes.
    @Test func columnNamesInErrorsAreEscapedAndShort() throws {
        let dir = try TemporaryFolder("cordmatch-columns")
        let long = String(repeating: "Z", count: 300)
        try "ID,STATUS,BIRTH_DATE,\u{1B}[31mRED,\(long)\nU1,AV,2020-01-01,x,y\n".write(to: dir.url("u.csv"), atomically: true, encoding: .utf8)
        let r = try CLIProcess.run(["import", "units", "u.csv", "--db", "x.sqlite", "--imgt-dir", Self.imgt], cwd: dir.url)
        #expect(r.status == 1 && r.err.contains("\\u{1B}[31mRED: unknown column"), "\(r.summary)")
        #expect(!r.err.contains("\u{1B}") && !r.err.contains(long) && r.err.contains("… (300 bytes)"), "\(r.summary)")
    }
}
