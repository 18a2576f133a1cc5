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
        var text = text
        let (groups, version) = try text.withUTF8 { try rows(of: $0, file: file) }
        return DPB1TCETable(groups: groups, version: version, digest: FNV1a.fourLanes(text))
    }

    /// The groups and version of the file's bytes, read line by line and field by field in place: `String`s are
    /// made only of the four fields a row is read by (splitting the text into lines and every field into a
    /// `String` was ~8 ms of every search process).
    private static func rows(of text: UnsafeBufferPointer<UInt8>, file: String) throws -> (groups: [String: UInt8], version: String?) {
        var groups: [String: UInt8] = [:]
        groups.reserveCapacity(text.count / 32)     // about two names a line
        var version: String?
        var header = false
        var fields: [Range<Int>] = []
        var start = 0, lineNumber = 0
        while start <= text.count {
            let newline = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
            defer { start = newline + 1 }
            lineNumber += 1
            let end = newline > start && text[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
            if start == end { continue }
            if text[start] == UInt8(ascii: "#") {
                let comment = String(decoding: text[start..<end], as: UTF8.self)
                if comment.hasPrefix("# version:") { version = comment.split(separator: " ").last.map(String.init) }
                continue
            }
            fields.removeAll(keepingCapacity: true)
            var from = start
            for i in start...end where i == end || text[i] == UInt8(ascii: ",") {
                fields.append(trimmed(text, from..<i))
                from = i + 1
            }
            func field(_ k: Int) -> String { String(decoding: text[fields[k]], as: UTF8.self) }
            if !header {
                guard fields.count >= 4, field(0) == "Allele", field(2) == "V1_Assignment", field(3) == "V2_Assignment" else {
                    throw ReferenceDataError.malformed(file: file, line: lineNumber, reason: "expected the header 'Allele,Protein,V1_Assignment,V2_Assignment,…'")
                }
                header = true
                continue
            }
            let allele = field(0)
            guard fields.count >= 4, allele.hasPrefix("DPB1*") else {
                throw ReferenceDataError.malformed(file: file, line: lineNumber, reason: "expected a DPB1 allele row")
            }
            guard let g = group(field(3)) ?? group(field(2)) else { continue }
            if g == 0 { continue }      // null alleles carry 0
            groups[allele] = g
            let protein = field(1)
            if protein.hasPrefix("DPB1*") && groups[protein] == nil { groups[protein] = g }
        }
        guard header else { throw ReferenceDataError.malformed(file: file, line: 0, reason: "no header line") }
        return (groups, version)
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

    /// The part of `range` without surrounding spaces and tabs.
    private static func trimmed(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        let blank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        guard let first = text[range].firstIndex(where: { !blank($0) }), let last = text[range].lastIndex(where: { !blank($0) }) else {
            return range.lowerBound..<range.lowerBound
        }
        return first..<(last + 1)
    }

    private static func group(_ s: String) -> UInt8? {
        var v = s
        if v.hasSuffix("$") { v.removeLast() }
        if v == "2a" { return 2 }
        guard let n = UInt8(v), n <= 3 else { return nil }
        return n
    }
}
