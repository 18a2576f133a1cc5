/// RFC 4180 CSV: comma-separated, `"`-quoted fields (with `""` for a quote), CRLF or LF line ends. Each record
/// carries the 1-based line number it starts on, so errors can name it.
public struct CSVReader {
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    /// A syntax error (an unterminated quote).
    public struct SyntaxError: Error, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// The header record and the data records of a file, or the problem that stops reading it (a syntax error,
    /// an empty file) as an import issue.
    public static func table(_ text: String, file: String) -> Result<(header: Record, rows: [Record]), ImportIssue> {
        do {
            let all = try records(text)
            guard let header = all.first else { return .failure(ImportIssue(file: file, line: 1, column: "", reason: "the file is empty")) }
            return .success((header, Array(all.dropFirst())))
        } catch let e as SyntaxError {
            return .failure(ImportIssue(file: file, line: e.line, column: "", reason: e.reason))
        } catch {
            return .failure(ImportIssue(file: file, line: 0, column: "", reason: "\(error)"))
        }
    }

    /// Parses the whole text; blank lines are skipped.
    public static func records(_ text: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, fieldWasQuoted = false
        var line = 1, recordLine = 1
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { field.append(c); i += 2; continue }
                    inQuotes = false
                } else {
                    if c == UInt8(ascii: "\n") { line += 1 }
                    field.append(c)
                }
            } else {
                switch c {
                case UInt8(ascii: "\"") where field.isEmpty && !fieldWasQuoted:
                    inQuotes = true; fieldWasQuoted = true
                case UInt8(ascii: ","):
                    endField()
                case UInt8(ascii: "\r") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n"):
                    break
                case UInt8(ascii: "\n"):
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    field.append(c)
                }
            }
            i += 1
        }
        if inQuotes { throw SyntaxError(line: recordLine, reason: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
