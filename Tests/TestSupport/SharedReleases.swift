import CordMatch
import Foundation
import HLA

/// The real reference data beside the package, `../shared`: IPD-IMGT/HLA releases (`imgt-hla/<version>`) and the
/// DPB1 T-cell-epitope table (`dpb1-tce/dpb_tce.csv`). Each release is loaded once per test process, through the
/// snapshot cache of the user's data directory (as in production), and each resolver made once, so that its memo
/// of expansions is shared by every test.
public enum SharedReleases {
    /// `../shared`.
    public static let root = PackageFolder.root.deletingLastPathComponent().appendingPathComponent("shared")

    /// The releases the tests use; `current` is the one most tests match with.
    public static let versions = ["3.56.0", "3.58.0"]
    /// The release most tests use.
    public static let current = "3.58.0"

    /// The folder of a release.
    /// - Parameter version: The release (`versions`), `current` by default.
    /// - Returns: Its folder in `../shared/imgt-hla`.
    public static func folder(_ version: String = current) -> ReleaseFolder {
        ReleaseFolder(root.appendingPathComponent("imgt-hla/\(version)"))
    }

    /// The path of a release's folder (for `--imgt-dir`).
    /// - Parameter version: The release, `current` by default.
    /// - Returns: The folder's path.
    public static func path(_ version: String = current) -> String { folder(version).url.path }

    /// The DPB1 T-cell-epitope table's file.
    public static let tceFile = root.appendingPathComponent("dpb1-tce/dpb_tce.csv")

    /// A release, compiled (or read from its snapshot) once per test process.
    /// - Parameter version: The release, `current` by default.
    /// - Returns: Its reference data.
    /// - Throws: `ReferenceDataError` for a version the tests do not use, or the loader's error.
    public static func release(_ version: String = current) throws -> ReferenceData {
        guard let loaded = loaded[version] else { throw ReferenceDataError.notInstalled("the tests use IMGT/HLA \(versions), not \(version)") }
        return try loaded.get()
    }

    /// A resolver of a release without MAC or TCE tables, one per version for the process.
    /// - Parameter version: The release, `current` by default.
    /// - Returns: The resolver.
    /// - Throws: What `release(_:)` throws.
    public static func resolver(_ version: String = current) throws -> TypingResolver {
        guard let made = plainResolvers[version] else { throw ReferenceDataError.notInstalled("the tests use IMGT/HLA \(versions), not \(version)") }
        return try made.get()
    }

    /// The resolver of the current release with the DPB1 T-cell-epitope table, one for the process.
    /// - Returns: The resolver.
    /// - Throws: What `release(_:)` and `tce()` throw.
    public static func resolverWithTCE() throws -> TypingResolver { try tceResolver.get() }

    /// The DPB1 T-cell-epitope table, read once for the process.
    /// - Returns: The table.
    /// - Throws: The table's error when the file cannot be read.
    public static func tce() throws -> DPB1TCETable { try tceTable.get() }

    private static let loaded: [String: Result<ReferenceData, Error>] = Dictionary(uniqueKeysWithValues: versions.map { v in
        (v, Result { try ReferenceDataLoader.load(folder(v), snapshotDirectory: DataDirectory.resolve().snapshotDirectory).0 })
    })

    private static let plainResolvers: [String: Result<TypingResolver, Error>] = Dictionary(uniqueKeysWithValues: versions.map { v in
        (v, Result { TypingResolver(try release(v)) })
    })

    private static let tceTable = Result { try DPB1TCETable.load(tceFile) }

    private static let tceResolver = Result { TypingResolver(try release(), tce: try tce()) }
}
