import HLA

/// A strict, non-validating XML 1.0 reader: the elements, text and line numbers of a document, pulled one event at
/// a time, for the WMDA inventory import (`WMDAInventoryXML`).
///
/// Why our own reader and not Foundation's `XMLParser` (libxml2): inventories arrive from banks and, through the
/// coordinator's server, from the network, so the parser sees untrusted bytes. `XMLParser` trapped the whole
/// process (SIGILL) on one Latin-1 byte in a comment or element name, inside its own callbacks where no check of
/// ours could run; it stopped at 10 MB of input (about 13,000 units) with an internal error; it offers DTDs and
/// entity expansion that an inventory never needs; and it puts a C library into what must be trusted. This reader
/// does only what an inventory needs and checks all of it: the encoding is decoded and every character checked
/// first (`XMLDocumentBytes`), then markup is read with every index checked, in one pass, in memory proportional
/// to the input, within `InputLimits` (nesting depth, name length, text length).
///
/// What it reads: elements (by local name: a namespace prefix is checked to be declared and then dropped; namespace
/// URIs are not compared), attributes (checked for well-formedness and duplicates, then ignored), character data
/// with the five predefined entities and character references, CDATA sections (as text), comments and processing
/// instructions (skipped), and a DOCTYPE without an internal subset (ignored; an external DTD is never fetched).
/// Text between two tags comes as one `.text` event, comments and CDATA sections inside it included, line ends
/// normalised to LF. What it refuses, each with the line: any other entity reference (`&xxe;`), a DOCTYPE with an
/// internal subset (entity declarations), mismatched or unclosed tags, a second root element, text or references
/// outside the root, `]]>` in text, `--` in a comment, an undeclared prefix, a duplicate attribute, and anything
/// past a limit. It stops at the first problem.
struct XMLReader {
    /// What `next()` read: an element's start tag (its local name), its end tag (an empty-element tag gives both),
    /// or the text up to the next tag (`text`; never empty, only inside the root element).
    enum Event: Equatable {
        case start(String)
        case end
        case text
    }

    private let bytes: [UInt8]
    private var i: Int
    /// The line at the reading position.
    private var line: Int
    /// The line the last event starts on.
    private(set) var eventLine: Int

    /// An open element: where its qualified name lies in `bytes`, and the line of its start tag.
    private struct OpenElement {
        let name: Range<Int>
        let line: Int
    }
    private var open: [OpenElement] = []
    /// The namespace prefixes declared by the open elements, with the depth of the element declaring each, and
    /// how many declarations of each prefix are in scope (looked up in constant time however many there are).
    private var prefixes: [(prefix: ArraySlice<UInt8>, depth: Int)] = []
    private var prefixesInScope: [ArraySlice<UInt8>: Int] = [:]
    private var sawRoot = false, sawDoctype = false
    /// Set after an empty-element tag: the next event is its end.
    private var endPending = false

    /// The text of the last `.text` event: one contiguous range of the document while that is all it is, else
    /// copied into `buffer` (several pieces, references, normalised line ends).
    private var textRange = 0..<0
    private var buffer: [UInt8] = []
    private var buffered = false
    /// The line the text's first character is on.
    private var textLine = 0

    /// The text of the last `.text` event, as UTF-8.
    var text: ArraySlice<UInt8> { buffered ? buffer[...] : bytes[textRange] }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&"), slash = UInt8(ascii: "/")
    private static let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    init(_ document: XMLDocumentBytes) {
        bytes = document.utf8
        i = document.start
        line = document.line
        eventLine = document.line
    }

    /// The next event, nil at the end of a well-formed document.
    mutating func next() throws(XMLSyntaxError) -> Event? {
        if endPending {
            endPending = false
            pop()
            return .end
        }
        textRange = i..<i
        buffered = false
        buffer.removeAll(keepingCapacity: true)
        while i < bytes.count {
            let c = bytes[i]
            if c == Self.lt {
                let after = at(i + 1)
                if after == UInt8(ascii: "!") {
                    if starts("<!--") { try skipComment() } else if starts("<![CDATA[") { try readCDATA() } else if starts("<!DOCTYPE") {
                        try skipDoctype()
                    } else {
                        throw error("'<!' starts neither a comment, a CDATA section nor a DOCTYPE")
                    }
                    continue
                }
                if after == UInt8(ascii: "?") {
                    try skipProcessingInstruction()
                    continue
                }
                if textCount > 0 {
                    eventLine = textLine
                    return .text
                }
                eventLine = line
                return after == Self.slash ? try readEndTag() : try readStartTag()
            } else if c == Self.amp {
                guard !open.isEmpty else { throw error("a reference outside the root element") }
                let referenceLine = line
                let scalar = try reference()
                if textCount == 0 { textLine = referenceLine }
                startBuffering()
                UTF8Scalar.append(scalar, to: &buffer)
                try checkTextSize()
            } else {
                try readCharacters()
            }
        }
        if textCount > 0 {
            eventLine = textLine
            return .text
        }
        if let last = open.last {
            throw error("the file ends inside <\(name(last.name))> (opened on line \(last.line))")
        }
        guard sawRoot else { throw error("the file has no root element") }
        return nil
    }

    // MARK: - Text

    private var textCount: Int { buffered ? buffer.count : textRange.count }

    private mutating func startBuffering() {
        if !buffered {
            buffer.append(contentsOf: bytes[textRange])
            buffered = true
        }
    }

    /// Adds `bytes[range]` (no markup in it; starting on `line`) to the text, line ends normalised (CR LF and CR
    /// become LF).
    private mutating func appendText(_ range: Range<Int>, hasCR: Bool, line: Int) throws(XMLSyntaxError) {
        if range.isEmpty { return }
        if textCount == 0 { textLine = line }
        if !hasCR && !buffered && textRange.isEmpty {
            textRange = range
        } else {
            startBuffering()
            if hasCR {
                var j = range.lowerBound
                while j < range.upperBound {
                    let c = bytes[j]
                    if c == Self.cr {
                        buffer.append(Self.lf)
                        if j + 1 < range.upperBound && bytes[j + 1] == Self.lf { j += 1 }
                    } else {
                        buffer.append(c)
                    }
                    j += 1
                }
            } else {
                buffer.append(contentsOf: bytes[range])
            }
        }
        try checkTextSize()
    }

    private func checkTextSize() throws(XMLSyntaxError) {
        guard textCount > InputLimits.fieldBytes else { return }
        let element = open.last.map { "<\(name($0.name))>" } ?? "an element"
        throw error("the text of \(element) is longer than \(InputLimits.fieldBytes) bytes (InputLimits.fieldBytes)")
    }

    /// Reads character data up to the next `<` or `&`: only white space outside the root element, never `]]>`.
    private mutating func readCharacters() throws(XMLSyntaxError) {
        let (start, startLine) = (i, line)
        var hasCR = false
        let outside = open.isEmpty
        while i < bytes.count {
            let c = bytes[i]
            if c == Self.lt || c == Self.amp { break }
            if c == Self.lf || c == Self.cr {
                countLine(at: i)
                hasCR = hasCR || c == Self.cr
            } else if outside {
                if !XMLCharacters.isSpace(c) { throw error("text outside the root element") }
            } else if c == UInt8(ascii: "]") && at(i + 1) == UInt8(ascii: "]") && at(i + 2) == Self.gt {
                throw error("']]>' in text (write ]]&gt;)")
            }
            i += 1
        }
        if !outside { try appendText(start..<i, hasCR: hasCR, line: startLine) }
    }

    /// Reads a CDATA section (`<![CDATA[…]]>`) into the text.
    private mutating func readCDATA() throws(XMLSyntaxError) {
        guard !open.isEmpty else { throw error("a CDATA section outside the root element") }
        let opened = line
        i += 9
        let start = i
        let (found, hasCR) = advance(to: Self.cdataEnd)
        guard found else { throw error("the CDATA section opened on line \(opened) is not closed") }
        try appendText(start..<i, hasCR: hasCR, line: opened)
        i += 3
    }

    /// Reads a reference after `&` (`&lt;`, `&#233;`, `&#xE9;`) and returns the character it stands for.
    private mutating func reference() throws(XMLSyntaxError) -> UInt32 {
        i += 1
        if at(i) == UInt8(ascii: "#") {
            i += 1
            let hex = at(i) == UInt8(ascii: "x")
            if hex { i += 1 }
            let digitsStart = i
            var value: UInt32 = 0
            while let c = at(i) {
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46 where hex: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66 where hex: digit = UInt32(c - 0x61 + 10)
                default: digit = UInt32.max
                }
                if digit == UInt32.max { break }
                // Past U+10FFFF nothing is a character; stop growing (no overflow).
                value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + digit
                i += 1
            }
            let digits = String(decoding: bytes[digitsStart..<i], as: UTF8.self)
            guard i > digitsStart, at(i) == UInt8(ascii: ";") else {
                throw error("'&#\(hex ? "x" : "")' must be followed by \(hex ? "hexadecimal " : "")digits and ';'")
            }
            i += 1
            guard XMLCharacters.isAllowed(value) else {
                throw error("the character reference &#\(hex ? "x" : "")\(InputExcerpt.of(digits)); is refused: " + XMLCharacters.refusal(value))
            }
            return value
        }
        let start = i
        while let c = at(i), c != UInt8(ascii: ";"), i - start <= InputLimits.xmlNameBytes,
              !XMLCharacters.isSpace(c), c != Self.lt, c != Self.amp { i += 1 }
        guard at(i) == UInt8(ascii: ";"), i > start else {
            i = start
            throw error("'&' does not start a reference (write &amp; for an ampersand)")
        }
        let entity = bytes[start..<i]
        i += 1
        switch String(decoding: entity, as: UTF8.self) {
        case "lt": return 0x3C
        case "gt": return 0x3E
        case "amp": return 0x26
        case "apos": return 0x27
        case "quot": return 0x22
        case let other:
            throw error("the entity reference &\(InputExcerpt.of(other)); is not read: only &lt; &gt; &amp; &apos; &quot; and character references are (entities are never defined or expanded)")
        }
    }

    // MARK: - Tags

    /// Reads a start tag or an empty-element tag at `<`.
    private mutating func readStartTag() throws(XMLSyntaxError) -> Event {
        i += 1
        let (qualified, colon) = try readName("an element name")
        guard open.count < InputLimits.xmlDepth else {
            throw error("elements are nested more than \(InputLimits.xmlDepth) deep (InputLimits.xmlDepth)")
        }
        if open.isEmpty {
            guard !sawRoot else { throw error("a second root element <\(name(qualified))>: a document has one") }
            sawRoot = true
        }
        let depth = open.count + 1
        var attributes: [(name: Range<Int>, colon: Int?)] = []
        var seen: Set<ArraySlice<UInt8>> = []
        var empty = false
        while true {
            let spaced = skipSpace()
            guard let c = at(i) else { throw error("the file ends inside the start tag of <\(name(qualified))>") }
            if c == Self.gt { i += 1; break }
            if c == Self.slash {
                guard at(i + 1) == Self.gt else { throw error("'/' in the start tag of <\(name(qualified))> is not followed by '>'") }
                i += 2
                empty = true
                break
            }
            guard spaced else {
                throw error(XMLCharacters.isName(UInt32(c)) || c >= 0x80
                    ? "white space must separate the attributes of <\(name(qualified))>"
                    : "'\(InputExcerpt.of(String(decoding: [c], as: UTF8.self)))' is not allowed in the start tag of <\(name(qualified))>")
            }
            let attribute = try readName("an attribute name")
            let attributeName = bytes[attribute.name]
            guard !seen.contains(attributeName) else {
                throw error("<\(name(qualified))> has the attribute \(name(attribute.name)) twice")
            }
            seen.insert(attributeName)
            attributes.append(attribute)
            _ = skipSpace()
            guard at(i) == UInt8(ascii: "=") else { throw error("attribute \(name(attribute.name)) has no '=' and value") }
            i += 1
            _ = skipSpace()
            let value = try skipAttributeValue(attribute.name)
            if attributeName.elementsEqual("xmlns".utf8) { continue }
            if let colon = attribute.colon, bytes[attribute.name.lowerBound..<colon].elementsEqual("xmlns".utf8) {
                guard !value.isEmpty else { throw error("the namespace prefix \(name(colon + 1..<attribute.name.upperBound)) is declared empty") }
                let prefix = bytes[colon + 1..<attribute.name.upperBound]
                prefixes.append((prefix, depth))
                prefixesInScope[prefix, default: 0] += 1
            }
        }
        try checkPrefix(qualified, colon: colon, of: "element")
        for a in attributes where !bytes[a.name].elementsEqual("xmlns".utf8) {
            if let colon = a.colon, bytes[a.name.lowerBound..<colon].elementsEqual("xmlns".utf8) { continue }
            try checkPrefix(a.name, colon: a.colon, of: "attribute")
        }
        open.append(OpenElement(name: qualified, line: eventLine))
        endPending = empty
        return .start(String(decoding: bytes[(colon.map { $0 + 1 } ?? qualified.lowerBound)..<qualified.upperBound], as: UTF8.self))
    }

    /// Skips a quoted attribute value (references checked, no `<`); returns its raw range.
    private mutating func skipAttributeValue(_ attribute: Range<Int>) throws(XMLSyntaxError) -> Range<Int> {
        guard let quote = at(i), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw error("the value of attribute \(name(attribute)) must be quoted")
        }
        i += 1
        let start = i
        while let c = at(i), c != quote {
            if c == Self.lt { throw error("'<' in the value of attribute \(name(attribute)) (write &lt;)") }
            if c == Self.amp {
                _ = try reference()
            } else {
                if c == Self.lf || c == Self.cr { countLine(at: i) }
                i += 1
            }
            if i - start > InputLimits.fieldBytes {
                throw error("the value of attribute \(name(attribute)) is longer than \(InputLimits.fieldBytes) bytes (InputLimits.fieldBytes)")
            }
        }
        guard at(i) == quote else { throw error("the value of attribute \(name(attribute)) is not closed") }
        i += 1
        return start..<i - 1
    }

    /// Reads an end tag at `</`, which must close the innermost open element.
    private mutating func readEndTag() throws(XMLSyntaxError) -> Event {
        i += 2
        let (qualified, _) = try readName("an element name")
        _ = skipSpace()
        guard at(i) == Self.gt else { throw error("the end tag </\(name(qualified))> does not end with '>'") }
        i += 1
        guard let top = open.last else { throw error("the end tag </\(name(qualified))> closes no open element") }
        guard bytes[top.name].elementsEqual(bytes[qualified]) else {
            throw error("the end tag </\(name(qualified))> does not close <\(name(top.name))> (opened on line \(top.line))")
        }
        pop()
        return .end
    }

    private mutating func pop() {
        open.removeLast()
        while let last = prefixes.last, last.depth > open.count {
            prefixes.removeLast()
            let remaining = (prefixesInScope[last.prefix] ?? 1) - 1
            prefixesInScope[last.prefix] = remaining > 0 ? remaining : nil
        }
    }

    /// Checks that a prefixed name's prefix is declared (`xml` always is; `xmlns` names no element or attribute).
    private func checkPrefix(_ qualified: Range<Int>, colon: Int?, of kind: String) throws(XMLSyntaxError) {
        guard let colon else { return }
        let prefix = bytes[qualified.lowerBound..<colon]
        if prefix.elementsEqual("xml".utf8) { return }
        guard !prefix.elementsEqual("xmlns".utf8), prefixesInScope[prefix] != nil else {
            throw error("the namespace prefix of \(kind) \(name(qualified)) is not declared (xmlns:\(name(qualified.lowerBound..<colon))=\"…\")")
        }
    }

    /// Reads a name (`prefix:local` or `local`, each part an XML name without `:`) at `i`; returns its range and
    /// where its colon is.
    private mutating func readName(_ what: String) throws(XMLSyntaxError) -> (name: Range<Int>, colon: Int?) {
        let start = i
        var colon: Int?
        var partStart = true
        while let c = at(i) {
            if c == UInt8(ascii: ":") {
                guard colon == nil, !partStart else { throw error("\(what) is not a name: a namespace prefix and a local name, one ':' between them") }
                colon = i
                partStart = true
                i += 1
                continue
            }
            let scalar: UInt32, length: Int
            if c < 0x80 {
                (scalar, length) = (UInt32(c), 1)
            } else if let decoded = UTF8Scalar.decode(bytes, at: i) {
                (scalar, length) = decoded
            } else {
                break
            }
            guard partStart ? XMLCharacters.isNameStart(scalar) : XMLCharacters.isName(scalar) else {
                if partStart && XMLCharacters.isName(scalar) { throw error("\(what) may not start with '\(InputExcerpt.of(String(decoding: bytes[i..<i + length], as: UTF8.self)))'") }
                break
            }
            partStart = false
            i += length
            if i - start > InputLimits.xmlNameBytes {
                throw error("\(what) is longer than \(InputLimits.xmlNameBytes) bytes (InputLimits.xmlNameBytes)")
            }
        }
        guard i > start, !partStart else {
            if i == start {
                throw error(what == "an element name" && at(start - 1) == Self.lt ? "'<' is not followed by an element name (write &lt; for a '<' in text)" : "expected \(what)")
            }
            throw error("\(what) is not a name: a namespace prefix and a local name, one ':' between them")
        }
        return (start..<i, colon)
    }

    // MARK: - Comments, processing instructions, DOCTYPE

    /// Skips `<!-- … -->`, which may not contain `--`.
    private mutating func skipComment() throws(XMLSyntaxError) {
        let opened = line
        i += 4
        guard advance(to: Self.commentEnd).found else { throw error("the comment opened on line \(opened) is not closed") }
        guard at(i + 2) == Self.gt else { throw error("'--' inside a comment (opened on line \(opened))") }
        i += 3
    }

    /// Skips `<?target …?>`; the target `xml` (any case) is the declaration, which only starts a document.
    private mutating func skipProcessingInstruction() throws(XMLSyntaxError) {
        let opened = line
        i += 2
        let (target, _) = try readName("a processing instruction target")
        guard !bytes[target].map({ $0 | 0x20 }).elementsEqual("xml".utf8) else {
            throw error("an XML declaration (<?xml …?>) may only start the file")
        }
        if !(at(i) == UInt8(ascii: "?") && at(i + 1) == Self.gt) {
            guard skipSpace() else { throw error("the processing instruction \(name(target)) needs white space after its target") }
        }
        guard advance(to: Self.processingInstructionEnd).found else {
            throw error("the processing instruction opened on line \(opened) is not closed")
        }
        i += 2
    }

    /// Skips `<!DOCTYPE name>` or `<!DOCTYPE name SYSTEM "…">` / `PUBLIC "…" "…"` before the root element (the
    /// DTD is never fetched); refuses an internal subset, where entities would be declared.
    private mutating func skipDoctype() throws(XMLSyntaxError) {
        guard !sawRoot, !sawDoctype else { throw error("a DOCTYPE may only come once, before the root element") }
        sawDoctype = true
        i += 9
        guard skipSpace() else { throw error("<!DOCTYPE must be followed by white space and the root element's name") }
        _ = try readName("the DOCTYPE's root element name")
        if skipSpace(), let keyword = ["SYSTEM", "PUBLIC"].first(where: { starts($0) }) {
            i += keyword.utf8.count
            for n in 0..<(keyword == "PUBLIC" ? 2 : 1) {
                guard skipSpace() else { throw error("the DOCTYPE's \(keyword) identifier needs white space before literal \(n + 1)") }
                guard let quote = at(i), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                    throw error("the DOCTYPE's \(keyword) identifier needs a quoted literal")
                }
                i += 1
                while let c = at(i), c != quote {
                    if c == Self.lf || c == Self.cr { countLine(at: i) }
                    i += 1
                }
                guard at(i) == quote else { throw error("a literal of the DOCTYPE is not closed") }
                i += 1
            }
            _ = skipSpace()
        }
        if at(i) == UInt8(ascii: "[") {
            throw error("a DOCTYPE with an internal subset ([…]: ENTITY and other declarations) is refused: this reader never defines or expands entities")
        }
        guard at(i) == Self.gt else { throw error("the DOCTYPE does not end with '>'") }
        i += 1
    }

    // MARK: - Helpers

    private static let cdataEnd = Array("]]>".utf8), commentEnd = Array("--".utf8), processingInstructionEnd = Array("?>".utf8)

    /// Moves `i` to the next occurrence of `terminator` (or the end), counting lines; says whether it was found and
    /// whether a CR was passed.
    private mutating func advance(to terminator: [UInt8]) -> (found: Bool, sawCR: Bool) {
        var sawCR = false
        while let c = at(i) {
            if c == terminator.first && terminator.indices.dropFirst().allSatisfy({ at(i + $0) == terminator[$0] }) { return (true, sawCR) }
            if c == Self.lf || c == Self.cr {
                countLine(at: i)
                sawCR = sawCR || c == Self.cr
            }
            i += 1
        }
        return (false, sawCR)
    }

    /// The byte at `j`, nil past the end.
    @inline(__always) private func at(_ j: Int) -> UInt8? { j >= 0 && j < bytes.count ? bytes[j] : nil }

    private func starts(_ literal: String) -> Bool {
        var j = i
        for b in literal.utf8 {
            guard at(j) == b else { return false }
            j += 1
        }
        return true
    }

    /// Counts the line end at `j`, if it is one.
    @inline(__always) private mutating func countLine(at j: Int) {
        if XMLCharacters.endsLine(bytes, at: j) { line += 1 }
    }

    /// Skips white space; returns whether there was any.
    private mutating func skipSpace() -> Bool {
        let start = i
        while let c = at(i), XMLCharacters.isSpace(c) {
            if c == Self.lf || c == Self.cr { countLine(at: i) }
            i += 1
        }
        return i > start
    }

    /// The name at `range`, as an error message may quote it.
    private func name(_ range: Range<Int>) -> String {
        InputExcerpt.of(String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self))
    }

    private func error(_ reason: String) -> XMLSyntaxError { XMLSyntaxError(line: line, reason: reason) }
}
