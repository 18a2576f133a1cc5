import ArgumentParser
import CordMatch
import Foundation
import HLA

/// The options that pick a reference release: `--imgt-dir`, else `--imgt-version` (installed), else
/// `$CORDMATCH_IMGT_DIR`, else the installed default.
struct ReferenceOptions: ParsableArguments {
    @Option(name: .customLong("imgt-version"), help: "Installed IPD-IMGT/HLA release to use, e.g. 3.58.0 (default: the installed default).")
    var version: String?

    @Option(name: .customLong("imgt-dir"), help: ArgumentHelp("Use this IPD-IMGT/HLA release folder directly.", valueName: "dir"))
    var directory: String?

    /// The release folder these options name.
    func folder() throws -> ReleaseFolder {
        if let d = directory { return ReleaseFolder(URL(fileURLWithPath: d)) }
        if let env = ProcessInfo.processInfo.environment["CORDMATCH_IMGT_DIR"], !env.isEmpty {
            let found = DataDirectory.releases(at: URL(fileURLWithPath: env))
            if let version, let named = found.first(where: { $0.url.lastPathComponent == version }) { return named }
            if version == nil, let newest = found.last { return newest }
        }
        return try DataDirectory.resolve().release(version)
    }

    /// Loads the release (through the snapshot cache) and, when `needMACs`, the installed MAC table.
    func load(needMACs: Bool = false) throws -> (ReferenceData, MACTable?) {
        let home = DataDirectory.resolve()
        let (data, _) = try ReferenceDataLoader.load(try folder(), snapshotDirectory: home.snapshotDirectory)
        return (data, needMACs ? try home.installedMACs() : nil)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}
