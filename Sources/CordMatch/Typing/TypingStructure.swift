import HLA

/// The structural rules of a typing, written once: which tokens make each of the two positions of each scored
/// locus, read from a parsed GL string before any name is looked up or expanded. `TypingResolver` reads every
/// typing through it — `resolve` (match, search, rematch, every import) and `validate` (`cordmatch hla validate`)
/// alike — so they accept and refuse the same typings.
///
/// The rules (docs/HLA-NOMENCLATURE.md, "Typings cordmatch accepts"):
/// - a genotype has at most two haplotypes (`+` once);
/// - an allele list names one locus (`A*01:01/B*08:01` is refused); a bare `NEW` has no locus and is refused;
/// - a locus is given once: in one `^` part, and once on each haplotype (`A*01:01~A*02:01` is refused);
/// - a scored locus given on one haplotype of a two-haplotype genotype is refused (`A*01:01~B*08:01+A*02:01`:
///   homozygous or unknown? — one value alone, without `+`, is how a typing says homozygous);
/// - the genotype alternatives (`|`) of a part type the same scored loci;
/// - a position lists at most `InputLimits.alternativesPerPosition` alternatives, genotype alternatives counted
///   together.
///
/// A genotype with one haplotype gives that value to both positions (homozygous); genotype alternatives widen
/// each position to the union of the alternatives' values at that position.
public struct TypingStructure: Sendable {
    /// The written tokens of the two positions of each scored locus given (never empty).
    public let positions: [MatchLocus: [[TypingToken]]]
    /// Loci that are kept but not scored, by name, their allele lists as written joined by `+`.
    public let otherLoci: [String: String]
    /// Every token at a locus outside matching, in reading order (so that its name can be checked).
    public let otherTokens: [TypingToken]

    /// Reads the structure of `gl`, the parse of `typing`; errors are `TypingError`s naming the rule broken.
    ///
    /// - Parameters:
    ///   - gl: The parsed typing.
    ///   - typing: Its text, quoted in errors.
    /// - Returns: The tokens of each scored position, and the other loci.
    /// - Throws: `TypingError` naming the rule broken (one of those listed above): more than two haplotypes, an
    ///   allele list of two loci or a bare `NEW`, a locus given twice or on one haplotype of two, genotype
    ///   alternatives of different loci, or too many alternatives at a position.
    public static func read(_ gl: GLString, typing: String) throws -> TypingStructure {
        func fail(_ reason: String) -> TypingError { TypingError(typing: typing, reason: reason) }
        // Every typing is read here (each unit a search or rematch assesses): the loci a part or a haplotype names
        // are kept in small arrays and bit masks (by `MatchLocus.ordinal`) rather than sets and dictionaries.
        var positions: [MatchLocus: [[TypingToken]]] = [:]
        var given: [String] = []
        var other: [(name: String, lists: [String])] = []
        var otherTokens: [TypingToken] = []
        for genotypeList in gl.loci {
            var partLoci: [String] = []          // every locus of this `^` part, in reading order
            var partPositions = [[[TypingToken]]?](repeating: nil, count: scored.count)   // by ordinal
            var alternativeLoci: UInt8?          // the scored loci of the part's first genotype, a bit per ordinal
            for genotype in genotypeList {
                guard genotype.count <= 2 else {
                    throw fail("a genotype has at most two haplotypes ('+' once), found \(genotype.count)")
                }
                var haplotypes: [[[TypingToken]?]] = []   // each haplotype's tokens by ordinal
                var loci: UInt8 = 0
                for haplotype in genotype {
                    var values = [[TypingToken]?](repeating: nil, count: scored.count)
                    var seenHere: [String] = []
                    for list in haplotype {
                        let name = try locus(of: list, fail)
                        guard !seenHere.contains(name) else {
                            throw fail("locus \(InputExcerpt.of(name)) is given twice on one haplotype ('~' joins different loci)")
                        }
                        seenHere.append(name)
                        if !partLoci.contains(name) { partLoci.append(name) }
                        let tokens = list.map(\.token)
                        if let locus = MatchLocus(rawValue: name) {
                            values[locus.ordinal] = tokens
                            loci |= 1 << locus.ordinal
                        } else {
                            if tokens.count > InputLimits.alternativesPerPosition {
                                throw fail(TypingLimits.tooManyAlternatives(tokens.count, position: haplotypes.count + 1, locus: InputExcerpt.of(name)))
                            }
                            if let i = other.firstIndex(where: { $0.name == name }) {
                                other[i].lists.append(tokens.map(\.description).joined(separator: "/"))
                            } else {
                                other.append((name, [tokens.map(\.description).joined(separator: "/")]))
                            }
                            otherTokens += tokens
                        }
                    }
                    haplotypes.append(values)
                }
                if let expected = alternativeLoci, expected != loci {
                    let names = scored.filter { (expected ^ loci) & 1 << $0.ordinal != 0 }.map(\.rawValue).joined(separator: ", ")
                    throw fail("the genotype alternatives ('|') type different loci (\(names) in some, not in others)")
                }
                alternativeLoci = loci
                for locus in scored where loci & 1 << locus.ordinal != 0 {
                    let l = locus.ordinal
                    let first = haplotypes[0][l], second = haplotypes.count == 2 ? haplotypes[1][l] : first
                    guard let first, let second else {
                        throw fail("locus \(locus.rawValue) is given on one haplotype of two: give its value on both sides of '+' (one value alone, without '+', means homozygous)")
                    }
                    var both = partPositions[l] ?? [[], []]
                    both[0] += first
                    both[1] += second
                    partPositions[l] = both
                }
            }
            for name in partLoci {
                guard !given.contains(name) else { throw fail("locus \(InputExcerpt.of(name)) is given twice (in two '^' parts)") }
                given.append(name)
            }
            for locus in scored {
                guard let both = partPositions[locus.ordinal] else { continue }
                for (i, tokens) in both.enumerated() where tokens.count > InputLimits.alternativesPerPosition {
                    throw fail(TypingLimits.tooManyAlternatives(tokens.count, position: i + 1, locus: locus.rawValue))
                }
                positions[locus] = both
            }
        }
        return TypingStructure(positions: positions,
                               otherLoci: Dictionary(uniqueKeysWithValues: other.map { ($0.name, $0.lists.joined(separator: "+")) }),
                               otherTokens: otherTokens)
    }

    /// The scored loci in `allCases` order, made once.
    private static let scored = MatchLocus.allCases

    /// The one locus of an allele list.
    private static func locus(of list: GLString.AlleleList, _ fail: (String) -> TypingError) throws -> String {
        if list.contains(where: { $0.token.kind == .new && $0.token.locus == nil }) {
            throw fail("NEW without a locus: write the locus, e.g. A*NEW")
        }
        // Nearly every list names one locus: checked without collecting the names, which only the refusal lists.
        if let name = list.first.map({ locusName($0.token) }), list.dropFirst().allSatisfy({ locusName($0.token) == name }) {
            return name
        }
        var names: [String] = []
        for entry in list where !names.contains(locusName(entry.token)) { names.append(locusName(entry.token)) }
        guard names.count == 1 else {
            throw fail("an allele list mixes loci (\(names.sorted().map { InputExcerpt.of($0) }.joined(separator: ", ")))")
        }
        return names[0]
    }

    /// The locus name of a token: its molecular locus, or the DNA locus of a serologic antigen (`Cw7` → C); a
    /// serologic name outside matching (`DR51`, `Bw4`) is its own locus name.
    ///
    /// - Parameter t: A token.
    /// - Returns: The locus name (`NEW` for a bare `NEW`).
    public static func locusName(_ t: TypingToken) -> String {
        if let l = t.locus { return l }
        if case .serology(let p, let n) = t.kind { return MatchLocus.ofSerology(prefix: p, number: n)?.rawValue ?? "\(p)\(n)" }
        return "NEW"
    }
}
