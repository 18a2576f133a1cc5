import CordSupport
import Foundation
import HLA

/// DPB1 T-cell-epitope (TCE) groups from IPD-IMGT/HLA's `tce/dpb_tce.csv` (columns `Allele, Protein,
/// V1_Assignment, V2_Assignment, Comments`). Group 1 is the most immunogenic, 3 the least. The V2 assignment is
/// used, else V1; a trailing `$` (assignment predicted, not tested) is accepted, and `2a` counts as group 2.
public struct DPB1TCETable: Sendable {
    /// Group per allele name (`DPB1*04:01:01:01`) and per protein (`DPB1*04:01`).
    public let groups: [String: UInt8]
    /// The file's `# version:` line, if any.
    public let version: String?
    /// Names these contents: the checksum of the file read, or of the groups when made in code.
    public let digest: UInt64

    /// A table from groups in memory; its `digest` is the checksum of the groups, sorted.
    ///
    /// - Parameters:
    ///   - groups: The group (1–3) of each allele or protein name.
    ///   - version: The table's version, if known.
    public init(groups: [String: UInt8], version: String? = nil) {
        self.init(groups: groups, version: version,
                  digest: FNV1a.fourLanes(groups.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")))
    }

    init(groups: [String: UInt8], version: String?, digest: UInt64) {
        self.groups = groups
        self.version = version
        self.digest = digest
    }

    /// The group of an allele, or 0 when it has none (unassigned, null, or unknown).
    ///
    /// - Parameter allele: A DPB1 allele name; its 2-field name is looked up when the full name is not in the table.
    /// - Returns: The group, 1 (most immunogenic) to 3, or 0.
    public func group(of allele: String) -> UInt8 {
        groups[allele] ?? groups[AlleleNameFields.twoField(allele)] ?? 0
    }

    /// Parses the CSV; errors name the file and line.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - file: The file's name, for error messages.
    /// - Returns: The table; `digest` is the checksum of `text`.
    /// - Throws: `ReferenceDataError.malformed` when the header is not the expected one, a row is not a DPB1 allele
    ///   row, or the file has no header (line 0).
    public static func parse(_ text: String, file: String) throws -> DPB1TCETable {
        var groups: [String: UInt8] = [:]
        var version: String?
        var header = false
        // Split on bytes (the file is ASCII; Character-level splitting made this ~10 ms of every CLI process).
        for (n, raw) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            if line.first == UInt8(ascii: "#") {
                let comment = String(decoding: line, as: UTF8.self)
                if comment.hasPrefix("# version:") { version = comment.split(separator: " ").last.map(String.init) }
                continue
            }
            if line.isEmpty { continue }
            let f = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Self.trimmed)
            if !header {
                guard f.count >= 4, f[0] == "Allele", f[2] == "V1_Assignment", f[3] == "V2_Assignment" else {
                    throw ReferenceDataError.malformed(file: file, line: n + 1, reason: "expected the header 'Allele,Protein,V1_Assignment,V2_Assignment,…'")
                }
                header = true
                continue
            }
            guard f.count >= 4, f[0].hasPrefix("DPB1*") else {
                throw ReferenceDataError.malformed(file: file, line: n + 1, reason: "expected a DPB1 allele row")
            }
            guard let g = group(f[3]) ?? group(f[2]) else { continue }
            if g == 0 { continue }      // null alleles carry 0
            groups[f[0]] = g
            if f[1].hasPrefix("DPB1*") && groups[f[1]] == nil { groups[f[1]] = g }
        }
        guard header else { throw ReferenceDataError.malformed(file: file, line: 0, reason: "no header line") }
        return DPB1TCETable(groups: groups, version: version, digest: FNV1a.fourLanes(text))
    }

    /// Reads a TCE table from disk.
    ///
    /// - Parameter url: The file (`dpb_tce.csv`).
    /// - Returns: The table, as `parse(_:file:)` reads it.
    /// - Throws: `ReferenceDataError.missingFile` when the file cannot be read; `parse(_:file:)`'s errors otherwise.
    public static func load(_ url: URL) throws -> DPB1TCETable {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ReferenceDataError.missingFile(url.path) }
        return try parse(String(decoding: data, as: UTF8.self), file: url.path)
    }

    /// A field without surrounding spaces and tabs.
    private static func trimmed(_ s: Substring.UTF8View) -> String {
        let blank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        guard let first = s.firstIndex(where: { !blank($0) }), let last = s.lastIndex(where: { !blank($0) }) else { return "" }
        return String(decoding: s[first...last], as: UTF8.self)
    }

    private static func group(_ s: String) -> UInt8? {
        var v = s
        if v.hasSuffix("$") { v.removeLast() }
        if v == "2a" { return 2 }
        guard let n = UInt8(v), n <= 3 else { return nil }
        return n
    }
}
