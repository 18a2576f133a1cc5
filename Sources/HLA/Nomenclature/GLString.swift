/// A Genotype List String (Milius et al. 2013): loci joined by `^`, genotype alternatives by `|`, the two
/// chromosomes by `+`, phased alleles by `~`, ambiguous alleles by `/` — from the loosest binding to the tightest.
/// Parsing splits in exactly that order; `description` prints the string back exactly as written.
///
/// An allele-list shorthand is accepted: `B*44:02/44:03` — a name without locus takes the locus of the name
/// before it in the same list, and prints back without it.
public struct GLString: Equatable, Sendable, CustomStringConvertible {
    /// One entry of an allele list, remembering whether its locus was written or inherited.
    public struct Entry: Equatable, Sendable {
        /// The typing value the entry holds, with its locus filled in when it was inherited.
        public let token: TypingToken
        /// `true` when the entry was written without a locus (`44:03` in `B*44:02/44:03`) and took the locus of the
        /// entry before it.
        public let locusWasInherited: Bool
        /// Makes an entry.
        ///
        /// - Parameters:
        ///   - token: The typing value, with its locus.
        ///   - locusWasInherited: Whether the locus was left out in the text and taken from the entry before.
        public init(token: TypingToken, locusWasInherited: Bool) {
            self.token = token
            self.locusWasInherited = locusWasInherited
        }
        /// The entry as it was written: the token without its locus (`44:03`) when the locus was inherited, else the
        /// whole token.
        public var text: String {
            guard locusWasInherited, let locus = token.locus else { return token.description }
            return String(token.name.dropFirst(locus.count + 1))
        }
    }
    /// The entries of one allele list, separated by `/` (ambiguous alleles: any one of them).
    public typealias AlleleList = [Entry]
    /// The allele lists of one haplotype, separated by `~` (phased alleles on one chromosome).
    public typealias Haplotype = [AlleleList]
    /// The haplotypes of one genotype, separated by `+` (the two chromosomes).
    public typealias Genotype = [Haplotype]
    /// The genotypes of one locus, separated by `|` (genotype alternatives: any one of them).
    public typealias GenotypeList = [Genotype]

    /// The loci (`^`-separated parts), outermost level first.
    public let loci: [GenotypeList]

    /// The GL string written back exactly as it was parsed, inherited loci left out again.
    public var description: String {
        loci.map { gl in
            gl.map { g in g.map { h in h.map { l in l.map(\.text).joined(separator: "/") }.joined(separator: "~") }
                .joined(separator: "+") }.joined(separator: "|")
        }.joined(separator: "^")
    }

    /// The same structure with every entry replaced by `transform(entry)` (e.g. renamed alleles by their new name).
    ///
    /// - Parameter transform: Called once for each entry, in reading order.
    /// - Returns: A GL string with the same operators and the transformed entries.
    /// - Throws: Whatever `transform` throws; the first error ends the mapping.
    public func mapEntries(_ transform: (Entry) throws -> Entry) rethrows -> GLString {
        GLString(loci: try loci.map { try $0.map { try $0.map { try $0.map { try $0.map(transform) } } } })
    }

    /// Every token, in reading order.
    public var tokens: [TypingToken] { loci.flatMap { $0.flatMap { $0.flatMap { $0.flatMap { $0.map(\.token) } } } } }

    /// Parses a GL string; errors name the character position and the reason. A string longer than
    /// `InputLimits.typingBytes` is refused before anything is read.
    ///
    /// - Parameter input: The GL string, ASCII only, without white space.
    /// - Returns: The parsed string; each name's shape is checked, not whether it exists in a release.
    /// - Throws: `HLAParseError` when the input is longer than `InputLimits.typingBytes`, holds white space, a
    ///   character outside ASCII or the `?` operator, has an empty part between two operators, or has a token that is
    ///   not an allele name, code, group or serologic antigen (the error's position is 1-based in `input`).
    public static func parse(_ input: String) throws -> GLString {
        let length = input.utf8.count
        if length > InputLimits.typingBytes {
            throw HLAParseError(input: input, position: InputLimits.typingBytes + 1,
                                reason: "the typing is \(LimitMessage.grouped(length)) bytes long; \(LimitMessage.atMost(InputLimits.typingBytes, "bytes"))")
        }
        let bytes = Array(input.utf8)
        // Every later step works on ASCII bytes, so byte indices are character positions.
        for (i, c) in bytes.enumerated() {
            if c == UInt8(ascii: " ") || (c >= 9 && c <= 13) {
                throw HLAParseError(input: input, position: i + 1, reason: "white space inside a typing")
            }
            if c >= 0x80 {
                throw HLAParseError(input: input, position: i + 1, reason: "a character outside ASCII: HLA names use letters, digits and * : / ~ + | ^ -")
            }
            if c == UInt8(ascii: "?") {
                throw HLAParseError(input: input, position: i + 1, reason: "the GL String 1.1 gene-ambiguity operator '?' is not supported")
            }
        }
        func split(_ s: ArraySlice<UInt8>, _ op: Unicode.Scalar, _ what: String) throws -> [ArraySlice<UInt8>] {
            let separator = UInt8(ascii: op)
            // Most parts hold no `|`, `~` or `/`: no split then.
            if !s.isEmpty && !s.contains(separator) { return [s] }
            let parts = s.split(separator: separator, omittingEmptySubsequences: false)
            if let empty = parts.first(where: { $0.isEmpty }) {
                throw HLAParseError(input: input, position: empty.startIndex + 1,
                                    reason: "empty \(what) around '\(op)' (nothing between two operators, or at an end)")
            }
            return parts
        }
        let loci = try split(bytes[...], "^", "locus").map { gl in
            try split(gl, "|", "genotype").map { g in
                try split(g, "+", "haplotype").map { h in
                    try split(h, "~", "allele list").map { l -> AlleleList in
                        var entries: AlleleList = []
                        for t in try split(l, "/", "allele") {
                            if !t.contains(UInt8(ascii: "*")), let f = t.first, TypingToken.isDigit(f),
                               let prev = entries.last?.token, let locus = prev.locus {
                                let full = Array("\(locus)*".utf8) + t
                                let parsed = try TypingToken.parse(bytes: full[...], in: input, offset: t.startIndex - locus.utf8.count - 1)
                                let token = TypingToken(hasHLAPrefix: prev.hasHLAPrefix, locus: parsed.locus, kind: parsed.kind)
                                entries.append(Entry(token: token, locusWasInherited: true))
                            } else {
                                entries.append(Entry(token: try TypingToken.parse(bytes: t, in: input, offset: 0), locusWasInherited: false))
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
