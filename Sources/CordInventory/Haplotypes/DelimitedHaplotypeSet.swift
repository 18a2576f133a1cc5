import CordMatch
import Foundation
import HLA

/// Reads a haplotype frequency set in the plain delimited form registries publish: one haplotype a line,
/// `A*…~C*…~B*…~DRB1*…~DQB1*…` (loci in any order, each once), then its frequency, separated by a comma, tab,
/// semicolon or spaces. Blank lines and lines starting with `#` are skipped; a first line without a number (a
/// header such as `haplotype,frequency`) is skipped too. Every problem names its line.
enum DelimitedHaplotypeSet {
    static let format = "delimited"

    static func read(_ bytes: [UInt8], file: String) throws(HaplotypeSetRejection) -> HaplotypeSetSource {
        var problems = HaplotypeSetProblems(file: file)
        var records: [HaplotypeSetSource.Record] = []
        var sawData = false
        let expected = Set(HaplotypeFrequencySet.loci)
        for (n, raw) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let lineNumber = n + 1
            let line = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if problems.isFull { problems.markTruncated(); break }
            if raw.count > InputLimits.fieldBytes {
                problems.add(lineNumber, "haplotype", "the line has \(raw.count) bytes; at most \(InputLimits.fieldBytes)")
                continue
            }
            let firstData = !sawData
            sawData = true
            if firstData && !line.contains("*") { continue }        // a header: no allele name on it
            let fields = split(line)
            guard fields.count == 2 else {
                problems.add(lineNumber, "haplotype",
                             "expected a haplotype and its frequency (A*…~C*…~B*…~DRB1*…~DQB1*…,frequency), found '\(InputExcerpt.of(line))'")
                continue
            }
            if records.count >= InputLimits.haplotypesPerSet {
                problems.add(lineNumber, "haplotype", "a set may hold at most \(InputLimits.haplotypesPerSet) haplotypes")
                break
            }
            var values: [MatchLocus: String] = [:], ok = true
            for value in fields[0].split(separator: "~", omittingEmptySubsequences: false) {
                let bare = value.hasPrefix("HLA-") ? value.dropFirst(4) : value
                guard let star = bare.firstIndex(of: "*"), let locus = MatchLocus(rawValue: String(bare[..<star])), expected.contains(locus) else {
                    problems.add(lineNumber, "haplotype",
                                 "'\(InputExcerpt.of(value))' is not a value of A, B, C, DRB1 or DQB1 (written with its locus, e.g. A*01:01:01G)")
                    ok = false
                    continue
                }
                if values[locus] != nil {
                    problems.add(lineNumber, locus.rawValue, "the haplotype gives \(locus.rawValue) twice")
                    ok = false
                }
                values[locus] = String(value)
            }
            for locus in HaplotypeFrequencySet.loci where values[locus] == nil && ok {
                problems.add(lineNumber, locus.rawValue, "the haplotype has no \(locus.rawValue) value (a set gives A, B, C, DRB1 and DQB1)")
                ok = false
            }
            var frequency = 0.0
            switch FieldParsers.number(fields[1], .haplotypeFrequency) {
            case .value(let f): frequency = f
            case .absent: problems.add(lineNumber, "frequency", "missing"); ok = false
            case .invalid(let why): problems.add(lineNumber, "frequency", why); ok = false
            }
            if ok { records.append(HaplotypeSetSource.Record(line: lineNumber, values: values, frequency: frequency)) }
        }
        try problems.throwIfAny()
        return HaplotypeSetSource(file: file, format: format, nomenclatureVersion: nil, populations: [], registries: [],
                                  populationID: nil, declaredResolution: HaplotypeSetFile.resolution(ofValues: records), records: records)
    }

    /// The haplotype and frequency fields of a line: split at commas, tabs or semicolons, else at spaces.
    static func split(_ line: String) -> [String] {
        let separated = line.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "\t" || $0 == ";" })
        let parts = separated.count > 1 ? separated : line.split(whereSeparator: { $0 == " " })
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
