/// The probabilities of the match counts of a recipient and a unit whose typings are (partly) of low resolution,
/// from their imputed genotypes (`GenotypeImputer`): over every pair of a recipient genotype and a unit genotype,
/// weighted by the product of their probabilities, the counts of the deterministic rules (`LocusCore`: P-group
/// allele grade, antigen grade, homozygous values counted once, null alleles not expressed). Mismatches are known
/// mismatches: max(GvH, HvG) at a locus, as in the deterministic counts. A pair whose typings are both
/// unambiguous at small g resolution gets probabilities 0 and 1 only, equal to its deterministic counts.
///
/// Encodes to the JSON of match, explain and search results:
/// `{"x8": {"8": p, "7": p, …}, "x6": {…}, "x10": {…}, "mismatches": {"A": {"0": p, "1": p, "2": p}, "B": …},
/// "unrepresented": {"recipient": false, "unit": false}, "dropped": p, "haplotypes": "<set name>"}`.
public struct MatchProbabilities: Sendable, Equatable, Encodable {
    /// Which side's typing no diplotype of its set explains.
    public struct Sides: Sendable, Equatable, Encodable {
        /// True when no diplotype of its set explains the recipient's typing.
        public let recipient: Bool
        /// True when no diplotype of its set explains the unit's typing.
        public let unit: Bool
    }

    /// P(x/8 = k): A, B, C, DRB1 at allele level, k = 8 − known mismatches.
    public let x8: CountDistribution
    /// P(x/6 = k): A and B at antigen level, DRB1 at allele level.
    public let x6: CountDistribution
    /// P(x/10 = k): x/8 plus DQB1.
    public let x10: CountDistribution
    /// Per locus of `HaplotypeFrequencySet.loci`: P(0, 1, 2 known allele-level mismatches).
    public let mismatches: [MatchLocus: CountDistribution]
    /// P(k known GvH mismatches) and P(k known HvG mismatches) at A, B, C, DRB1 (allele level, distinct values),
    /// k = 0…8. Not in the JSON; swapping recipient and unit swaps the two.
    public let gvh: CountDistribution, hvg: CountDistribution
    /// Always false on both sides here: a side that is unrepresented gets no probabilities (`MatchPrediction`).
    public let unrepresented: Sides
    /// The probability of the diplotype pairs left out (beyond the cap on either side): 1 − (1 − dᵣ)(1 − dᵤ).
    public let dropped: Double
    /// The haplotype frequency set used (`recipient set / unit set` when the two sides used different sets).
    public let haplotypes: String

    /// P(8/8): no known mismatch at A, B, C, DRB1.
    public var probabilityOf8of8: Double { x8[8] }

    enum CodingKeys: String, CodingKey { case x8, x6, x10, mismatches, unrepresented, dropped, haplotypes }

    /// Encodes the JSON shape of match, explain and search results; `mismatches` is keyed by the loci's names as a
    /// dictionary (a report's snake_case key conversion leaves dictionary keys alone, so `DRB1` stays `DRB1`), and
    /// `dropped` is rounded as the counts are (`CountDistribution.rounded(_:)`).
    /// - Parameter encoder: the encoder.
    /// - Throws: the encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(x8, forKey: .x8)
        try c.encode(x6, forKey: .x6)
        try c.encode(x10, forKey: .x10)
        try c.encode(Dictionary(uniqueKeysWithValues: mismatches.map { ($0.key.rawValue, $0.value) }), forKey: .mismatches)
        try c.encode(unrepresented, forKey: .unrepresented)
        try c.encode(dropped > 0 ? CountDistribution.rounded(dropped) : 0, forKey: .dropped)
        try c.encode(haplotypes, forKey: .haplotypes)
    }
}

/// The match probabilities of a pair, or why there are none. Encodes as the probabilities' object, or as JSON
/// `null` when no haplotype frequency set applies or a side is unrepresented (scripts read one shape).
public enum MatchPrediction: Sendable, Equatable, Encodable {
    /// The probabilities of the match counts.
    case probabilities(MatchProbabilities)
    /// No diplotype of the set explains the recipient's and/or the unit's typing: no probability is made up.
    case unrepresented(recipient: Bool, unit: Bool, haplotypes: String)
    /// No haplotype frequency set is installed for the pair.
    case noHaplotypeSet

    /// The probabilities, when there are some.
    public var probabilities: MatchProbabilities? {
        if case .probabilities(let p) = self { return p }
        return nil
    }

    /// Encodes the probabilities' object, or `null` when there are none.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's error.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let p = probabilities { try c.encode(p) } else { try c.encodeNil() }
    }
}
