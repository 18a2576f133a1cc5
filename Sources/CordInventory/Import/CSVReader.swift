import CordMatch
import Foundation
import HLA

/// RFC 4180 CSV: comma-separated, `"`-quoted fields (with `""` for a quote), CRLF or LF line ends. Each record
/// carries the 1-based line number it starts on, so errors can name it.
///
/// The text is UTF-8: a UTF-8 byte-order mark at the start is skipped, a UTF-16 one (`FF FE`, `FE FF`) stops the
/// file with an error. A field that is not valid UTF-8, holds a NUL byte or is longer than
/// `InputLimits.fieldBytes` also stops it, with the line and the field — never read as U+FFFD, cut at the NUL or
/// truncated.
public struct CSVReader {
    /// One record: the line it starts on and its fields.
    public struct Record: Sendable {
        /// The 1-based line the record starts on.
        public let line: Int
        /// The record's fields, unquoted, in order (not trimmed).
        public let fields: [String]
    }

    /// A problem that stops reading the file: an unterminated quote, or bytes that are not UTF-8 text.
    public struct SyntaxError: Error, CustomStringConvertible {
        /// The 1-based line of the problem.
        public let line: Int
        /// The field (1-based) of the record the problem is in, when it is in one.
        public let field: Int?
        /// That field's column, once the header is known (`naming`).
        public private(set) var column: String?
        /// What is wrong, quoting the input through `InputExcerpt`.
        public let reason: String

        /// Makes an error.
        ///
        /// - Parameters:
        ///   - line: The 1-based line.
        ///   - field: The 1-based field of the record, when the problem is in one.
        ///   - reason: What is wrong.
        public init(line: Int, field: Int? = nil, reason: String) {
            self.line = line
            self.field = field
            self.reason = reason
        }

        /// Where in the record: the column, else `field N`; empty when the problem is not in a field.
        public var place: String { column ?? field.map { "field \($0)" } ?? "" }

        /// `line N: COLUMN: reason` (`field N` when the column is not known; no place when not in a field).
        public var description: String { "line \(line): \(place.isEmpty ? "" : "\(place): ")\(reason)" }

        /// The error with its field named by the header's `columns` (an excerpt: the header is not checked yet).
        ///
        /// - Parameter columns: The header's column names, trimmed.
        /// - Returns: The error with `column` set when its field has a column.
        public func naming(_ columns: [String]) -> SyntaxError {
            var e = self
            if let f = field, f >= 1, f <= columns.count { e.column = InputExcerpt.of(columns[f - 1]) }
            return e
        }
    }

    /// The header record and the data records of a file, or the problem that stops reading it (a syntax error,
    /// an empty file) as an import issue.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - file: The file's name, for issues.
    /// - Returns: The header and the rows, or the issue that stops reading (`the file is empty` on line 1).
    public static func table(_ text: String, file: String) -> Result<(header: Record, rows: [Record]), ImportIssue> {
        table(Data(text.utf8), file: file)
    }

    /// `table` of a file's bytes.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The file's name, for issues.
    /// - Returns: The header and the rows, or the issue that stops reading.
    public static func table(_ data: Data, file: String) -> Result<(header: Record, rows: [Record]), ImportIssue> {
        var stream = Stream(data)
        do {
            guard let header = try stream.next(1).first else { return .failure(emptyFile(file)) }
            do {
                return .success((header, try stream.next(Int.max)))
            } catch let e as SyntaxError {
                throw e.naming(header.fields.map { $0.trimmingCharacters(in: .whitespaces) })
            }
        } catch {
            return .failure(issue(error, file: file))
        }
    }

    /// The issue of a file without any record.
    static func emptyFile(_ file: String) -> ImportIssue { ImportIssue(file: file, line: 1, column: "", reason: "the file is empty") }

    /// A reading error (`SyntaxError`) as the import issue that stops reading the file.
    static func issue(_ error: Error, file: String) -> ImportIssue {
        if let e = error as? SyntaxError { return ImportIssue(file: file, line: e.line, column: e.place, reason: e.reason) }
        return ImportIssue(file: file, line: 0, column: "", reason: "\(error)")
    }

    /// Parses the whole text; blank lines are skipped.
    ///
    /// - Parameter text: The CSV text.
    /// - Returns: Every record, in order.
    /// - Throws: `SyntaxError` for an unterminated quote, bytes that are not UTF-8, a NUL or a field longer than
    ///   `InputLimits.fieldBytes`.
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

        /// Reads `data` (after a UTF-8 byte-order mark, when it has one).
        ///
        /// - Parameter data: The file's bytes.
        public init(_ data: Data) {
            self.data = data
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        }

        /// Bytes read so far.
        public var bytesRead: Int { offset }

        /// The next records, at most `limit` of them; empty at the end of the data.
        ///
        /// - Parameter limit: The most records returned.
        /// - Returns: The records, in order.
        /// - Throws: `SyntaxError`, as `records(_:)`; reading stops there.
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
            if start == 0, n >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
                throw SyntaxError(line: 1, reason: "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
            }
            var fields: [String] = []
            var unquoted: [UInt8] = []
            var line = startLine, recordLine = startLine
            var i = start
            /// Where the field's unquoted bytes from `j` end: at a comma, a line end (LF, or CR LF), a NUL (an
            /// error) or the end; and whether any of them is outside ASCII.
            func delimiter(from j: Int) -> (end: Int, ascii: Bool) {
                var j = j
                var high: UInt8 = 0
                while j < n {
                    let c = bytes[j]
                    if c == comma || c == lf || c == 0 || (c == cr && j + 1 < n && bytes[j + 1] == lf) { break }
                    high |= c
                    j += 1
                }
                return (j, high < 0x80)
            }
            func endRecord() {
                if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
                fields.removeAll(keepingCapacity: true)
            }
            while i < n {
                if bytes[i] == quote {
                    unquoted.removeAll(keepingCapacity: true)
                    let fieldLine = line
                    i += 1
                    var closed = false
                    var high: UInt8 = 0
                    while i < n {
                        let c = bytes[i]
                        high |= c
                        if c == quote {
                            if i + 1 < n && bytes[i + 1] == quote { unquoted.append(c); i += 2; continue }
                            closed = true
                            i += 1
                            break
                        }
                        if c == lf { line += 1 }
                        if c == 0 { throw Self.nulError(line: line, field: fields.count + 1) }
                        unquoted.append(c)
                        i += 1
                    }
                    if !closed { throw SyntaxError(line: recordLine, reason: "a quoted field is not closed") }
                    let rest = i
                    let (end, ascii) = delimiter(from: i)
                    i = end
                    unquoted.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest..<i]))
                    if i < n, bytes[i] == 0 { throw Self.nulError(line: line, field: fields.count + 1) }
                    let number = fields.count + 1
                    fields.append(try unquoted.withUnsafeBufferPointer {
                        try Self.field($0, ascii: ascii && high < 0x80, line: fieldLine, number: number)
                    })
                } else {
                    let first = i
                    let (end, ascii) = delimiter(from: i)
                    i = end
                    if i < n, bytes[i] == 0 { throw Self.nulError(line: line, field: fields.count + 1) }
                    fields.append(try Self.field(UnsafeBufferPointer(rebasing: bytes[first..<i]), ascii: ascii, line: line, number: fields.count + 1))
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

        /// A field's bytes (`ascii` when the reader saw none outside ASCII) as a string; an error for bytes that are
        /// not UTF-8 or a field beyond the size limit.
        /// (A function of its arguments only: a nested function that captured the reader's variables would have
        /// each access checked for exclusivity at run time.)
        static func field(_ b: UnsafeBufferPointer<UInt8>, ascii: Bool, line: Int, number: Int) throws -> String {
            guard b.count <= InputLimits.fieldBytes else {
                throw SyntaxError(line: line, field: number,
                                  reason: "the field is \(b.count) bytes, more than the limit of \(InputLimits.fieldBytes) (InputLimits.fieldBytes)")
            }
            // Most fields are ASCII (the reader saw it), which is UTF-8 as it stands; `String(validating:)` costs a
            // generic call.
            if ascii { return String(decoding: b, as: UTF8.self) }
            guard let s = String(validating: b, as: UTF8.self) else { throw SyntaxError(line: line, field: number, reason: notUTF8(b)) }
            return s
        }

        static func nulError(line: Int, field: Int) -> SyntaxError {
            SyntaxError(line: line, field: field, reason: "a NUL byte (0x00): a text file has none (is it UTF-16, or damaged?)")
        }

        /// Why `b` is not UTF-8: the first byte that does not fit.
        static func notUTF8(_ b: UnsafeBufferPointer<UInt8>) -> String {
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = b.makeIterator()
            var at = 0
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let scalar): at += scalar.count
                case .error:
                    let byte = b[at]
                    return "not UTF-8 text (byte 0x\(String(byte, radix: 16, uppercase: true)) at byte \(at + 1) of the field); save the file as UTF-8"
                case .emptyInput: return "not UTF-8 text; save the file as UTF-8"
                }
            }
        }
    }
}
