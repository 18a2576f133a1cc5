import Foundation

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
            guard let header = all.first else { return .failure(emptyFile(file)) }
            return .success((header, Array(all.dropFirst())))
        } catch {
            return .failure(issue(error, file: file))
        }
    }

    /// The issue of a file without any record.
    static func emptyFile(_ file: String) -> ImportIssue { ImportIssue(file: file, line: 1, column: "", reason: "the file is empty") }

    /// A reading error (`SyntaxError`) as the import issue that stops reading the file.
    static func issue(_ error: Error, file: String) -> ImportIssue {
        if let e = error as? SyntaxError { return ImportIssue(file: file, line: e.line, column: "", reason: e.reason) }
        return ImportIssue(file: file, line: 0, column: "", reason: "\(error)")
    }

    /// Parses the whole text; blank lines are skipped.
    public static func records(_ text: String) throws -> [Record] {
        var stream = Stream(Data(text.utf8))
        return try stream.next(Int.max)
    }

    /// Reads the records of UTF-8 bytes a batch at a time, so that a large file is never held as records all at
    /// once. Blank lines are skipped.
    public struct Stream: Sendable {
        let data: Data
        /// Where the next record starts (a byte offset), and its line.
        private var offset = 0, line = 1

        public init(_ data: Data) { self.data = data }

        /// Bytes read so far.
        public var bytesRead: Int { offset }

        /// The next records, at most `limit` of them; empty at the end of the data.
        public mutating func next(_ limit: Int) throws -> [Record] {
            var records: [Record] = []
            let (end, endLine) = try data.withUnsafeBytes { raw in
                try Self.read(raw.bindMemory(to: UInt8.self), from: offset, line: line, limit: limit, into: &records)
            }
            (offset, line) = (end, endLine)
            return records
        }

        /// Reads records from `bytes[start...]` until `limit` records or the end; returns where it stopped.
        private static func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line startLine: Int, limit: Int,
                                 into records: inout [Record]) throws -> (Int, Int) {
            var fields: [String] = []
            var field: [UInt8] = []
            var inQuotes = false, fieldWasQuoted = false
            var line = startLine, recordLine = startLine
            var i = start
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
                        if records.count >= limit { return (i + 1, line) }
                    default:
                        field.append(c)
                    }
                }
                i += 1
            }
            if inQuotes { throw SyntaxError(line: recordLine, reason: "a quoted field is not closed") }
            if !field.isEmpty || !fields.isEmpty { endRecord() }
            return (i, line)
        }
    }
}
