import Foundation
import HLA

/// Which IPD-IMGT/HLA release to use: a release folder given directly, else an installed version, else
/// `$CORDMATCH_IMGT_DIR`, else the installed default — and the resolver built from it with the installed MAC and
/// DPB1 TCE tables. The CLI's `--imgt-dir`/`--imgt-version` and `cordmatch serve` pick a release through this.
public struct ReleaseChoice: Sendable, Hashable {
    /// An installed version (`3.58.0`), or nil for the default.
    public var version: String?
    /// A release folder used directly, or nil.
    public var directory: String?

    public init(version: String? = nil, directory: String? = nil) {
        self.version = version
        self.directory = directory
    }

    /// The release folder this choice names.
    public func folder() throws -> ReleaseFolder {
        if let d = directory { return ReleaseFolder(URL(fileURLWithPath: d)) }
        if let env = ProcessInfo.processInfo.environment["CORDMATCH_IMGT_DIR"], !env.isEmpty {
            let found = DataDirectory.releases(at: URL(fileURLWithPath: env))
            if let version, let named = found.first(where: { $0.url.lastPathComponent == version }) { return named }
            if version == nil, let newest = found.last { return newest }
        }
        return try DataDirectory.resolve().release(version)
    }

    /// Loads the release (through the snapshot cache) and, when `needMACs`, the installed MAC table.
    public func load(needMACs: Bool = false) throws -> (ReferenceData, MACTable?) {
        let home = DataDirectory.resolve()
        let (data, _) = try ReferenceDataLoader.load(try folder(), snapshotDirectory: home.snapshotDirectory)
        return (data, needMACs ? try home.installedMACs() : nil)
    }

    /// A resolver for this release, with the installed MAC and TCE tables.
    public func resolver() throws -> TypingResolver {
        let (data, macs) = try load(needMACs: true)
        return TypingResolver(data, macs: macs, tce: try? DPB1TCETable.load(DataDirectory.resolve().tceFile))
    }
}
