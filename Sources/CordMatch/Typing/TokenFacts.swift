import HLA

/// What one written alternative (a token: `A*02:01`, `A*02:XX`, `A2`, `A*01:01:01G`) contributes to a resolved
/// value, summarised over the WHO alleles it stands for. `TypingResolver` computes it once per name and memoises
/// it: the names a release can resolve are a bounded set, so the memo is bounded by the release, and a position
/// listing 1,000 alternatives combines 1,000 summaries instead of expanding 1,000 names again.
///
/// Combining the summaries of a position's alternatives (`TypingResolver`) gives exactly what collecting the
/// facts of every allele of every alternative gives (`TokenFactsTests` check it against that union).
struct TokenFacts: Sendable {
    /// The token as checked (a renamed allele replaced by its new name), without `HLA-`. The memo key is the
    /// token's name, which is also without `HLA-`.
    let checked: TypingToken
    /// What checking it said (a renamed allele).
    let warnings: [String]
    /// The number of WHO alleles it stands for (0 outside matching).
    let alleleCount: Int
    /// P keys of its expressed alleles; sorted, unique.
    let pKeys: [Int32]
    /// Antigen keys it carries (a serologic antigen: itself and its splits; else those of its expressed alleles);
    /// sorted, unique.
    let antigens: [Int32]
    /// True when some of its alleles are expressed.
    let hasExpressed: Bool
    /// True when it stands for alleles and none is expressed (`A*02:43N`).
    let isWhollyNull: Bool
    /// The G group, protein and cDNA shared by all its expressed alleles, or -1 when they differ.
    let gKey: Int32, protein: Int32, cdna: Int32
    /// DPB1 T-cell-epitope groups of its expressed alleles (0: none), sorted, unique; empty when not looked up.
    let tceGroups: [UInt8]

    /// The summary of a token at a scored locus, from the alleles `expander` gives it.
    init(_ token: TypingToken, locus: MatchLocus, data: ReferenceData, expander: Expander, tce: DPB1TCETable?) throws {
        var warnings: [String] = []
        let checked = try expander.checkedForMatching(token.withHLAPrefix(false), &warnings)
        let alleles = try expander.alleles(ofChecked: checked).compactMap { data.alleleFacts($0) }
        let expressed = alleles.filter(\.expressed)
        var antigens = Set<Int32>()
        if case .serology = token.kind {
            // A serologic typing observed the antigen itself: that (and a broad's splits) is what it carries.
            for a in [token.name] + data.splits(of: token.name) { if let k = data.antigenKey(a) { antigens.insert(k) } }
        } else {
            for f in expressed { antigens.formUnion(f.antigens) }
        }
        func single(_ k: KeyPath<AlleleFacts, Int32>) -> Int32 {
            guard let first = expressed.first?[keyPath: k], expressed.allSatisfy({ $0[keyPath: k] == first }) else { return -1 }
            return first
        }
        var tceGroups: [UInt8] = []
        if locus == .DPB1, let tce { tceGroups = Set(expressed.map { tce.group(of: data.name(ofID: $0.id)) }).sorted() }
        self.checked = checked
        self.warnings = warnings
        alleleCount = alleles.count
        pKeys = Set(expressed.map(\.pKey)).sorted()
        self.antigens = antigens.sorted()
        hasExpressed = !expressed.isEmpty
        isWhollyNull = !alleles.isEmpty && expressed.isEmpty
        gKey = single(\.gKey)
        protein = single(\.protein)
        cdna = single(\.cdna)
        self.tceGroups = tceGroups
    }

    /// The summary of a token at a locus outside matching: its name checked, nothing expanded.
    init(outsideMatching token: TypingToken, expander: Expander) throws {
        var warnings: [String] = []
        checked = try expander.checkedForMatching(token.withHLAPrefix(false), &warnings)
        self.warnings = warnings
        alleleCount = 0
        pKeys = []
        antigens = []
        hasExpressed = false
        isWhollyNull = false
        gKey = -1; protein = -1; cdna = -1
        tceGroups = []
    }

}
