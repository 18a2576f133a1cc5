import ArgumentParser
import CordInventory
import CordMatch
import CordService
import Foundation
import HLA

/// The options that pick a reference release: `--imgt-dir`, else `--imgt-version` (installed, or in the folder
/// `$CORDMATCH_IMGT_DIR` names), else — for a command on a database — the database's own release, else the
/// installed default (`ReferenceSource`, `ReleaseChoice`).
struct ReferenceOptions: ParsableArguments {
    @Option(name: .customLong("imgt-version"), help: "Installed IPD-IMGT/HLA release to use, e.g. 3.58.0 (default: the database's own, else the installed default).")
    var version: String?

    @Option(name: .customLong("imgt-dir"), help: ArgumentHelp("Use this IPD-IMGT/HLA release folder directly.", valueName: "dir"))
    var directory: String?

    /// Where releases come from ($CORDMATCH_HOME, $CORDMATCH_IMGT_DIR).
    var source: ReferenceSource { .fromEnvironment() }

    /// The release these options name (`.standard` when they name none).
    var named: ReleaseChoice { ReleaseChoice(version: version, directory: directory) }

    /// The release these options name; for a command on `store`, the release of its search index when they name none.
    func choice(for store: InventoryStore? = nil) throws -> ReleaseChoice {
        guard let store else { return named }
        return try source.choice(named, for: store)
    }

    /// A resolver for the release these options name (for `store`: see `choice(for:)`), with the installed TCE
    /// table and, `withMACs`, the installed MAC table.
    func resolver(withMACs: Bool = true, for store: InventoryStore? = nil) throws -> TypingResolver {
        try source.resolver(try choice(for: store), withMACs: withMACs)
    }

    /// The compiled release these options name.
    func referenceData() throws -> ReferenceData { try source.referenceData(try choice()) }

    /// The installed MAC table when `needed` (a nomenclature command whose inputs hold no MAC need not read it).
    func macTable(if needed: Bool) throws -> MACTable? { needed ? try source.macTable() : nil }

    /// The release folder these options name.
    func folder() throws -> ReleaseFolder { try source.folder(try choice()) }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}
