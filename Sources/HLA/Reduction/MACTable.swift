import CordSupport
import Foundation

/// NMDP multiple allele codes, read from a file in NMDP's `numer.v3.txt` layout (`CODE<TAB>SUBTYPES`) or
/// `alpha.v3.txt` layout (`FLAG<TAB>CODE<TAB>SUBTYPES`, `*` flagging allele-specific codes). Header lines
/// (`LAST UPDATED: …`, `CODE SUBTYPE`) and blank lines are skipped.
///
/// A generic code lists second fields (`AB` = `01/02`: `A*02:AB` = `A*02:01/A*02:02`); an allele-specific code
/// lists full names (`GD` = `03:01/52:01`), recognised by the `:` in its expansion.
public struct MACTable: Sendable {
    /// Expansion per code.
    public let codes: [String: [String]]
    /// When the file says it was last updated (`LAST UPDATED: 09/30/20`), if it does.
    public let lastUpdated: String?
    /// Names these contents: the checksum of the file read, or of the codes when made in code.
    public let digest: UInt64

    /// Makes a table from codes in memory; its `digest` is the checksum of the codes, sorted.
    ///
    /// - Parameters:
    ///   - codes: The expansion of each code: second fields (generic codes) or full `FIELD1:FIELD2` names
    ///     (allele-specific codes).
    ///   - lastUpdated: The table's date as NMDP writes it, if known.
    public init(codes: [String: [String]], lastUpdated: String? = nil) {
        self.init(codes: codes, lastUpdated: lastUpdated,
                  digest: FNV1a.fourLanes(codes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.joined(separator: "/"))" }.joined(separator: ";")))
    }

    init(codes: [String: [String]], lastUpdated: String?, digest: UInt64) {
        self.codes = codes
        self.lastUpdated = lastUpdated
        self.digest = digest
    }

    /// Parses a MAC file; errors name the file and line.
    ///
    /// - Parameters:
    ///   - text: The file's contents (CRLF line ends and quoted lines are accepted).
    ///   - file: The file's name or path, for error messages.
    /// - Returns: The codes of the file; `digest` is the checksum of `text`.
    /// - Throws: `ReferenceDataError.malformed` when a line has neither two nor three tab-separated columns, a code
    ///   is
    ///   not capital letters, an expansion is not a `/`-separated list of fields, or the file holds no code (line 0).
    public static func parse(_ text: String, file: String) throws -> MACTable {
        var codes: [String: [String]] = [:]
        var updated: String?
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            let line = raw.last == "\r" ? raw.dropLast() : raw
            let bare = line.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\"")))
            if bare.isEmpty { continue }
            if bare.uppercased().hasPrefix("LAST UPDATED") {
                updated = bare.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
                continue
            }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let (code, subtypes): (String, String)
            switch cols.count {
            case 2: (code, subtypes) = (cols[0], cols[1])
            case 3: (code, subtypes) = (cols[1], cols[2])
            default:
                throw ReferenceDataError.malformed(file: file, line: n, reason: "expected CODE<TAB>SUBTYPES or FLAG<TAB>CODE<TAB>SUBTYPES")
            }
            if code == "CODE" { continue }
            guard !code.isEmpty, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw ReferenceDataError.malformed(file: file, line: n, reason: "'\(code)' is not a MAC (capital letters)")
            }
            let items = subtypes.split(separator: "/").map(String.init)
            guard !items.isEmpty, items.allSatisfy({ $0.allSatisfy { $0.isNumber || $0 == ":" || $0.isUppercase } }) else {
                throw ReferenceDataError.malformed(file: file, line: n, reason: "'\(subtypes)' is not a '/'-separated list of fields")
            }
            codes[code] = items
        }
        if codes.isEmpty { throw ReferenceDataError.malformed(file: file, line: 0, reason: "no MAC codes found") }
        return MACTable(codes: codes, lastUpdated: updated, digest: FNV1a.fourLanes(text))
    }

    /// Reads a MAC file from disk.
    ///
    /// - Parameter url: The file (`numer.v3.txt` or `alpha.v3.txt` layout).
    /// - Returns: The file's codes, as `parse(_:file:)` reads them.
    /// - Throws: `ReferenceDataError.missingFile` when the file cannot be read; `parse(_:file:)`'s errors otherwise.
    public static func load(_ url: URL) throws -> MACTable {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ReferenceDataError.missingFile(url.path) }
        return try parse(String(decoding: data, as: UTF8.self), file: url.path)
    }

    /// The alleles `LOCUS*FIELD1:CODE` stands for, before checking them against a release; nil when the code
    /// is unknown or (allele-specific codes) `FIELD1` is not the code's most frequent first field — the NMDP
    /// validity rule, ties going to the first listed, as py-ard does.
    ///
    /// - Parameters:
    ///   - locus: The locus (`A`).
    ///   - firstField: The first field written before the code (`02`).
    ///   - code: The MAC (`AB`).
    /// - Returns: The full names (`A*02:01`, `A*02:02`), or nil as said above.
    public func expand(locus: String, firstField: String, code: String) -> [String]? {
        guard let items = codes[code] else { return nil }
        guard items.contains(where: { $0.contains(":") }) else { return items.map { "\(locus)*\(firstField):\($0)" } }
        var counts: [Substring: Int] = [:], order: [Substring] = []
        for i in items {
            let f = i.split(separator: ":")[0]
            if counts[f] == nil { order.append(f) }
            counts[f, default: 0] += 1
        }
        // The most frequent first field; among equals the first listed (py-ard's Counter.most_common).
        let top = counts.values.max()!
        let first = order.first { counts[$0] == top }!
        guard first == firstField else { return nil }
        return items.map { "\(locus)*\($0)" }
    }
}
