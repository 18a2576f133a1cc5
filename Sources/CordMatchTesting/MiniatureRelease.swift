import CordMatch
import Foundation
import HLA

/// A hand-made IPD-IMGT/HLA release, small enough to ship, for tests that need matching to work end to end
/// without an installed release: 44 invented alleles at A, B, C, DRB1, DQB1 and DPB1 in the 3.64+ file layout
/// (`wmda/rel_dna_ser.txt` with the seventh field, the six-field copies in `wmda/pre2026/`), with null alleles,
/// G and P groups, serologic assignments, broad and split antigens, a renamed and a deleted allele
/// (docs/TESTING.md lists them). Not IPD-IMGT/HLA data: no row comes from a real release.
///
/// ```swift
/// let resolver = try MiniatureRelease.resolver()
/// let typing = try resolver.resolve("A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01")
/// ```
public enum MiniatureRelease {
    /// The release's version (`release_version.txt`): ordered before every real 3.64 release, and named so that it
    /// cannot replace one in a data directory.
    public static let version = "3.64.0-miniature"

    /// The shipped text of the release, every file of its folder in one (`PackedFolder`).
    static let packed = Result { PackedFolder(try BundledFile.text("miniature-3.64.release")) }

    /// The relative paths of the release's files.
    /// - Returns: `release_version.txt`, `wmda/rel_dna_ser.txt`, … in the order they are shipped.
    /// - Throws: `CocoaError` when the shipped file cannot be read.
    public static func files() throws -> [String] { try packed.get().files.map(\.path) }

    /// Writes the release folder's files into `folder` (created when missing).
    /// - Parameter folder: Where the release's files go.
    /// - Returns: `folder` as a release folder.
    /// - Throws: The file system's error when a file cannot be written.
    @discardableResult
    public static func write(to folder: URL) throws -> ReleaseFolder {
        try packed.get().unpack(into: folder)
        return ReleaseFolder(folder)
    }

    /// The release written into a new temporary folder (`ReleaseFolder(folder.url)` reads it).
    /// - Returns: The folder, removed when the value goes.
    /// - Throws: What `TemporaryFolder.init` and `write(to:)` throw.
    public static func temporaryFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("cordmatch-miniature")
        try write(to: folder.url)
        return folder
    }

    /// Installs the release into `directory`, as `cordmatch data install --from` does. Meant for a test's own data
    /// directory (`DataDirectory.resolve(["CORDMATCH_HOME": folder.path])` of a temporary folder).
    /// - Parameter directory: The data directory.
    /// - Returns: The installed version, `version`.
    /// - Throws: `ReferenceDataError` when the directory refuses the release, or the file system's error.
    @discardableResult
    public static func install(into directory: DataDirectory) throws -> String {
        let folder = try temporaryFolder()
        return try withExtendedLifetime(folder) { try directory.install(from: ReleaseFolder(folder.url)) }
    }

    /// The compiled release, compiled once per process (from a temporary copy of the files; no snapshot is written).
    /// - Returns: The reference data.
    /// - Throws: The loader's error (`ReferenceDataError`), the same one on every call.
    public static func referenceData() throws -> ReferenceData { try compiled.get() }

    private static let compiled = Result<ReferenceData, Error> {
        let folder = try temporaryFolder()
        return try withExtendedLifetime(folder) { try ReferenceDataLoader.load(ReleaseFolder(folder.url), snapshotDirectory: nil).0 }
    }

    /// One resolver of the release for the whole process (its memo of expansions shared by every caller); no
    /// MAC table, no DPB1 T-cell-epitope table.
    /// - Returns: The resolver.
    /// - Throws: What `referenceData()` throws.
    public static func resolver() throws -> TypingResolver { try sharedResolver.get() }

    private static let sharedResolver = Result<TypingResolver, Error> { TypingResolver(try compiled.get()) }
}
