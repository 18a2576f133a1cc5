import CordMatch
import Foundation
import HLA

/// A unit CSV file read and validated a batch at a time, in file order: the header checked first, then each
/// batch of records validated on every core (`UnitValidationPass`), so that a large file is never held as rows.
/// Used by one thread at a time (an import reads the next batch on another thread while it writes the last one,
/// and waits for it before asking again: `Prefetch`).
final class UnitCSVBatches: @unchecked Sendable {
    /// How many records are validated at a time (32768 measured 4–6 % faster than 8192 at a million units: fewer
    /// hand-overs between the reader, the validating threads and the writer).
    static let size = 32768

    let file: String
    private var stream: CSVReader.Stream
    private let columns: [String]
    private let layout: UnitRecordLayout
    private var pass: UnitValidationPass
    private let started = Date()
    private var recordsRead = 0
    /// The problems of the header (the file is empty; unknown, missing or repeated columns). When there are any,
    /// no record is validated.
    let headerIssues: [ImportIssue]

    /// Reads the header. Throws the syntax error that stops reading the file (`CSVReader.SyntaxError`); when the
    /// header has problems, reads on to the end for such an error, which wins.
    init(_ data: Data, file: String, resolver: TypingResolver) throws {
        self.file = file
        stream = CSVReader.Stream(data)
        pass = UnitValidationPass(file: file, resolver: resolver)
        let header = try stream.next(1).first
        let columns = header?.fields.map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        self.columns = columns
        layout = UnitRecordLayout(columns: columns)
        headerIssues = header.map { Self.headerIssues(columns, line: $0.line, file: file) } ?? [CSVReader.emptyFile(file)]
        if !headerIssues.isEmpty { while !(try readRecords()).isEmpty {} }
    }

    /// The next records of the file; a syntax error names the column of its field.
    private func readRecords() throws -> [CSVReader.Record] {
        do { return try stream.next(Self.size) } catch let e as CSVReader.SyntaxError { throw e.naming(columns) }
    }

    static let kind = CSVHeaderKind(name: "unit", examples: ["ID", "STATUS", "BIRTH_DATE", "HLA_A_DNA_FIELD1", "X_HLA_GL"],
                                    isKnown: { UnitCSVLayout.isKnown($0) })

    /// The problems of a CSV header: not a unit file at all, or unknown, missing and repeated columns.
    static func headerIssues(_ columns: [String], line: Int, file: String) -> [ImportIssue] {
        if let foreign = kind.foreignFileIssue(columns, line: line, file: file) { return [foreign] }
        var issues: [ImportIssue] = []
        for c in columns where !UnitCSVLayout.isKnown(c) {
            issues.append(ImportIssue(file: file, line: line, column: InputExcerpt.of(c), reason: "unknown column (see docs/FORMATS.md)"))
        }
        for c in UnitCSVLayout.required where !columns.contains(c) {
            issues.append(ImportIssue(file: file, line: line, column: c, reason: "required column missing"))
        }
        if let repeated = CSVHeaderKind.repeatedColumnIssue(columns, line: line, file: file) { issues.append(repeated) }
        return issues
    }

    /// The accepted rows of the next batch (valid, and the first of their id), and whether no problem has been
    /// found so far; nil at the end. Throws the syntax error that stops reading the file.
    func next() throws -> (rows: [UnitRow], clean: Bool)? {
        guard headerIssues.isEmpty else { return nil }
        let batch = try readRecords()
        if batch.isEmpty { return nil }
        recordsRead += batch.count
        if recordsRead == batch.count, stream.bytesRead < stream.data.count {
            // Room for the whole file's units, estimated from the first batch (growing as they come copies the
            // tables again and again).
            pass.reserveCapacity(Int(Double(stream.data.count) / Double(max(stream.bytesRead, 1)) * Double(batch.count) * 1.05))
        }
        var records: [UnitValidationPass.Record] = []
        records.reserveCapacity(batch.count)
        for r in batch {
            guard r.fields.count == columns.count else {
                pass.report(ImportIssue(file: file, line: r.line, column: "", reason: "\(r.fields.count) fields, the header has \(columns.count)"))
                continue
            }
            // Most records have no field to trim: then their fields are taken as they are (no new array).
            let values = r.fields.contains(where: Self.needsTrimming) ? r.fields.map(Self.trimmed) : r.fields
            records.append(.init(line: r.line, layout: layout, values: values))
        }
        let rows = pass.validate(records)
        return (rows, pass.issues.isEmpty)
    }

    /// How far reading has got.
    var progress: UnitImporter.Progress {
        UnitImporter.Progress(records: recordsRead, bytesRead: stream.bytesRead, bytesTotal: stream.data.count,
                              seconds: Date().timeIntervalSince(started))
    }

    /// Every problem found, sorted by line.
    var issues: [ImportIssue] { headerIssues.isEmpty ? pass.issues.sorted { $0.line < $1.line } : headerIssues }

    /// The resolved typings of the accepted rows.
    var typings: ResolvedUnitTypings { pass.resolvedTypings }

    /// The field without surrounding spaces (most fields have none: no work then).
    static func trimmed(_ s: String) -> String {
        guard needsTrimming(s), let f = s.first, let l = s.last, f == " " || l == " " || f == "\t" || l == "\t" else { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// Whether the field's first or last byte is a space or tab (a first or last character that is one starts or
    /// ends with that byte: decided on the bytes, without breaking the text into characters).
    static func needsTrimming(_ s: String) -> Bool {
        let blank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        guard let fb = s.utf8.first, let lb = s.utf8.last else { return false }
        return blank(fb) || blank(lb)
    }
}
