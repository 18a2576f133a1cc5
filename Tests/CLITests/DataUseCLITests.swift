import CordMatch
import CordMatchTesting
import Foundation
import Testing

/// `data use V --db X` switches that database only: it keeps V (every later command on it uses V unless told
/// otherwise), while the default release, and every other database, stay as they were.
@Suite struct DataUseCLITests {
    @Test func aDatabaseSwitchedToAReleaseKeepsItAndTheDefaultStays() throws {
        let dir = try TemporaryFolder("cordmatch-use")
        let environment: [String: String?] = ["CORDMATCH_HOME": dir.path("home"), "CORDMATCH_IMGT_DIR": nil, "CORDMATCH_DB": nil]
        func ok(_ args: [String]) throws -> String {
            let r = try CLIProcess.run(args, cwd: dir.url, environment: environment)
            #expect(r.status == 0, "\(args.joined(separator: " ")): \(r.summary)")
            return r.out
        }
        // Two releases: the miniature one, and the same files under another version.
        let old = MiniatureRelease.version, new = "3.64.1-miniature"
        try MiniatureRelease.write(to: dir.url("old"))
        try MiniatureRelease.write(to: dir.url("new"))
        let versionFile = dir.url("new/release_version.txt")
        let text = try String(contentsOf: versionFile, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: versionFile, atomically: true, encoding: .utf8)
        _ = try ok(["data", "install", "--from", dir.path("old")])
        _ = try ok(["data", "install", "--from", dir.path("new"), "--default", old])

        for db in ["switched.sqlite", "other.sqlite"] {
            _ = try ok(["import", "units", FixtureInventory.unitsFile.path, "--db", db, "--quiet"])
            _ = try ok(["import", "recipients", FixtureInventory.recipientsFile.path, "--db", db])
        }
        func release(_ db: String) throws -> String? {
            let json = try ok(["search", "--db", db, "--recipient", FixtureInventory.child, "--format", "json",
                               "--search-date", FixtureInventory.searchDate.description])
            return json.firstMatch(of: /"imgt_version" : "([^"]+)"/).map { String($0.1) }
        }
        #expect(try release("switched.sqlite") == old && release("other.sqlite") == old)

        let use = try ok(["data", "use", new, "--db", "switched.sqlite"])
        #expect(use.contains("re-resolved") && !use.contains("default IMGT/HLA release"), "\(use)")
        #expect(try release("switched.sqlite") == new)
        #expect(try release("other.sqlite") == old)
        let status = try ok(["data", "status"])
        #expect(status.split(separator: "\n").contains { $0.contains(old) && $0.contains("(default)") }, "\(status)")
        // Named on the command line, another release still wins.
        let named = try ok(["search", "--db", "switched.sqlite", "--recipient", FixtureInventory.child, "--format", "json",
                            "--search-date", FixtureInventory.searchDate.description, "--imgt-version", old])
        #expect(named.contains("\"imgt_version\" : \"\(old)\""))
    }
}
