import HLA

/// A JSON document parsed with the line each value starts on and its byte range in the text, so a file that
/// people write by hand (a scenario, a policy) can be checked strictly and every error can name its line. Object
/// keys keep their order of appearance; a key that appears twice is an error.
///
/// The text is UTF-8 (a UTF-8 byte-order mark at the start is skipped; a UTF-16 one is an error); a string that
/// is not valid UTF-8, holds a NUL or a raw control character, or is longer than `InputLimits.fieldBytes` is an
/// error naming its line — never replaced by U+FFFD or cut. A number has the grammar of `DecimalNumber` (its
/// value is checked where it is used, against its `NumericField`).
public indirect enum LocatedJSON: Sendable {
    /// An object: its members in the order written, and where it is.
    case object([Member], Location)
    /// An array: its elements, and where it is.
    case array([LocatedJSON], Location)
    /// A string, its escapes decoded, and where it is.
    case string(String, Location)
    /// A number, kept as written (so `"18"` and `18` can be used alike) and as a Double.
    case number(String, Double, Location)
    /// `true` or `false`, and where it is.
    case bool(Bool, Location)
    /// `null`, and where it is.
    case null(Location)

    /// One `"key": value` of an object.
    public struct Member: Sendable {
        /// The key, its escapes decoded.
        public let key: String
        /// The 1-based line the key is on.
        public let keyLine: Int
        /// The member's value.
        public let value: LocatedJSON
    }

    /// Where a value is: its first line (1-based) and its bytes in the document.
    public struct Location: Sendable {
        /// The 1-based line the value starts on.
        public let line: Int
        /// The value's bytes in the document, from its first byte to just past its last.
        public let bytes: Range<Int>
    }

    /// A syntax error: line and reason.
    public struct SyntaxError: Error, Sendable {
        /// The 1-based line of the error.
        public let line: Int
        /// What is wrong there.
        public let reason: String
    }

    /// Where the value is.
    public var location: Location {
        switch self {
        case .object(_, let l), .array(_, let l), .string(_, let l), .number(_, _, let l), .bool(_, let l), .null(let l): l
        }
    }

    /// The 1-based line the value starts on.
    public var line: Int { location.line }

    /// What kind of value this is, in words, for error messages.
    public var kind: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true/false"
        case .null: "null"
        }
    }

    /// Parses a whole document (one value, surrounded by white space only).
    ///
    /// - Parameter bytes: The document.
    /// - Returns: The value.
    /// - Throws: `SyntaxError` with its line when the bytes are not one JSON value (UTF-16, a syntax error, text
    ///   after the value), a string is not valid UTF-8, holds a NUL or control character or is too long, the nesting
    ///   is too deep, or an object repeats a key.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> LocatedJSON {
        var p = Parser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw SyntaxError(line: 1, reason: "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
        }
        p.skipSpace()
        let value = try p.value(depth: 0)
        p.skipSpace()
        if p.i < bytes.count { throw p.error("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var line = 1

        func error(_ reason: String) -> SyntaxError { SyntaxError(line: line, reason: reason) }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\n"): line += 1; i += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> LocatedJSON {
            guard depth < 64 else { throw error("nested too deeply") }
            guard i < bytes.count else { throw error("the document ends where a value was expected") }
            let start = i, startLine = line
            func here() -> Location { Location(line: startLine, bytes: start..<i) }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [Member] = []
                var seen: [String: Int] = [:]
                skipSpace()
                if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members, here()) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
                    let keyLine = line
                    let key = try string()
                    if let first = seen[key] { throw SyntaxError(line: keyLine, reason: "key \"\(InputExcerpt.of(key))\" appears twice in one object (first on line \(first))") }
                    seen[key] = keyLine
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(InputExcerpt.of(key))\"") }
                    i += 1
                    skipSpace()
                    members.append(Member(key: key, keyLine: keyLine, value: try value(depth: depth + 1)))
                    skipSpace()
                    guard i < bytes.count else { throw error("the document ends inside an object (missing '}')") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members, here()) }
                    throw error("expected ',' or '}' in an object")
                }
            case UInt8(ascii: "["):
                i += 1
                var elements: [LocatedJSON] = []
                skipSpace()
                if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(elements, here()) }
                while true {
                    skipSpace()
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw error("the document ends inside an array (missing ']')") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(elements, here()) }
                    throw error("expected ',' or ']' in an array")
                }
            case UInt8(ascii: "\""):
                let s = try string()
                return .string(s, here())
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                for (word, literal) in [("true", true), ("false", false), ("null", nil)] as [(String, Bool?)]
                where bytes[i...].starts(with: word.utf8) {
                    i += word.utf8.count
                    return literal.map { .bool($0, here()) } ?? .null(here())
                }
                throw error("unexpected text (a value is a string, number, object, array, true, false or null)")
            default:
                while i < bytes.count, Self.numberBytes.contains(bytes[i]) { i += 1 }
                let token = bytes[start..<i]
                guard !token.isEmpty else { throw error("unexpected \(Self.describe(bytes[i])) (a value is a string, number, object, array, true, false or null)") }
                let text = String(decoding: token, as: UTF8.self)
                guard DecimalNumber.isWellFormed(token) else {
                    throw error("'\(InputExcerpt.of(text))' is not a number (digits with an optional decimal point and exponent, such as 18, 0.5 or 1.2E9)")
                }
                return .number(text, Double(text) ?? .nan, here())
            }
        }

        static let numberBytes = Set("0123456789+-.eE".utf8)

        /// A byte for an error message: `character 'x'`, or `byte 0xE9` outside printable ASCII.
        static func describe(_ b: UInt8) -> String {
            (0x21...0x7E).contains(b) ? "character '\(Character(Unicode.Scalar(b)))'"
                : "byte 0x\(b < 16 ? "0" : "")\(String(b, radix: 16, uppercase: true))\(b == 0 ? " (NUL)" : "")"
        }

        /// Four hex digits at `i`, as a number.
        func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var n: UInt32 = 0
            for b in bytes[i..<i + 4] {
                let digit: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
                default: return nil
                }
                n = n * 16 + UInt32(digit)
            }
            return n
        }

        /// A quoted string at `i`, with JSON escapes.
        mutating func string() throws(SyntaxError) -> String {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                switch c {
                case UInt8(ascii: "\""):
                    i += 1
                    guard let s = String(validating: out, as: UTF8.self) else {
                        throw error("a string is not valid UTF-8 text (save the file as UTF-8)")
                    }
                    return s
                case UInt8(ascii: "\n"):
                    throw error("a string is not closed on its line")
                case 0:
                    throw error("a string holds a NUL byte (0x00): a text file has none (is it UTF-16, or damaged?)")
                case 0x01..<0x20:
                    throw error("a string holds the control character U+00\(c < 16 ? "0" : "")\(String(c, radix: 16, uppercase: true)); write it as an escape (\\t, \\u00XX)")
                case UInt8(ascii: "\\"):
                    guard i + 1 < bytes.count else { throw error("the document ends inside a string") }
                    let e = bytes[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { throw error("a \\u escape needs four hex digits of a character") }
                        i += 4
                        // A character beyond U+FFFF is a surrogate pair: \uD83D\uDE00.
                        if (0xD800...0xDBFF).contains(code), bytes[i...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) {
                            i += 2
                            guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { throw error("a \\u escape of a high surrogate needs a low one after it") }
                            i += 4
                            code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw error("a \\u escape needs four hex digits of a character") }
                        guard code != 0 else { throw error("a string holds a NUL character (\\u0000)") }
                        out += Array(String(Character(scalar)).utf8)
                    default: throw error("unknown escape in a string: '\\' before \(Self.describe(e))")
                    }
                default:
                    out.append(c)
                    i += 1
                }
                if out.count > InputLimits.fieldBytes {
                    throw error("a string is longer than \(InputLimits.fieldBytes) bytes (InputLimits.fieldBytes)")
                }
            }
            throw error("the document ends inside a string")
        }
    }
}
