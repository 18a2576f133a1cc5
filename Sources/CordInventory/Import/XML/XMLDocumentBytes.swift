import Foundation
import HLA

/// An XML document's bytes decoded to UTF-8 and checked, before any markup is read: its encoding found from the
/// byte order mark or the first bytes and the XML declaration, every byte valid in that encoding, every character
/// one XML allows (`XMLCharacters.isAllowed`). The reader after it deals only with well-formed UTF-8.
///
/// Read: UTF-8 (with or without a byte order mark), US-ASCII and ISO-8859-1 (declared in the XML declaration),
/// UTF-16 little- and big-endian (with a byte order mark, or starting `<` without one). Any other declared
/// encoding, UTF-32, a declaration that contradicts the byte order mark, or a byte that is not valid in the
/// encoding is an error naming the line.
struct XMLDocumentBytes {
    /// The encodings read.
    enum Encoding: String, Sendable {
        case utf8 = "UTF-8", usASCII = "US-ASCII", latin1 = "ISO-8859-1", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE"

        /// The encoding an `encoding` label of the XML declaration names (IANA names and aliases, any case), nil
        /// for one that is not read. `UTF-16` names either byte order.
        init?(label: String) {
            switch label.uppercased() {
            case "UTF-8", "UTF8": self = .utf8
            case "US-ASCII", "ASCII", "ANSI_X3.4-1968", "ISO646-US", "CSASCII": self = .usASCII
            case "ISO-8859-1", "ISO_8859-1", "ISO_8859-1:1987", "LATIN1", "LATIN-1", "L1", "ISO-IR-100", "IBM819", "CP819", "CSISOLATIN1":
                self = .latin1
            case "UTF-16LE": self = .utf16LE
            case "UTF-16BE": self = .utf16BE
            case "UTF-16", "UTF16": self = .utf16LE  // either byte order: `init(_:)` compares families
            default: return nil
            }
        }

        var isUTF16: Bool { self == .utf16LE || self == .utf16BE }
    }

    /// The document as UTF-8 (the input itself when it was UTF-8 or US-ASCII).
    let utf8: [UInt8]
    /// The encoding it was read in.
    let encoding: Encoding
    /// Where the markup after the byte order mark and the XML declaration starts in `utf8`, and its line.
    let start: Int, line: Int

    /// How the first bytes say a document is encoded: ASCII-compatible (with a UTF-8 byte order mark or none),
    /// UTF-16 (with a byte order mark or starting `<` without one), or UTF-32, which is not read.
    private enum Signature {
        case ascii(bom: Bool), utf16(bigEndian: Bool, bom: Bool), utf32

        init(_ b0: UInt8?, _ b1: UInt8?, _ b2: UInt8?, _ b3: UInt8?) {
            switch (b0, b1, b2, b3) {
            case (0xEF, 0xBB, 0xBF, _): self = .ascii(bom: true)
            case (0x00, 0x00, 0xFE, 0xFF), (0xFF, 0xFE, 0x00, 0x00), (0x00, 0x00, 0x00, 0x3C), (0x3C, 0x00, 0x00, 0x00): self = .utf32
            case (0xFE, 0xFF, _, _): self = .utf16(bigEndian: true, bom: true)
            case (0xFF, 0xFE, _, _): self = .utf16(bigEndian: false, bom: true)
            // No NUL byte may start an ASCII-compatible document: a zero beside a character is UTF-16 without a mark.
            case (0x00, .some(let b), _, _) where b != 0: self = .utf16(bigEndian: true, bom: false)
            case (.some(let a), 0x00, _, _) where a != 0: self = .utf16(bigEndian: false, bom: false)
            default: self = .ascii(bom: false)
            }
        }

        init(_ data: Data) {
            var it = data.makeIterator()
            self.init(it.next(), it.next(), it.next(), it.next())
        }
    }

    /// True when `data` starts, after a byte order mark and white space, with `<` in one of the encodings read
    /// (or in UTF-32, so that the reader refuses it with its reason): what `UnitImporter` reads as XML.
    static func looksLikeXML(_ data: Data) -> Bool {
        switch Signature(data) {
        case .utf32: return true
        case .ascii(let bom):
            return data.dropFirst(bom ? 3 : 0).first(where: { !XMLCharacters.isSpace($0) }) == UInt8(ascii: "<")
        case .utf16(let bigEndian, let bom):
            var it = data.dropFirst(bom ? 2 : 0).makeIterator()
            while let a = it.next(), let b = it.next() {
                let unit = bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a)
                if unit > 0x7F || !XMLCharacters.isSpace(UInt8(unit)) { return unit == 0x3C }
            }
            return false
        }
    }

    /// Decodes and checks `data`.
    init(_ data: Data) throws(XMLSyntaxError) {
        let raw = [UInt8](data)
        switch Signature(data) {
        case .utf32:
            throw XMLSyntaxError(line: 1, reason: "the file is UTF-32, which is not read: save it as UTF-8")
        case .ascii(let bom):
            let offset = bom ? 3 : 0
            let declaration = try XMLDeclaration.parse(raw, at: offset)
            var encoding = Encoding.utf8
            if let label = declaration?.encoding {
                guard let named = Encoding(label: label) else { throw Self.unread(label) }
                guard !named.isUTF16 else {
                    throw XMLSyntaxError(line: 1, reason: "the declaration says \(InputExcerpt.of(label)), but the file has no UTF-16 byte order mark and is not UTF-16")
                }
                guard !bom || named == .utf8 else {
                    throw XMLSyntaxError(line: 1, reason: "the file starts with a UTF-8 byte order mark but declares \(InputExcerpt.of(label))")
                }
                encoding = named
            }
            switch encoding {
            case .latin1: utf8 = try Self.latin1(raw)
            default:
                try Self.check(raw, from: offset, asciiOnly: encoding == .usASCII)
                utf8 = raw
            }
            self.encoding = encoding
            start = declaration?.end ?? offset
            line = 1 + (declaration?.lineEnds ?? 0)
        case .utf16(let bigEndian, let bom):
            utf8 = try Self.utf16(raw, from: bom ? 2 : 0, bigEndian: bigEndian)
            encoding = bigEndian ? .utf16BE : .utf16LE
            let declaration = try XMLDeclaration.parse(utf8, at: 0)
            if let label = declaration?.encoding {
                guard let named = Encoding(label: label) else { throw Self.unread(label) }
                guard named.isUTF16, named == encoding || ["UTF-16", "UTF16"].contains(label.uppercased()) else {
                    throw XMLSyntaxError(line: 1, reason: "the file is \(encoding.rawValue) but declares \(InputExcerpt.of(label))")
                }
            }
            start = declaration?.end ?? 0
            line = 1 + (declaration?.lineEnds ?? 0)
        }
    }

    private static func unread(_ label: String) -> XMLSyntaxError {
        XMLSyntaxError(line: 1, reason: "encoding '\(InputExcerpt.of(label))' is not read (UTF-8, UTF-16, ISO-8859-1 and US-ASCII are): save the file as UTF-8")
    }

    /// Checks that `bytes[from...]` are UTF-8 (or ASCII) of allowed characters.
    private static func check(_ bytes: [UInt8], from start: Int, asciiOnly: Bool) throws(XMLSyntaxError) {
        var line = 1
        var i = start
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c >= 0x20 && c < 0x7F { i += 1; continue }
            if c < 0x80 {
                guard XMLCharacters.isAllowed(UInt32(c)) else { throw XMLSyntaxError(line: line, reason: XMLCharacters.refusal(UInt32(c))) }
                if XMLCharacters.endsLine(bytes, at: i) { line += 1 }
                i += 1
                continue
            }
            guard !asciiOnly else {
                throw XMLSyntaxError(line: line, reason: "byte 0x\(hex(c)) is not US-ASCII, the encoding the file declares")
            }
            guard let (scalar, length) = UTF8Scalar.decode(bytes, at: i) else {
                throw XMLSyntaxError(line: line, reason: "byte 0x\(hex(c)) is not valid UTF-8 (a file in another encoding must declare it, e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>)")
            }
            guard XMLCharacters.isAllowed(scalar) else { throw XMLSyntaxError(line: line, reason: XMLCharacters.refusal(scalar)) }
            i += length
        }
    }

    /// ISO-8859-1 bytes (each the code point of its value) as UTF-8, checked.
    private static func latin1(_ bytes: [UInt8]) throws(XMLSyntaxError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var line = 1
        var run = 0
        for (i, c) in bytes.enumerated() where !(c >= 0x20 && c < 0x7F) {
            guard XMLCharacters.isAllowed(UInt32(c)) else { throw XMLSyntaxError(line: line, reason: XMLCharacters.refusal(UInt32(c))) }
            if XMLCharacters.endsLine(bytes, at: i) { line += 1 }
            out.append(contentsOf: bytes[run..<i])
            run = i + 1
            if c < 0x80 { out.append(c) } else { out.append(0xC0 | c >> 6); out.append(0x80 | c & 0x3F) }
        }
        out.append(contentsOf: bytes[run...])
        return out
    }

    /// UTF-16 code units from `bytes[from...]` as UTF-8, checked (surrogates paired, characters allowed).
    private static func utf16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) throws(XMLSyntaxError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count - start) / 2 + 16)
        var line = 1
        var i = start
        func unit(_ j: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[j]) << 8 | UInt32(bytes[j + 1]) : UInt32(bytes[j + 1]) << 8 | UInt32(bytes[j])
        }
        while i < bytes.count {
            guard i + 1 < bytes.count else {
                throw XMLSyntaxError(line: line, reason: "the file ends in the middle of a UTF-16 code unit (an odd number of bytes)")
            }
            var scalar = unit(i)
            i += 2
            if (0xD800...0xDBFF).contains(scalar) {
                guard i + 1 < bytes.count, (0xDC00...0xDFFF).contains(unit(i)) else {
                    throw XMLSyntaxError(line: line, reason: "a UTF-16 high surrogate (0x\(String(scalar, radix: 16, uppercase: true))) is not followed by a low one")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (unit(i) - 0xDC00)
                i += 2
            }
            guard XMLCharacters.isAllowed(scalar) else { throw XMLSyntaxError(line: line, reason: XMLCharacters.refusal(scalar)) }
            UTF8Scalar.append(scalar, to: &out)
            if XMLCharacters.endsLine(out, at: out.count - 1) { line += 1 }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
