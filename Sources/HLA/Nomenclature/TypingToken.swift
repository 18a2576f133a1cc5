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

    public var description: String { (hasHLAPrefix ? "HLA-" : "") + name }

    /// Reads one token. `offset` is the token's 0-based position in the whole input, for error positions.
    public static func parse(_ text: Substring, in input: String, offset: Int = 0) throws -> TypingToken {
        func fail(_ at: Int, _ why: String) -> HLAParseError { HLAParseError(input: input, position: offset + at + 1, reason: why) }
        var s = text
        var at = 0
        let prefixed = s.hasPrefix("HLA-")
        if prefixed { s = s.dropFirst(4); at = 4 }
        if s.isEmpty { throw fail(at, prefixed ? "nothing after 'HLA-'" : "empty typing") }
        if s == "NEW" { return TypingToken(hasHLAPrefix: prefixed, locus: nil, kind: .new) }
        guard let star = s.firstIndex(of: "*") else { return try parseSerology(s, prefixed, at, fail) }

        let locus = s[..<star]
        guard !locus.isEmpty else { throw fail(at, "missing locus before '*'") }
        if let bad = locus.firstIndex(where: { !($0.isASCII && ($0.isUppercase || $0.isNumber)) }) {
            throw fail(at + locus.distance(from: locus.startIndex, to: bad), "a locus is written in capital letters and digits (A, B, C, DRB1, DQB1, DPB1 …)")
        }
        let rest = s[s.index(after: star)...]
        let restAt = at + locus.count + 1
        if rest.isEmpty { throw fail(restAt - 1, "nothing after '*': expected fields such as 02:01") }
        if rest == "NEW" { return TypingToken(hasHLAPrefix: prefixed, locus: String(locus), kind: .new) }

        var fields = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var fieldAt = restAt
        var starts: [Int] = []
        for f in fields { starts.append(fieldAt); fieldAt += f.count + 1 }
        if let e = fields.firstIndex(where: \.isEmpty) { throw fail(starts[e], "empty field (two ':' in a row, or a ':' at the end)") }
        if fields.count == 1, let c = fields[0].last, expressionSuffixes.contains(c), fields[0].dropLast().allSatisfy(\.isASCIINumber) {
            // One-field allele names with a suffix exist at some loci (MICA*171Q).
            return TypingToken(hasHLAPrefix: prefixed, locus: String(locus), kind: .allele(fields: [String(fields[0].dropLast())], suffix: c))
        }
        let first = fields[0]
        guard first.allSatisfy(\.isASCIINumber) else { throw fail(starts[0], "the first field must be digits, found '\(first)'") }
        guard first.count >= 2 && first.count <= 4 && (fields.count > 1 || first.count <= 3) else {
            throw fail(starts[0], fields.count == 1
                ? "'\(first)' is not a first field: pre-2010 names like A*0201 are written A*02:01 today"
                : "the first field has 2 to 4 digits, found '\(first)'")
        }
        let ctx = TypingToken.init(hasHLAPrefix:locus:kind:)
        if fields.count == 1 { return ctx(prefixed, String(locus), .firstField(first)) }
        if fields.count == 2 {
            let code = fields[1]
            if code == "XX" { return ctx(prefixed, String(locus), .xx(firstField: first)) }
            if code.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                guard code.count >= 2 else { throw fail(starts[1], "'\(code)' is not a field: a MAC has 2 or more letters") }
                return ctx(prefixed, String(locus), .mac(firstField: first, code: code))
            }
        }
        if fields.count > 4 { throw fail(starts[4] - 1, "an allele name has at most 4 fields, found \(fields.count)") }
        var last = fields.removeLast()
        let lastAt = starts[fields.count]
        var suffix: Character?
        if let c = last.last, !c.isNumber {
            suffix = c
            last.removeLast()
        }
        guard !last.isEmpty, last.allSatisfy(\.isASCIINumber) else {
            throw fail(lastAt, "field '\(last)' must be digits with an optional suffix (N L S Q C A, or G/P for groups)")
        }
        for (i, f) in fields.enumerated().dropFirst() where !f.allSatisfy(\.isASCIINumber) {
            throw fail(starts[i], "field '\(f)' must be digits")
        }
        let all = fields + [last]
        switch suffix {
        case nil: return ctx(prefixed, String(locus), .allele(fields: all, suffix: nil))
        case "G" where all.count >= 2: return ctx(prefixed, String(locus), .gGroup(fields: all))
        case "P" where all.count >= 2: return ctx(prefixed, String(locus), .pGroup(fields: all))
        case let c? where expressionSuffixes.contains(c): return ctx(prefixed, String(locus), .allele(fields: all, suffix: c))
        case let c?:
            throw fail(lastAt + last.count, "'\(c)' is not an expression suffix (N L S Q C A) or group suffix (G P)")
        }
    }

    private static func parseSerology(_ s: Substring, _ prefixed: Bool, _ at: Int,
                                      _ fail: (Int, String) -> HLAParseError) throws -> TypingToken {
        guard let p = serologicPrefixes.first(where: { s.hasPrefix($0) }) else {
            if s.contains(":") { throw fail(at, "missing locus and '*' (write A*02:01, not \(s))") }
            throw fail(at, "'\(s)' is neither an allele name (LOCUS*FIELDS) nor a serologic antigen (A2, B44, Cw7, DR15, DQ7)")
        }
        let number = s.dropFirst(p.count)
        guard !number.isEmpty, number.allSatisfy(\.isASCIINumber) else {
            throw fail(at + p.count, "a serologic antigen is a locus followed by a number (\(p)2), found '\(s)'")
        }
        return TypingToken(hasHLAPrefix: prefixed, locus: nil, kind: .serology(prefix: p, number: String(number)))
    }
}

extension Character {
    var isASCIINumber: Bool { isASCII && isNumber }
}
