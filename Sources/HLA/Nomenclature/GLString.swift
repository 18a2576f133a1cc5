/// A Genotype List String (Milius et al. 2013): loci joined by `^`, genotype alternatives by `|`, the two
/// chromosomes by `+`, phased alleles by `~`, ambiguous alleles by `/` — from the loosest binding to the tightest.
/// Parsing splits in exactly that order; `description` prints the string back exactly as written.
///
/// An allele-list shorthand is accepted: `B*44:02/44:03` — a name without locus takes the locus of the name
/// before it in the same list, and prints back without it.
public struct GLString: Equatable, Sendable, CustomStringConvertible {
    /// One entry of an allele list, remembering whether its locus was written or inherited.
    public struct Entry: Equatable, Sendable {
        public let token: TypingToken
        public let locusWasInherited: Bool
        public var text: String {
            guard locusWasInherited, let locus = token.locus else { return token.description }
            return String(token.name.dropFirst(locus.count + 1))
        }
    }
    public typealias AlleleList = [Entry]
    public typealias Haplotype = [AlleleList]
    public typealias Genotype = [Haplotype]
    public typealias GenotypeList = [Genotype]

    /// The loci (`^`-separated parts), outermost level first.
    public let loci: [GenotypeList]

    public var description: String {
        loci.map { gl in
            gl.map { g in g.map { h in h.map { l in l.map(\.text).joined(separator: "/") }.joined(separator: "~") }
                .joined(separator: "+") }.joined(separator: "|")
        }.joined(separator: "^")
    }

    /// Every token, in reading order.
    public var tokens: [TypingToken] { loci.flatMap { $0.flatMap { $0.flatMap { $0.flatMap { $0.map(\.token) } } } } }

    /// Parses a GL string; errors name the character position and the reason.
    public static func parse(_ input: String) throws -> GLString {
        if let bad = input.firstIndex(where: { $0.isWhitespace }) {
            throw HLAParseError(input: input, position: input.distance(from: input.startIndex, to: bad) + 1,
                                reason: "white space inside a typing")
        }
        if let q = input.firstIndex(of: "?") {
            throw HLAParseError(input: input, position: input.distance(from: input.startIndex, to: q) + 1,
                                reason: "the GL String 1.1 gene-ambiguity operator '?' is not supported")
        }
        func split(_ s: Substring, _ op: Character, _ what: String, _ start: Int) throws -> [(Substring, Int)] {
            var parts: [(Substring, Int)] = []
            var pos = start
            for p in s.split(separator: op, omittingEmptySubsequences: false) {
                if p.isEmpty {
                    throw HLAParseError(input: input, position: pos + 1,
                                        reason: "empty \(what) around '\(op)' (nothing between two operators, or at an end)")
                }
                parts.append((p, pos))
                pos += p.count + 1
            }
            return parts
        }
        let loci = try split(input[...], "^", "locus", 0).map { (gl, o1) in
            try split(gl, "|", "genotype", o1).map { (g, o2) in
                try split(g, "+", "haplotype", o2).map { (h, o3) in
                    try split(h, "~", "allele list", o3).map { (l, o4) -> AlleleList in
                        var entries: AlleleList = []
                        for (t, o5) in try split(l, "/", "allele", o4) {
                            if !t.contains("*"), t.first?.isNumber == true, let prev = entries.last?.token, let locus = prev.locus {
                                let full = try TypingToken.parse(Substring("\(locus)*\(t)"), in: input, offset: o5 - locus.count - 1)
                                let token = TypingToken(hasHLAPrefix: prev.hasHLAPrefix, locus: full.locus, kind: full.kind)
                                entries.append(Entry(token: token, locusWasInherited: true))
                            } else {
                                entries.append(Entry(token: try TypingToken.parse(t, in: input, offset: o5), locusWasInherited: false))
                            }
                        }
                        return entries
                    }
                }
            }
        }
        return GLString(loci: loci)
    }
}
