import ArgumentParser
import Foundation
import CordMatch

/// The options that pick a reference release: `--imgt-dir`, else `--imgt-version` (installed), else
/// `$CORDMATCH_IMGT_DIR`, else the installed default.
struct ReferenceOptions: ParsableArguments {
    @Option(name: .customLong("imgt-version"), help: "Installed IPD-IMGT/HLA release to use, e.g. 3.58.0 (default: the installed default).")
    var version: String?

    @Option(name: .customLong("imgt-dir"), help: ArgumentHelp("Use this IPD-IMGT/HLA release folder directly.", valueName: "dir"))
    var directory: String?

    /// The release these options name.
    var choice: ReleaseChoice { ReleaseChoice(version: version, directory: directory) }

    /// The release folder these options name.
    func folder() throws -> ReleaseFolder { try choice.folder() }

    /// Loads the release (through the snapshot cache) and, when `needMACs`, the installed MAC table.
    func load(needMACs: Bool = false) throws -> (ReferenceData, MACTable?) { try choice.load(needMACs: needMACs) }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}
