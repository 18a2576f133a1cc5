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

        /// Reads records from `bytes[start...]` until `limit` records or the end; returns where it stopped. An
        /// unquoted field becomes a string straight from its bytes; a quoted one is unescaped (`""` → `"`), and what
        /// follows its closing quote up to the delimiter is kept as it is.
        private static func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line startLine: Int, limit: Int,
                                 into records: inout [Record]) throws -> (Int, Int) {
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            let n = bytes.count
            var fields: [String] = []
            var unquoted: [UInt8] = []
            var line = startLine, recordLine = startLine
            var i = start
            /// Where the field's unquoted bytes from `j` end: at a comma, a line end (LF, or CR LF) or the end.
            func delimiter(from j: Int) -> Int {
                var j = j
                while j < n {
                    let c = bytes[j]
                    if c == comma || c == lf || (c == cr && j + 1 < n && bytes[j + 1] == lf) { break }
                    j += 1
                }
                return j
            }
            func endRecord() {
                if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
                fields.removeAll(keepingCapacity: true)
            }
            while i < n {
                if bytes[i] == quote {
                    unquoted.removeAll(keepingCapacity: true)
                    i += 1
                    var closed = false
                    while i < n {
                        let c = bytes[i]
                        if c == quote {
                            if i + 1 < n && bytes[i + 1] == quote { unquoted.append(c); i += 2; continue }
                            closed = true
                            i += 1
                            break
                        }
                        if c == lf { line += 1 }
                        unquoted.append(c)
                        i += 1
                    }
                    if !closed { throw SyntaxError(line: recordLine, reason: "a quoted field is not closed") }
                    let rest = i
                    i = delimiter(from: i)
                    unquoted.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest..<i]))
                    fields.append(String(decoding: unquoted, as: UTF8.self))
                } else {
                    let first = i
                    i = delimiter(from: i)
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<i]), as: UTF8.self))
                }
                guard i < n else { break }
                if bytes[i] == comma {
                    i += 1
                    if i == n { fields.append("") }  // a last field, empty
                    continue
                }
                i += bytes[i] == cr ? 2 : 1
                endRecord()
                line += 1
                recordLine = line
                if records.count >= limit { return (i, line) }
            }
            if !fields.isEmpty { endRecord() }
            return (i, line)
        }
    }
}
