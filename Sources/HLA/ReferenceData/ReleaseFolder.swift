import CordSupport
import Foundation

/// An IPD-IMGT/HLA release folder on disk (the layout of the `ANHIG/IMGTHLA` repository): `Allelelist.txt`,
/// `Allele_status.txt`, `release_version.txt` and the `wmda/` nomenclature files.
public struct ReleaseFolder: Sendable {
    /// The files the loader reads, relative to the folder. Their bytes key the snapshot cache.
    public static let requiredFiles = [
        "release_version.txt", "Allelelist.txt", "Allele_status.txt",
        "wmda/hla_nom.txt", "wmda/hla_nom_g.txt", "wmda/hla_nom_p.txt", "wmda/rel_dna_ser.txt", "wmda/rel_ser_ser.txt",
    ]

    /// The folder.
    public let url: URL

    /// Names a release folder; nothing is read.
    ///
    /// - Parameter url: The folder.
    public init(_ url: URL) { self.url = url }

    /// The release version from `release_version.txt` (`# version: IPD-IMGT/HLA 3.58.0` → `3.58.0`).
    ///
    /// - Returns: The version, the last word of the first `# version:` line that starts with a digit.
    /// - Throws: `ReferenceDataError.missingFile` when `release_version.txt` is missing;
    ///   `ReferenceDataError.malformed` when it has no such line.
    public func version() throws -> String {
        let text = try read("release_version.txt")
        for line in text.split(separator: "\n") where line.hasPrefix("# version:") {
            if let v = line.split(separator: " ").last, v.first?.isNumber == true { return String(v) }
        }
        throw ReferenceDataError.malformed(file: path("release_version.txt"), line: 0,
                                           reason: "no '# version: IPD-IMGT/HLA x.y.z' line")
    }

    /// The names of required files that are missing.
    ///
    /// - Returns: The paths of `requiredFiles` that do not exist, relative to the folder; empty when all do.
    public func missingFiles() -> [String] {
        Self.requiredFiles.filter { !FileManager.default.fileExists(atPath: path($0)) }
    }

    /// The path of a file of the release.
    ///
    /// - Parameter relative: The file's path inside the folder (`wmda/hla_nom.txt`).
    /// - Returns: The absolute path; the file may not exist.
    public func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Reads a file of the release as UTF-8 text (bytes that are not UTF-8 are replaced).
    ///
    /// - Parameter relative: The file's path inside the folder.
    /// - Returns: The file's text.
    /// - Throws: `ReferenceDataError.missingFile` when the file cannot be read.
    public func read(_ relative: String) throws -> String {
        let p = path(relative)
        guard let data = FileManager.default.contents(atPath: p) else {
            throw ReferenceDataError.missingFile(p)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A 64-bit FNV-1a hash over the required files' bytes (names included), used to tell whether a snapshot
    /// still belongs to these files.
    ///
    /// - Returns: The hash.
    /// - Throws: `ReferenceDataError.missingFile` when a required file cannot be read.
    public func contentHash() throws -> UInt64 {
        var h = FNV1a()
        for f in Self.requiredFiles {
            h.add(Array(f.utf8))
            guard let data = FileManager.default.contents(atPath: path(f)) else { throw ReferenceDataError.missingFile(path(f)) }
            data.withUnsafeBytes { h.add($0) }
        }
        return h.value
    }
}

/// Problems with reference data files, each naming the file (and line where it applies).
public enum ReferenceDataError: Error, CustomStringConvertible, Equatable {
    /// A required file is missing or cannot be read (the path, or the paths joined by commas).
    case missingFile(String)
    /// A file does not read as its layout says: the file, the 1-based line (0: the file as a whole) and what is
    /// wrong.
    case malformed(file: String, line: Int, reason: String)
    /// The release asked for is not installed; the message says what is installed and how to install it.
    case notInstalled(String)

    /// `reference data file missing: <path>`, `<file>:<line>: <reason>`, or the not-installed message.
    public var description: String {
        switch self {
        case .missingFile(let p): return "reference data file missing: \(p)"
        case .malformed(let f, let l, let r): return l > 0 ? "\(f):\(l): \(r)" : "\(f): \(r)"
        case .notInstalled(let m): return m
        }
    }
}

/// Data lines of an IMGT/HLA text file: comment lines (`#`) and blank lines skipped, with their 1-based numbers.
func dataLines(_ text: String) -> [(number: Int, text: Substring)] {
    var result: [(Int, Substring)] = []
    var n = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
        n += 1
        var line = raw
        if line.last == "\r" { line = line.dropLast() }
        if line.isEmpty || line.first == "#" { continue }
        result.append((n, line))
    }
    return result
}
