/// A JSON document parsed with the line each value starts on and its byte range in the text, so a file that
/// people write by hand (a scenario) can be checked strictly and every error can name its line. Object keys keep
/// their order of appearance; a key that appears twice is an error.
public indirect enum LocatedJSON: Sendable {
    case object([Member], Location)
    case array([LocatedJSON], Location)
    case string(String, Location)
    /// A number, kept as written (so `"18"` and `18` can be used alike) and as a Double.
    case number(String, Double, Location)
    case bool(Bool, Location)
    case null(Location)

    /// One `"key": value` of an object.
    public struct Member: Sendable {
        public let key: String
        public let keyLine: Int
        public let value: LocatedJSON
    }

    /// Where a value is: its first line (1-based) and its bytes in the document.
    public struct Location: Sendable {
        public let line: Int
        public let bytes: Range<Int>
    }

    /// A syntax error: line and reason.
    public struct SyntaxError: Error, Sendable {
        public let line: Int
        public let reason: String
    }

    public var location: Location {
        switch self {
        case .object(_, let l), .array(_, let l), .string(_, let l), .number(_, _, let l), .bool(_, let l), .null(let l): l
        }
    }

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
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> LocatedJSON {
        var p = Parser(bytes: bytes)
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
                    if let first = seen[key] { throw SyntaxError(line: keyLine, reason: "key \"\(key)\" appears twice in one object (first on line \(first))") }
                    seen[key] = keyLine
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\"") }
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
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                guard !text.isEmpty, let d = Double(text), d.isFinite else {
                    throw error(text.isEmpty ? "unexpected character '\(Character(Unicode.Scalar(bytes[i])))'" : "'\(text)' is not a number")
                }
                return .number(text, d, here())
            }
        }

        static let numberBytes = Set("0123456789+-.eE".utf8)

        /// A quoted string at `i`, with JSON escapes.
        mutating func string() throws(SyntaxError) -> String {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                switch c {
                case UInt8(ascii: "\""):
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\n"):
                    throw error("a string is not closed on its line")
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
                        guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16),
                              let scalar = Unicode.Scalar(code) else { throw error("a \\u escape needs four hex digits of a character") }
                        out += Array(String(Character(scalar)).utf8)
                        i += 4
                    default: throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                    }
                default:
                    out.append(c)
                    i += 1
                }
            }
            throw error("the document ends inside a string")
        }
    }
}
