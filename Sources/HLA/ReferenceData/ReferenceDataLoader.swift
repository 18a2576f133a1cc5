import CordSupport
import Foundation

/// Loads a release folder: from its binary snapshot when one matches the files' hash, else by compiling the text
/// files (and then writing the snapshot for next time, atomically).
public enum ReferenceDataLoader {
    /// How a load went.
    public struct Report: Sendable {
        /// True when the snapshot was used; false when the text files were compiled.
        public let fromSnapshot: Bool
        /// The snapshot file read, or written after compiling; nil when `snapshotDirectory` was nil.
        public let snapshotPath: String?
        /// How long the load took, in seconds of wall-clock time.
        public let seconds: Double
    }

    /// Loads `folder`; snapshots live in `snapshotDirectory` (nil: never read or write one).
    ///
    /// - Parameters:
    ///   - folder: The release folder.
    ///   - snapshotDirectory: Where snapshots are kept; a snapshot is named by the release, the files' hash and the
    ///     snapshot format, and one that cannot be written is skipped silently.
    /// - Returns: The release's reference data and how the load went.
    /// - Throws: `ReferenceDataError.missingFile` when a required file is missing; `ReferenceDataError.malformed`
    ///   when a file does not read (the error names the file and line).
    public static func load(_ folder: ReleaseFolder, snapshotDirectory: URL?) throws -> (ReferenceData, Report) {
        let start = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        let missing = folder.missingFiles()
        guard missing.isEmpty else {
            throw ReferenceDataError.missingFile(missing.map { folder.path($0) }.joined(separator: ", "))
        }
        let hash = try ReleaseSourceHash.of(folder, stampDirectory: snapshotDirectory)
        var snapshotURL: URL?
        if let dir = snapshotDirectory {
            // The format is in the name: builds of two formats side by side (an upgrade, a rollback) keep one each
            // instead of replacing each other's at every start.
            let url = dir.appendingPathComponent("imgt-\(try folder.version())-\(String(hash, radix: 16))-f\(Snapshot.formatVersion).snapshot")
            snapshotURL = url
            if let bytes = FixedBytes(mapping: url.path),
               let data = Snapshot.decode(bytes, expectedSourceHash: hash) {
                return (data, Report(fromSnapshot: true, snapshotPath: url.path, seconds: elapsed()))
            }
        }
        let data = try ReferenceDataBuilder(folder: folder).build()
        if let url = snapshotURL {
            // A snapshot we cannot write only costs the next start time; the load itself succeeded.
            try? writeAtomically(Snapshot.encode(data, sourceHash: hash), to: url)
        }
        return (data, Report(fromSnapshot: false, snapshotPath: snapshotURL?.path, seconds: elapsed()))
    }

    /// Writes `data` to `url` through `OwnerOnlyFile` (owner-only, whole or not at all), creating its folder
    /// owner-only when missing.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        try OwnerOnlyFile.createFolder(url.deletingLastPathComponent().path)
        try OwnerOnlyFile.write(data, to: url.path)
    }
}
