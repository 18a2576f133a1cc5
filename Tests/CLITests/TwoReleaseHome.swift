import CordMatch
import CordMatchTesting
import Foundation
import Testing

/// A data directory with two installed releases — the miniature one (the default) and the same files under another
/// version — in a temporary folder that is also the working folder of the commands run in it.
struct TwoReleaseHome {
    /// The default release, and the other one.
    static let old = MiniatureRelease.version, new = "3.64.1-miniature"
    let folder: TemporaryFolder
    /// `CORDMATCH_HOME` in the folder; no `CORDMATCH_IMGT_DIR` or `CORDMATCH_DB` of the test's own.
    let environment: [String: String?]

    init() throws {
        folder = try TemporaryFolder("cordmatch-two-releases")
        environment = ["CORDMATCH_HOME": folder.path("home"), "CORDMATCH_IMGT_DIR": nil, "CORDMATCH_DB": nil]
        try MiniatureRelease.write(to: folder.url("old"))
        try MiniatureRelease.write(to: folder.url("new"))
        let versionFile = folder.url("new/release_version.txt")
        let text = try String(contentsOf: versionFile, encoding: .utf8)
        #expect(text.contains(Self.old))
        try text.replacingOccurrences(of: Self.old, with: Self.new).write(to: versionFile, atomically: true, encoding: .utf8)
        _ = try ok(["data", "install", "--from", folder.path("old")])
        _ = try ok(["data", "install", "--from", folder.path("new"), "--default", Self.old])
    }

    /// Runs `cordmatch args` in the folder and expects exit code 0.
    ///
    /// - Returns: what it printed.
    @discardableResult
    func ok(_ args: [String], stdin: String = "") throws -> String {
        let r = try CLIProcess.run(args, cwd: folder.url, environment: environment, stdin: stdin)
        #expect(r.status == 0, "\(args.joined(separator: " ")): \(r.summary)")
        return r.out
    }

    /// The fixture inventory imported into `db` (under the default release).
    func importFixtures(into db: String) throws {
        try ok(["import", "units", FixtureInventory.unitsFile.path, "--db", db, "--quiet"])
        try ok(["import", "recipients", FixtureInventory.recipientsFile.path, "--db", db])
    }

    /// The `imgt_version` a `cordmatch.search/1` or `cordmatch.explain/1` document names.
    static func release(of json: String) -> String? {
        json.firstMatch(of: /"imgt_version" : "([^"]+)"/).map { String($0.1) }
    }
}
