import HLA

/// The XML declaration a document may start with: `<?xml version="1.x" encoding="…" standalone="yes|no"?>`, its
/// pseudo-attributes in that order, `version` required. It is read before the document's encoding is known, so
/// only from bytes that are ASCII there (the declaration allows nothing else).
struct XMLDeclaration {
    /// The `encoding` label as written (`UTF-8`, `ISO-8859-1`, …), nil when the declaration has none.
    let encoding: String?
    /// The byte offset just past `?>`.
    let end: Int
    /// The line ends inside the declaration.
    let lineEnds: Int

    /// The declaration at `start` of `bytes`, or nil when there is none there: `<?xml` followed by white space
    /// starts one (`<?xml-stylesheet …?>` is a processing instruction). Throws when it is not well-formed.
    static func parse(_ bytes: [UInt8], at start: Int) throws(XMLSyntaxError) -> XMLDeclaration? {
        let opening = Array("<?xml".utf8)
        guard start + opening.count < bytes.count, Array(bytes[start..<start + opening.count]) == opening,
              XMLCharacters.isSpace(bytes[start + opening.count]) else { return nil }
        var i = start + opening.count, lineEnds = 0
        func fail(_ why: String) -> XMLSyntaxError {
            XMLSyntaxError(line: 1 + lineEnds, reason: "the XML declaration is not well-formed: \(why)")
        }
        /// Skips white space; returns whether there was any.
        func skipSpace() -> Bool {
            let from = i
            while i < bytes.count, XMLCharacters.isSpace(bytes[i]) {
                if XMLCharacters.endsLine(bytes, at: i) { lineEnds += 1 }
                i += 1
            }
            return i > from
        }
        var values: [(name: String, value: String)] = []
        var spaced = skipSpace()
        while i < bytes.count, bytes[i] != UInt8(ascii: "?") {
            guard spaced else { throw fail("white space must separate its attributes") }
            let nameStart = i
            while i < bytes.count, (0x61...0x7A).contains(bytes[i]) { i += 1 }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
            guard !name.isEmpty else { throw fail("expected an attribute name or '?>'") }
            _ = skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw fail("expected '=' after \(name)") }
            i += 1
            _ = skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                throw fail("the value of \(name) must be quoted")
            }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            while i < bytes.count, bytes[i] != quote {
                guard (0x20..<0x7F).contains(bytes[i]), bytes[i] != UInt8(ascii: "<") else { throw fail("the value of \(name) is not closed") }
                i += 1
            }
            guard i < bytes.count else { throw fail("the value of \(name) is not closed") }
            values.append((name, String(decoding: bytes[valueStart..<i], as: UTF8.self)))
            i += 1
            spaced = skipSpace()
        }
        guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { throw fail("it does not end with '?>'") }
        let names = values.map(\.name)
        guard ["version"] == names.prefix(1), [["version"], ["version", "encoding"], ["version", "standalone"],
                                               ["version", "encoding", "standalone"]].contains(names) else {
            throw fail("its attributes are version, then optionally encoding and standalone, in that order (found \(InputExcerpt.of(names.joined(separator: ", "))))")
        }
        let version = values[0].value
        guard version.hasPrefix("1."), version.count > 2, version.utf8.dropFirst(2).allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw fail("version '\(InputExcerpt.of(version))' is not 1.x")
        }
        var encoding: String?
        for (name, value) in values.dropFirst() {
            switch name {
            case "encoding":
                let u = Array(value.utf8)
                guard let first = u.first, Self.isLetter(first),
                      u.allSatisfy({ Self.isLetter($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }) else {
                    throw fail("'\(InputExcerpt.of(value))' is not an encoding name")
                }
                encoding = value
            default:
                guard value == "yes" || value == "no" else { throw fail("standalone is 'yes' or 'no', not '\(InputExcerpt.of(value))'") }
            }
        }
        return XMLDeclaration(encoding: encoding, end: i + 2, lineEnds: lineEnds)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
}
