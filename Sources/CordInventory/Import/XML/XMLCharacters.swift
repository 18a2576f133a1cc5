/// The character classes of XML 1.0 (fifth edition) the reader checks, by Unicode scalar value: which characters
/// a document may contain at all, and which may start or continue a name.
enum XMLCharacters {
    /// True for the characters a document may hold, literally or as a character reference: XML's `Char` (tab,
    /// line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF) without U+007F–U+009F. XML 1.0
    /// allows those controls but discourages them, and in an inventory they are nearly always a Windows-1252 file
    /// declared as ISO-8859-1 (0x80 is `€` there), so reading them would silently change a value: they are refused.
    static func isAllowed(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09, 0x0A, 0x0D: true
        case 0x20..<0x7F, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Why `scalar` may not appear (for a scalar `isAllowed` refuses).
    static func refusal(_ scalar: UInt32) -> String {
        let hex = String(scalar, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar {
        case 0: return "a NUL character (U+0000) is not allowed in XML"
        case 0x80...0x9F:
            return "the control character \(code) is refused (in a file declared ISO-8859-1 it is usually a Windows-1252 character: convert the file to UTF-8)"
        case 0xD800...0xDFFF: return "\(code) is a surrogate, not a character"
        case 0x7F: return "the control character \(code) (DEL) is refused"
        case 0..<0x20: return "the control character \(code) is not allowed in XML"
        default: return "\(code) is not a character XML allows"
        }
    }

    /// True when the byte at `j` ends a line, as XML counts them (CR LF, CR and LF each end one): a CR, or an LF
    /// that does not follow a CR. Bytes of any encoding the reader reads once they are ASCII-compatible.
    @inline(__always) static func endsLine(_ bytes: [UInt8], at j: Int) -> Bool {
        guard j >= 0, j < bytes.count else { return false }
        return bytes[j] == 0x0D || (bytes[j] == 0x0A && !(j > 0 && bytes[j - 1] == 0x0D))
    }

    /// XML's white space: space, tab, line feed, carriage return.
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// True when `scalar` may start a name (`NameStartChar`, without `:`, which the reader treats as the
    /// namespace prefix separator).
    static func isNameStart(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x41...0x5A, 0x61...0x7A, 0x5F: true  // A-Z a-z _
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F,
             0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF: true
        default: false
        }
    }

    /// True when `scalar` may continue a name (`NameChar`, without `:`).
    static func isName(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true  // - . 0-9
        default: isNameStart(scalar)
        }
    }
}
