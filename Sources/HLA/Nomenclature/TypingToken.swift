/// One typing value as written: an allele name, an XX code, a MAC, a G/P group, a first-field (antigen-level DNA)
/// typing, a serologic antigen, or `NEW`. Parsing checks the shape only; whether the name exists is a question
/// for `ReferenceData` (see `Validator`). `description` prints the token exactly as it was written.
public struct TypingToken: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// What kind of value the token is.
    public enum Kind: Equatable, Hashable, Sendable {
        /// `A*02:01:01:01N`: 2–4 numeric fields and an optional expression suffix.
        case allele(fields: [String], suffix: Character?)
        /// `A*02`: first field only (antigen-level DNA typing).
        case firstField(String)
        /// `A*02:XX`: every allele with that first field.
        case xx(firstField: String)
        /// `A*02:AB`: an NMDP multiple allele code.
        case mac(firstField: String, code: String)
        /// `A*01:01:01G`: a G group.
        case gGroup(fields: [String])
        /// `A*01:01P`: a P group.
        case pGroup(fields: [String])
        /// `A2`, `Cw7`, `DR15`, `B703`, `Bw4`: a serologic antigen.
        case serology(prefix: String, number: String)
        /// `NEW` or `A*NEW`: a new allele not yet named.
        case new
    }

    /// True when the token was written with `HLA-`.
    public let hasHLAPrefix: Bool
    /// The molecular locus (`A`, `DRB1`), or nil for serology and bare `NEW`.
    public let locus: String?
    /// What the token is (allele, first field, XX code, MAC, G or P group, serology or `NEW`) with its fields.
    public let kind: Kind

    /// Expression suffixes allowed on allele names: null, low, secreted, questionable, cytoplasm, aberrant.
    public static let expressionSuffixes: Set<Character> = ["N", "L", "S", "Q", "C", "A"]
    /// Serologic locus prefixes accepted, longest first so that `DR` wins over `D`.
    static let serologicPrefixes = ["DPw", "DQ", "DR", "DP", "Dw", "Bw", "Cw", "A", "B", "C"]

    /// The name without the `HLA-` prefix, as written (`A*02:01`, `DR15`).
    public var name: String {
        switch kind {
        case .allele(let f, let s): return "\(locus!)*" + f.joined(separator: ":") + (s.map { String($0) } ?? "")
        case .firstField(let f): return "\(locus!)*\(f)"
        case .xx(let f): return "\(locus!)*\(f):XX"
        case .mac(let f, let c): return "\(locus!)*\(f):\(c)"
        case .gGroup(let f): return "\(locus!)*" + f.joined(separator: ":") + "G"
        case .pGroup(let f): return "\(locus!)*" + f.joined(separator: ":") + "P"
        case .serology(let p, let n): return p + n
        case .new: return locus.map { "\($0)*NEW" } ?? "NEW"
        }
    }

    /// The token exactly as written, `HLA-` included when it was.
    public var description: String { (hasHLAPrefix ? "HLA-" : "") + name }

    /// The same value written with (`true`) or without `HLA-`.
    ///
    /// - Parameter prefixed: Whether the returned token is written with `HLA-`.
    /// - Returns: The token with the prefix set as asked (`self` when it already is).
    public func withHLAPrefix(_ prefixed: Bool) -> TypingToken {
        prefixed == hasHLAPrefix ? self : TypingToken(hasHLAPrefix: prefixed, locus: locus, kind: kind)
    }

    /// Reads one token. `offset` is the token's 0-based position in the whole input, for error positions.
    ///
    /// - Parameters:
    ///   - text: The token's text (one name, no GL operators), ASCII.
    ///   - input: The whole input the token comes from, quoted in errors.
    ///   - offset: The token's 0-based position in `input`.
    /// - Returns: The token, its shape checked (whether the name exists is not).
    /// - Throws: `HLAParseError` when the text is empty, has no or a malformed locus, empty, non-numeric or too many
    ///   fields, an unknown suffix, or is neither an allele-style name nor a serologic antigen.
    public static func parse(_ text: Substring, in input: String, offset: Int = 0) throws -> TypingToken {
        let bytes = Array(text.utf8)
        return try parse(bytes: bytes[...], in: input, offset: offset - bytes.startIndex)
    }

    /// Reads one token from ASCII bytes. Error positions are `offset + index in bytes + 1`, so a slice of the
    /// whole input passes `offset: 0` and keeps its own indices. Works on bytes because this is the hot path of
    /// every reduction; `GLString.parse` has already rejected non-ASCII input.
    static func parse(bytes s0: ArraySlice<UInt8>, in input: String, offset: Int) throws -> TypingToken {
        func fail(_ index: Int, _ why: String) -> HLAParseError { HLAParseError(input: input, position: offset + index + 1, reason: why) }
        var s = s0
        let prefixed = s.starts(with: "HLA-".utf8)
        if prefixed { s = s.dropFirst(4) }
        if s.isEmpty { throw fail(s.startIndex, prefixed ? "nothing after 'HLA-'" : "empty typing") }
        if s.elementsEqual("NEW".utf8) { return TypingToken(hasHLAPrefix: prefixed, locus: nil, kind: .new) }
        guard let star = s.firstIndex(of: UInt8(ascii: "*")) else { return try parseSerology(s, prefixed, fail) }

        let locusBytes = s[s.startIndex..<star]
        guard !locusBytes.isEmpty else { throw fail(s.startIndex, "missing locus before '*'") }
        if let bad = locusBytes.firstIndex(where: { !(isUpper($0) || isDigit($0)) }) {
            throw fail(bad, "a locus is written in capital letters and digits (A, B, C, DRB1, DQB1, DPB1 …)")
        }
        let locus = text(locusBytes)
        let rest = s[(star + 1)...]
        if rest.isEmpty { throw fail(star, "nothing after '*': expected fields such as 02:01") }
        if rest.elementsEqual("NEW".utf8) { return TypingToken(hasHLAPrefix: prefixed, locus: locus, kind: .new) }

        var fields = rest.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        if let e = fields.first(where: { $0.isEmpty }) { throw fail(e.startIndex, "empty field (two ':' in a row, or a ':' at the end)") }
        let ctx = TypingToken.init(hasHLAPrefix:locus:kind:)
        if fields.count == 1, let c = fields[0].last, expressionSuffixes.contains(Character(UnicodeScalar(c))),
           fields[0].dropLast().allSatisfy(isDigit) {
            // One-field allele names with a suffix exist at some loci (MICA*171Q).
            return ctx(prefixed, locus, .allele(fields: [text(fields[0].dropLast())], suffix: Character(UnicodeScalar(c))))
        }
        let firstBytes = fields[0]
        let first = text(firstBytes)
        guard firstBytes.allSatisfy(isDigit) else { throw fail(firstBytes.startIndex, "the first field must be digits, found '\(InputExcerpt.of(first))'") }
        guard first.utf8.count >= 2 && first.utf8.count <= 4 && (fields.count > 1 || first.utf8.count <= 3) else {
            throw fail(firstBytes.startIndex, fields.count == 1
                ? "'\(InputExcerpt.of(first))' is not a first field: pre-2010 names like A*0201 are written A*02:01 today"
                : "the first field has 2 to 4 digits, found '\(InputExcerpt.of(first))'")
        }
        if fields.count == 1 { return ctx(prefixed, locus, .firstField(first)) }
        if fields.count == 2 {
            let code = fields[1]
            if code.elementsEqual("XX".utf8) { return ctx(prefixed, locus, .xx(firstField: first)) }
            if code.allSatisfy(isUpper) {
                guard code.count >= 2 else { throw fail(code.startIndex, "'\(InputExcerpt.of(text(code)))' is not a field: a MAC has 2 or more letters") }
                return ctx(prefixed, locus, .mac(firstField: first, code: text(code)))
            }
        }
        if fields.count > 4 { throw fail(fields[4].startIndex - 1, "an allele name has at most 4 fields, found \(fields.count)") }
        var last = fields.removeLast()
        var suffix: Character?
        if let c = last.last, !isDigit(c) {
            suffix = Character(UnicodeScalar(c))
            last = last.dropLast()
        }
        guard !last.isEmpty, last.allSatisfy(isDigit) else {
            throw fail(last.startIndex, "field '\(InputExcerpt.of(text(last)))' must be digits with an optional suffix (N L S Q C A, or G/P for groups)")
        }
        for f in fields.dropFirst() where !f.allSatisfy(isDigit) {
            throw fail(f.startIndex, "field '\(InputExcerpt.of(text(f)))' must be digits")
        }
        var all: [String] = []
        all.reserveCapacity(fields.count + 1)
        for f in fields { all.append(text(f)) }
        all.append(text(last))
        switch suffix {
        case nil: return ctx(prefixed, locus, .allele(fields: all, suffix: nil))
        case "G" where all.count >= 2: return ctx(prefixed, locus, .gGroup(fields: all))
        case "P" where all.count >= 2: return ctx(prefixed, locus, .pGroup(fields: all))
        case let c? where expressionSuffixes.contains(c): return ctx(prefixed, locus, .allele(fields: all, suffix: c))
        case let c?:
            throw fail(last.endIndex, "'\(InputExcerpt.of(String(c)))' is not an expression suffix (N L S Q C A) or group suffix (G P)")
        }
    }

    private static func parseSerology(_ s: ArraySlice<UInt8>, _ prefixed: Bool,
                                      _ fail: (Int, String) -> HLAParseError) throws -> TypingToken {
        let whole = text(s)
        guard let p = serologicPrefixes.first(where: { s.starts(with: $0.utf8) }) else {
            if s.contains(UInt8(ascii: ":")) { throw fail(s.startIndex, "missing locus and '*' (write A*02:01, not \(InputExcerpt.of(whole)))") }
            throw fail(s.startIndex, "'\(InputExcerpt.of(whole))' is neither an allele name (LOCUS*FIELDS) nor a serologic antigen (A2, B44, Cw7, DR15, DQ7)")
        }
        let number = s.dropFirst(p.utf8.count)
        guard !number.isEmpty, number.allSatisfy(isDigit) else {
            throw fail(number.startIndex, "a serologic antigen is a locus followed by a number (\(p)2), found '\(InputExcerpt.of(whole))'")
        }
        return TypingToken(hasHLAPrefix: prefixed, locus: nil, kind: .serology(prefix: p, number: text(number)))
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") }
    @inline(__always) static func text(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
}
