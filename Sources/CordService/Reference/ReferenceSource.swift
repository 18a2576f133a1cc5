import CordInventory
import CordMatch
import Foundation
import HLA

/// Where a run's reference data come from — the data directory (`$CORDMATCH_HOME`, else `~/.cordmatch`) and,
/// when `$CORDMATCH_IMGT_DIR` names one, a folder of release folders that takes precedence — and how they are wired
/// into a `TypingResolver`: the chosen release (through its compiled snapshot), the installed NMDP MAC table and the
/// installed DPB1 T-cell-epitope table.
public struct ReferenceSource: Sendable {
    /// The data directory: installed releases, MAC and TCE tables, snapshot cache.
    public let home: DataDirectory
    /// A folder of release folders (or one release folder) searched before the installed releases.
    public let releaseFolders: URL?

    /// - Parameters:
    ///   - home: the data directory.
    ///   - releaseFolders: a folder of release folders that takes precedence over the installed releases.
    public init(home: DataDirectory, releaseFolders: URL? = nil) {
        self.home = home
        self.releaseFolders = releaseFolders
    }

    /// The source this process's environment names: `$CORDMATCH_HOME` and `$CORDMATCH_IMGT_DIR`.
    ///
    /// - Parameter environment: The environment to read (an empty `CORDMATCH_IMGT_DIR` counts as unset).
    /// - Returns: The source: the data directory, and the release folders of `$CORDMATCH_IMGT_DIR` if set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ReferenceSource {
        let folders = environment["CORDMATCH_IMGT_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        return ReferenceSource(home: DataDirectory.resolve(environment), releaseFolders: folders)
    }

    /// The release folder of `choice`.
    ///
    /// - Throws: `ReferenceDataError.notInstalled` when the release is not installed.
    ///
    /// - Parameter choice: A folder, a version, or the standard release (the newest in `$CORDMATCH_IMGT_DIR`, else
    ///   the data directory's default).
    /// - Returns: The folder; a `.folder` choice is returned as it is, unchecked.
    public func folder(_ choice: ReleaseChoice) throws -> ReleaseFolder {
        if case .folder(let url) = choice { return ReleaseFolder(url) }
        let version: String? = if case .version(let v) = choice { v } else { nil }
        if let releaseFolders {
            let found = DataDirectory.releases(at: releaseFolders)
            if let version, let named = found.first(where: { $0.url.lastPathComponent == version }) { return named }
            if version == nil, let newest = found.last { return newest }
        }
        return try home.release(version)
    }

    /// The release a command on `store` uses: `named` when it names one, else the release the database's search
    /// index was built with (a database switched with `data use V --db` keeps V), else the default.
    ///
    /// - Throws: database errors.
    ///
    /// - Parameters:
    ///   - named: The release the command line names, or `.standard`.
    ///   - store: The inventory.
    /// - Returns: `named`, or `.version` of the release of the stored index.
    public func choice(_ named: ReleaseChoice, for store: InventoryStore) throws -> ReleaseChoice {
        guard named == .standard, let release = try store.indexRelease() else { return named }
        return .version(release)
    }

    /// The compiled release of `choice`, through the snapshot cache.
    ///
    /// - Throws: `ReferenceDataError` when it is not installed or its files are missing or malformed.
    ///
    /// - Parameter choice: The release.
    /// - Returns: The reference data.
    public func referenceData(_ choice: ReleaseChoice) throws -> ReferenceData {
        try ReferenceDataLoader.load(try folder(choice), snapshotDirectory: home.snapshotDirectory).0
    }

    /// The installed MAC table, if any.
    ///
    /// - Returns: The table, or nil when none is installed.
    /// - Throws: `ReferenceDataError.malformed` when the installed table does not read.
    public func macTable() throws -> MACTable? { try home.installedMACs() }

    /// The installed DPB1 T-cell-epitope table, if one is installed and readable (without it DPB1
    /// permissiveness is reported as unknown).
    ///
    /// - Returns: The table, or nil.
    public func tceTable() -> DPB1TCETable? { try? DPB1TCETable.load(home.tceFile) }

    /// The haplotype frequency sets installed in the data directory, compiled for `resolver`'s release (none
    /// installed: an empty set of sets, without building the release's small g groups).
    ///
    /// - Parameter resolver: the resolver of the release in use.
    /// - Returns: the sets.
    /// - Throws: when the list of installed sets cannot be read.
    public func haplotypeSets(_ resolver: TypingResolver) throws -> HaplotypeSets {
        try InstalledHaplotypeSets(home: home).sets(resolver: resolver)
    }

    /// A resolver for `choice`, with the installed TCE table and — unless `withMACs` is false (a nomenclature
    /// command whose inputs hold no MAC need not read the table) — the installed MAC table.
    ///
    /// - Throws: `ReferenceDataError` when the release or the MAC table cannot be read.
    ///
    /// - Parameters:
    ///   - choice: The release.
    ///   - withMACs: Whether to read the installed MAC table into the resolver.
    /// - Returns: The resolver.
    public func resolver(_ choice: ReleaseChoice, withMACs: Bool = true) throws -> TypingResolver {
        TypingResolver(try referenceData(choice), macs: withMACs ? try macTable() : nil, tce: tceTable())
    }
}
