/// One Unicode scalar in UTF-8, decoded strictly (no overlong forms, no surrogates, nothing past U+10FFFF) or
/// encoded; the XML reader's own, so that it never depends on a decoder that repairs bad bytes.
enum UTF8Scalar {
    /// The scalar starting at `bytes[i]` and its length in bytes, nil when the bytes there are not UTF-8.
    static func decode(_ bytes: [UInt8], at i: Int) -> (scalar: UInt32, length: Int)? {
        guard i >= 0, i < bytes.count else { return nil }
        let b0 = bytes[i]
        let length: Int, low: UInt8, high: UInt8
        switch b0 {
        case 0x00...0x7F: return (UInt32(b0), 1)
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        default: return nil
        }
        guard bytes.count - i >= length else { return nil }
        let b1 = bytes[i + 1]
        guard b1 >= low && b1 <= high else { return nil }
        var scalar = UInt32(b0) & (0xFF >> (length + 1))
        scalar = scalar << 6 | UInt32(b1 & 0x3F)
        var k = 2
        while k < length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(b & 0x3F)
            k += 1
        }
        return (scalar, length)
    }

    /// Appends the UTF-8 bytes of `scalar` (a valid scalar value) to `out`.
    static func append(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80: out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | scalar >> 6 & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18 & 0x07)); out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
