import CordSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The content hash of a release folder's files (`ReleaseFolder.contentHash()`, which keys the snapshot cache),
/// remembered beside the snapshots with the files' metadata — device, inode, size, modification and status-change
/// times to the nanosecond — so that a start whose files are unchanged reads no file to know it (hashing the 5 MB
/// of a release was a quarter of a one-name command's instructions). Any write to a file changes its status-change
/// time, which no program can set back; a changed or missing stamp is hashed again and re-stamped.
enum ReleaseSourceHash {
    /// The hash of `folder`'s files; `stampDirectory` (the snapshot folder) keeps the stamp, nil: always hashed.
    ///
    /// - Throws: `ReferenceDataError.missingFile` when a required file cannot be read.
    static func of(_ folder: ReleaseFolder, stampDirectory: URL?) throws -> UInt64 {
        guard let stampDirectory, let metadata = metadataHash(folder) else { return try folder.contentHash() }
        var name = FNV1a()
        name.add(Array(folder.url.standardizedFileURL.path.utf8))
        let stamp = stampDirectory.appendingPathComponent("source-\(String(name.value, radix: 16)).stamp")
        if let text = try? String(contentsOfFile: stamp.path, encoding: .utf8) {
            let fields = text.split(whereSeparator: \.isWhitespace)
            if fields.count == 2, UInt64(fields[0], radix: 16) == metadata, let hash = UInt64(fields[1], radix: 16) {
                return hash
            }
        }
        // The metadata were read before the bytes: a file written meanwhile has other metadata next time.
        let hash = try folder.contentHash()
        try? ReferenceDataLoader.writeAtomically(Data("\(String(metadata, radix: 16)) \(String(hash, radix: 16))\n".utf8), to: stamp)
        return hash
    }

    /// A hash of the required files' metadata, nil when one cannot be read (then the bytes decide).
    static func metadataHash(_ folder: ReleaseFolder) -> UInt64? {
        var h = FNV1a()
        for file in ReleaseFolder.requiredFiles {
            var info = stat()
            guard stat(folder.path(file), &info) == 0 else { return nil }
            let fields: [Int64] = [Int64(info.st_dev), Int64(info.st_ino), Int64(info.st_size),
                                   Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
                                   Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec)]
            h.add(Array(file.utf8))
            fields.withUnsafeBytes { h.add($0) }
        }
        return h.value
    }
}
