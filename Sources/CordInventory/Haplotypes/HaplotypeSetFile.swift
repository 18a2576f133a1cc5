import CordMatch
import Foundation
import HLA

/// A haplotype frequency set file of either format — Atlas's HF-set JSON (a file starting with `{`) or the plain
/// delimited form — read into a `HaplotypeSetSource` for `HaplotypeSetBuilder`.
public enum HaplotypeSetFile {
    /// Reads and checks the shape of the file at `url` (names are checked against a release by the builder).
    /// - Parameter url: the file.
    /// - Returns: its records and metadata.
    /// - Throws: `HaplotypeSetRejection` with every problem and its line; a file that cannot be read or is larger
    ///   than `InputLimits.haplotypeSetBytes` is one problem.
    public static func read(_ url: URL) throws(HaplotypeSetRejection) -> HaplotypeSetSource {
        let file = url.path
        let bytes: [UInt8]
        do { bytes = try bytesOf(url) } catch {
            throw HaplotypeSetRejection(problems: [HaplotypeSetProblem(file: file, line: nil, field: "file", reason: error.description)])
        }
        return try read(bytes, file: file)
    }

    /// Reads a set from its bytes.
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - file: its name, for messages.
    /// - Returns: its records and metadata.
    /// - Throws: `HaplotypeSetRejection` with every problem and its line.
    public static func read(_ bytes: [UInt8], file: String) throws(HaplotypeSetRejection) -> HaplotypeSetSource {
        let first = bytes.first { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0xEF, 0xBB, 0xBF].contains($0) }
        return first == UInt8(ascii: "{") ? try AtlasHaplotypeSetJSON.read(bytes, file: file) : try DelimitedHaplotypeSet.read(bytes, file: file)
    }

    /// A file's bytes, refused when larger than `InputLimits.haplotypeSetBytes`.
    static func bytesOf(_ url: URL) throws(FileProblem) -> [UInt8] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let size = attributes[.size] as? NSNumber else { throw FileProblem(description: "cannot be read") }
        guard size.intValue <= InputLimits.haplotypeSetBytes else {
            throw FileProblem(description: "\(size.intValue) bytes; a haplotype set file may have at most \(InputLimits.haplotypeSetBytes)")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw FileProblem(description: "cannot be read") }
        return [UInt8](data)
    }

    struct FileProblem: Error { let description: String }

    /// What the values of a file are, from their suffixes: `G groups`, `small g groups`, both, or `alleles`.
    static func resolution(ofValues records: [HaplotypeSetSource.Record]) -> String {
        var g = false, smallG = false
        for r in records {
            for v in r.values.values {
                if v.hasSuffix("G") { g = true } else if v.hasSuffix("g") { smallG = true }
            }
            if g && smallG { break }
        }
        switch (g, smallG) {
        case (true, true): return "G and small g groups"
        case (true, false): return "G groups"
        case (false, true): return "small g groups"
        default: return "alleles"
        }
    }

    /// A population or registry code: 1–32 letters, digits, `-` or `_`.
    ///
    /// - Parameter s: A code as given.
    /// - Returns: Whether it is one.
    public static func isCode(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 32 && s.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
    }
}
