extension MatchProbabilities {
    /// The match probabilities of a recipient and a unit from their imputed genotypes.
    ///
    /// Each locus is scored once per pair of distinct locus genotypes (`LocusCore`, the deterministic rules), not
    /// once per pair of genotypes: a pair of genotypes then costs five table reads. Probabilities are normalised
    /// over the genotypes kept on each side.
    /// - Parameters:
    ///   - recipient: the recipient's genotypes.
    ///   - unit: the unit's genotypes.
    ///   - haplotypes: the set name(s) to report; empty: those of the imputations (`recipient / unit` when they differ).
    /// - Returns: the probabilities, or `unrepresented` when a side has no genotype.
    public static func compute(recipient: ImputedGenotypes, unit: ImputedGenotypes, haplotypes: String = "") -> MatchPrediction {
        let names = [recipient.haplotypes, unit.haplotypes].filter { !$0.isEmpty }
        let name = !haplotypes.isEmpty ? haplotypes
            : names.isEmpty ? "" : names.count == 2 && names[0] != names[1] ? "\(names[0]) / \(names[1])" : names[0]
        if recipient.isUnrepresented || unit.isUnrepresented {
            return .unrepresented(recipient: recipient.isUnrepresented, unit: unit.isUnrepresented, haplotypes: name)
        }
        let tables = (0..<5).map { LocusOutcomes(recipient.locusGenotypes[$0], unit.locusGenotypes[$0]) }
        let rw = normalised(recipient.probabilities), uw = normalised(unit.probabilities)

        // Per locus: P(0/1/2 mismatches) from the locus genotypes' marginal probabilities.
        var mismatches: [MatchLocus: CountDistribution] = [:]
        for (l, locus) in HaplotypeFrequencySet.loci.enumerated() {
            let rm = marginal(recipient, rw, l), um = marginal(unit, uw, l)
            var p = [0.0, 0.0, 0.0]
            for i in rm.indices where rm[i] > 0 {
                for j in um.indices where um[j] > 0 { p[tables[l].allele(i, j)] += rm[i] * um[j] }
            }
            mismatches[locus] = CountDistribution(p)
        }

        // Jointly over genotype pairs: x/8, x/10 and x/6 mismatches, and the GvH/HvG counts at A, B, C, DRB1.
        var totals = [Double](repeating: 0, count: 9 * 3 * 7)          // x8 mismatches + 9 × DQB1 + 27 × x6 mismatches
        var directions = [Double](repeating: 0, count: 9 * 9)          // gvh + 9 × hvg
        let codes = tables.map(\.codes), widths = tables.map(\.unitCount)
        codes[0].withUnsafeBufferPointer { cA in codes[1].withUnsafeBufferPointer { cB in codes[2].withUnsafeBufferPointer { cC in
        codes[3].withUnsafeBufferPointer { cDR in codes[4].withUnsafeBufferPointer { cDQ in
        totals.withUnsafeMutableBufferPointer { t in directions.withUnsafeMutableBufferPointer { d in
            for g in 0..<recipient.count {
                let p = rw[g]
                let rA = recipient.locusGenotype(g, 0) &* widths[0], rB = recipient.locusGenotype(g, 1) &* widths[1]
                let rC = recipient.locusGenotype(g, 2) &* widths[2], rDR = recipient.locusGenotype(g, 3) &* widths[3]
                let rDQ = recipient.locusGenotype(g, 4) &* widths[4]
                for h in 0..<unit.count {
                    let a = cA[rA &+ unit.locusGenotype(h, 0)], b = cB[rB &+ unit.locusGenotype(h, 1)]
                    let c = cC[rC &+ unit.locusGenotype(h, 2)], dr = cDR[rDR &+ unit.locusGenotype(h, 3)]
                    let dq = cDQ[rDQ &+ unit.locusGenotype(h, 4)]
                    let q = p * uw[h]
                    let x8 = Int(a & 3) &+ Int(b & 3) &+ Int(c & 3) &+ Int(dr & 3)
                    let x6 = Int(a >> 2 & 3) &+ Int(b >> 2 & 3) &+ Int(dr & 3)
                    t[x8 &+ 9 &* Int(dq & 3) &+ 27 &* x6] += q
                    let gvh = Int(a >> 4 & 3) &+ Int(b >> 4 & 3) &+ Int(c >> 4 & 3) &+ Int(dr >> 4 & 3)
                    let hvg = Int(a >> 6) &+ Int(b >> 6) &+ Int(c >> 6) &+ Int(dr >> 6)
                    d[gvh &+ 9 &* hvg] += q
                }
            }
        } } } } } } }
        var x8 = [Double](repeating: 0, count: 9), x10 = [Double](repeating: 0, count: 11), x6 = [Double](repeating: 0, count: 7)
        for (i, p) in totals.enumerated() where p > 0 {
            let m8 = i % 9, dq = i / 9 % 3, m6 = i / 27
            x8[8 - m8] += p
            x10[10 - m8 - dq] += p
            x6[6 - m6] += p
        }
        var gvh = [Double](repeating: 0, count: 9), hvg = [Double](repeating: 0, count: 9)
        for (i, p) in directions.enumerated() where p > 0 {
            gvh[i % 9] += p
            hvg[i / 9] += p
        }
        return .probabilities(MatchProbabilities(
            x8: CountDistribution(x8), x6: CountDistribution(x6),
            x10: CountDistribution(x10), mismatches: mismatches,
            gvh: CountDistribution(gvh), hvg: CountDistribution(hvg),
            unrepresented: Sides(recipient: false, unit: false),
            dropped: 1 - (1 - recipient.dropped) * (1 - unit.dropped), haplotypes: name))
    }

    /// The match probabilities of a recipient and a unit, each imputed against the set for its population and
    /// registry (falling back to the default set).
    /// - Parameters:
    ///   - recipient: the recipient's typing.
    ///   - unit: the unit's typing.
    ///   - sets: the installed haplotype frequency sets.
    ///   - recipientPopulation: the recipient's population code and registry, if known.
    ///   - unitPopulation: the unit's population code and registry, if known.
    /// - Returns: the probabilities; `noHaplotypeSet` when no set applies to a side; `unrepresented` when a side's
    ///   typing is ambiguous and no diplotype of its set explains it.
    public static func compute(recipient: HLATyping, unit: HLATyping, sets: HaplotypeSets,
                               recipientPopulation: HaplotypeSets.Subject = .unknown,
                               unitPopulation: HaplotypeSets.Subject = .unknown) -> MatchPrediction {
        guard let r = sets.imputer(for: recipientPopulation), let u = sets.imputer(for: unitPopulation) else { return .noHaplotypeSet }
        let name = r.set.name == u.set.name ? r.set.name : "\(r.set.name) / \(u.set.name)"
        return compute(recipient: r.impute(recipient), unit: u.impute(unit), haplotypes: name)
    }

    private static func normalised(_ p: [Double]) -> [Double] {
        let s = p.reduce(0, +)
        return s > 0 ? p.map { $0 / s } : p
    }

    /// P(locus genotype i) at locus index `l`.
    private static func marginal(_ g: ImputedGenotypes, _ w: [Double], _ l: Int) -> [Double] {
        var m = [Double](repeating: 0, count: g.locusGenotypes[l].count)
        for i in 0..<g.count { m[g.locusGenotype(i, l)] += w[i] }
        return m
    }
}

/// One locus's counts for every pair of a recipient locus genotype and a unit locus genotype, from `LocusCore`:
/// per pair one byte — allele-level known mismatches (bits 0–1), antigen-level (2–3), GvH (4–5), HvG (6–7).
struct LocusOutcomes {
    let codes: [UInt8]
    let unitCount: Int

    init(_ recipient: [LocusTyping], _ unit: [LocusTyping]) {
        unitCount = unit.count
        var codes = [UInt8](repeating: 0, count: recipient.count * unit.count)
        for (i, r) in recipient.enumerated() {
            for (j, u) in unit.enumerated() {
                let core = LocusCore(r0: r.positions[0], r1: r.positions[1], u0: u.positions[0], u1: u.positions[1])
                codes[i * unit.count + j] = UInt8(core.allele.mismatches | core.antigen.mismatches << 2
                                                  | core.allele.gvh << 4 | core.allele.hvg << 6)
            }
        }
        self.codes = codes
    }

    /// Allele-level known mismatches of recipient locus genotype `i` and unit locus genotype `j`.
    func allele(_ i: Int, _ j: Int) -> Int { Int(codes[i * unitCount + j] & 3) }
}
