/// The genotypes a typing may be, with their probabilities, given a haplotype frequency set (`GenotypeImputer`).
///
/// A genotype is one unordered pair of values at each of `HaplotypeFrequencySet.loci`: the diplotypes (pairs of
/// haplotypes) that differ only in phase give the same genotype and are added together, since matching does not
/// depend on phase. At a locus where the typing already names one small g group at each position the genotype
/// keeps the typing's own values (a null allele, an allele's finer name), elsewhere the set's groups.
///
/// Invariants: `genotypeLoci.count == count * 5`; `probabilities` fall and sum to `1 - dropped` (up to rounding).
public struct ImputedGenotypes: Sendable {
    /// How the genotypes were found.
    public enum Kind: String, Sendable {
        /// The typing names one small g group at every position: it is its own single genotype (probability 1),
        /// whether or not the set holds its haplotypes.
        case unambiguous
        /// The consistent diplotypes of the set, weighted by their frequencies.
        case imputed
        /// An ambiguous typing that no diplotype of the set explains: no genotype, no probability.
        case unrepresented
    }

    /// How the genotypes were found.
    public let kind: Kind
    /// The set's name (empty for a typing that needed none).
    public let haplotypes: String
    /// Per locus (`HaplotypeFrequencySet.loci` order): the distinct locus genotypes of the kept genotypes.
    public let locusGenotypes: [[LocusTyping]]
    /// Genotype `g`'s locus genotype at locus index `l` is `locusGenotypes[l][genotypeLoci[g * 5 + l]]`.
    let genotypeLoci: [Int32]
    /// Each kept genotype's probability over every consistent diplotype, most likely first.
    public let probabilities: [Double]
    /// The probability of the consistent diplotypes not kept (beyond `InputLimits.imputedDiplotypes`).
    public let dropped: Double
    /// The consistent diplotypes found, and how many of them were kept.
    public let diplotypes: Int, keptDiplotypes: Int

    init(kind: Kind, haplotypes: String, locusGenotypes: [[LocusTyping]], genotypeLoci: [Int32], probabilities: [Double],
         dropped: Double, diplotypes: Int, keptDiplotypes: Int) {
        precondition(genotypeLoci.count == probabilities.count * HaplotypeFrequencySet.loci.count)
        self.kind = kind
        self.haplotypes = haplotypes
        self.locusGenotypes = locusGenotypes
        self.genotypeLoci = genotypeLoci
        self.probabilities = probabilities
        self.dropped = dropped
        self.diplotypes = diplotypes
        self.keptDiplotypes = keptDiplotypes
    }

    /// The typing itself as its only genotype.
    static func unambiguous(_ typing: HLATyping) -> ImputedGenotypes {
        ImputedGenotypes(kind: .unambiguous, haplotypes: "", locusGenotypes: HaplotypeFrequencySet.loci.map { [typing[$0]] },
                         genotypeLoci: [0, 0, 0, 0, 0], probabilities: [1], dropped: 0, diplotypes: 1, keptDiplotypes: 1)
    }

    /// No genotype: the typing is not represented in set `haplotypes`.
    static func unrepresented(_ haplotypes: String) -> ImputedGenotypes {
        ImputedGenotypes(kind: .unrepresented, haplotypes: haplotypes, locusGenotypes: HaplotypeFrequencySet.loci.map { _ in [] },
                         genotypeLoci: [], probabilities: [], dropped: 0, diplotypes: 0, keptDiplotypes: 0)
    }

    /// Number of genotypes kept.
    public var count: Int { probabilities.count }

    /// True when no diplotype of the set explains the typing.
    public var isUnrepresented: Bool { kind == .unrepresented }

    /// Genotype `g` by locus.
    ///
    /// - Parameter g: A genotype's index, from 0 (the most likely).
    /// - Returns: Its locus genotype at each of `HaplotypeFrequencySet.loci`.
    public func genotype(_ g: Int) -> [MatchLocus: LocusTyping] {
        Dictionary(uniqueKeysWithValues: HaplotypeFrequencySet.loci.enumerated().map { l, locus in
            (locus, locusGenotypes[l][Int(genotypeLoci[g * 5 + l])])
        })
    }

    /// The index of genotype `g`'s locus genotype at locus index `l` in `locusGenotypes[l]`.
    @inline(__always) func locusGenotype(_ g: Int, _ l: Int) -> Int { Int(genotypeLoci[g &* 5 &+ l]) }
}
