import HLA

/// Imputes typings of any resolution (alleles, allele lists, XX codes, MACs, serology, G groups, untyped loci —
/// whatever `TypingResolver` resolves) against one haplotype frequency set:
///
/// 1. Each typed value stands for the small g groups of the WHO alleles it may be (`SmallGGroups`). A typing that
///    names one group at every position of the five loci is its own single genotype (probability 1) — no set needed.
/// 2. Otherwise the haplotypes the typing allows are those whose value at every typed locus is one of the groups of
///    either position: the posting lists of the most selective locus, filtered by the others. An untyped locus is
///    filled from the set.
/// 3. A pair of allowed haplotypes is a consistent diplotype when, at every locus, one haplotype carries a group of
///    the first position and the other one of the second (phase unknown: either way round). Whether that holds
///    depends only on which positions each haplotype's values fit, so haplotypes are grouped into those classes and
///    pairs are decided per pair of classes.
/// 4. A diplotype's likelihood is f(h1)·f(h2), doubled when h1 ≠ h2 (Hardy–Weinberg); probabilities are normalised
///    over every consistent diplotype. The `cap` most likely diplotypes are kept (Atlas keeps 2,000) and merged
///    into genotypes; the probability of the rest is reported as dropped. No consistent diplotype: unrepresented.
///
/// Imputations are memoised per distinct typing (bounded, see `ImputationMemo`). Thread-safe.
public final class GenotypeImputer: Sendable {
    /// The haplotype frequency set imputed against.
    public let set: HaplotypeFrequencySet
    /// The small g groups of the release the set was compiled against.
    public let groups: SmallGGroups
    /// Diplotypes kept per typing.
    public let cap: Int
    /// Per locus: the release group of each set value, and the set value of each release group the set holds.
    let valueGroup: [[Int32]]
    let setValueOfGroup: [[Int32: Int32]]
    let memo: ImputationMemo

    /// An imputer for `set`, whose release must be that of `groups`.
    /// - Parameters:
    ///   - set: the haplotype frequency set.
    ///   - groups: the small g groups of the set's release (`SmallGGroups.shared(for:)`).
    ///   - cap: diplotypes kept per typing (default `InputLimits.imputedDiplotypes`).
    ///   - memoCapacity: genotypes the memo of imputations holds at most.
    public init(set: HaplotypeFrequencySet, groups: SmallGGroups, cap: Int = InputLimits.imputedDiplotypes,
                memoCapacity: Int = 1_000_000) {
        precondition(set.metadata.release == groups.release, "a set compiled for \(set.metadata.release) used with \(groups.release)")
        self.set = set
        self.groups = groups
        self.cap = max(1, cap)
        var vg: [[Int32]] = [], sv: [[Int32: Int32]] = []
        for l in HaplotypeFrequencySet.loci.indices {
            let ids = set.values[l].map { groups.id(of: $0) ?? -1 }
            vg.append(ids)
            var back: [Int32: Int32] = [:]
            for (v, g) in ids.enumerated() where g >= 0 { back[g] = Int32(v) }
            sv.append(back)
        }
        valueGroup = vg
        setValueOfGroup = sv
        memo = ImputationMemo(capacity: memoCapacity)
    }

    /// The genotypes `typing` may be, with their probabilities.
    /// - Parameter typing: a typing resolved by the resolver of `groups`.
    /// - Returns: the typing itself when it is unambiguous at small g resolution, else the imputed genotypes, or
    ///   `unrepresented` when no diplotype of the set explains it.
    public func impute(_ typing: HLATyping) -> ImputedGenotypes {
        let key = ImputationMemo.Key(loci: HaplotypeFrequencySet.loci.map { typing[$0] })
        if let hit = memo[key] { return hit }
        let result = compute(typing)
        memo.remember(result, for: key)
        return result
    }

    /// Distinct typings whose imputation is memoised.
    public var memoised: Int { memo.count }

    /// `impute` without the memo (for benchmarks of the imputation itself).
    ///
    /// - Parameter typing: A resolved typing.
    /// - Returns: Its genotypes, computed again even when the memo holds them.
    public func computeWithoutMemo(_ typing: HLATyping) -> ImputedGenotypes { compute(typing) }

    private func compute(_ typing: HLATyping) -> ImputedGenotypes {
        let loci = HaplotypeFrequencySet.loci
        var allowed: [(first: [Int32]?, second: [Int32]?)] = []
        var own = [Bool](repeating: false, count: loci.count)
        for (l, locus) in loci.enumerated() {
            let p = typing[locus].positions
            let a = groups.groups(of: p[0], at: locus), b = groups.groups(of: p[1], at: locus)
            own[l] = a?.count == 1 && b?.count == 1
            allowed.append((a, b))
        }
        if own.allSatisfy({ $0 }) { return .unambiguous(typing) }

        // Which positions each set value fits (bit 0: the first, bit 1: the second), per typed locus.
        var fits: [[UInt8]?] = []
        for (l, a) in allowed.enumerated() {
            if a.first == nil && a.second == nil { fits.append(nil); continue }
            var f = [UInt8](repeating: 0, count: set.values[l].count)
            for (bit, groupIDs) in [(UInt8(1), a.first), (UInt8(2), a.second)] {
                if let groupIDs {
                    for g in groupIDs { if let v = setValueOfGroup[l][g] { f[Int(v)] |= bit } }
                } else {
                    for v in f.indices { f[v] |= bit }
                }
            }
            fits.append(f)
        }
        let classes = haplotypeClasses(fits)
        let search = TopDiplotypes(classes: classes.members, frequencies: set.frequencies, pairs: consistentPairs(classes.signatures))
        let total = search.totalLikelihood
        guard total > 0 else { return .unrepresented(set.name) }
        let (kept, all) = search.best(cap)
        return genotypes(of: kept, total: total, all: all, diplotypes: search.count, typing: typing, own: own)
    }

    /// The allowed haplotypes grouped by class: a class is the positions each of the haplotype's values fits at the
    /// five loci (2 bits a locus, `3` at an untyped locus), members most frequent first.
    private func haplotypeClasses(_ fits: [[UInt8]?]) -> (signatures: [Int], members: [[Int32]]) {
        let typed = fits.indices.filter { fits[$0] != nil }
        var candidates: [Int32] = []
        if let driver = typed.min(by: { carrierCount($0, fits[$0]!) < carrierCount($1, fits[$1]!) }) {
            let f = fits[driver]!
            for v in f.indices where f[v] != 0 { candidates += set.carriers(locus: driver, value: v) }
        } else {
            candidates = (0..<Int32(set.count)).map { $0 }
        }
        var classOfSignature = [Int32](repeating: -1, count: 1 << 10)
        var signatures: [Int] = [], members: [[Int32]] = []
        outer: for h in candidates {
            var signature = 0
            for l in 0..<5 {
                if let f = fits[l] {
                    let c = f[set.value(Int(h), l)]
                    if c == 0 { continue outer }
                    signature |= Int(c) << (2 * l)
                } else {
                    signature |= 3 << (2 * l)
                }
            }
            var c = classOfSignature[signature]
            if c < 0 {
                c = Int32(signatures.count)
                classOfSignature[signature] = c
                signatures.append(signature)
                members.append([])
            }
            members[Int(c)].append(h)
        }
        let fr = set.frequencies
        members = members.map { $0.sorted { fr[Int($0)] != fr[Int($1)] ? fr[Int($0)] > fr[Int($1)] : $0 < $1 } }
        return (signatures, members)
    }

    /// Haplotypes carrying a value that fits a position at locus `l`.
    private func carrierCount(_ l: Int, _ f: [UInt8]) -> Int {
        f.indices.reduce(0) { $0 + (f[$1] != 0 ? set.carriers(locus: l, value: $1).count : 0) }
    }

    /// Pairs of classes (a ≤ b) whose haplotypes form consistent diplotypes: at every locus one fits the first
    /// position and the other the second.
    private func consistentPairs(_ signatures: [Int]) -> [(Int, Int)] {
        let first = signatures.map { Self.positionMask($0, bit: 1) }, second = signatures.map { Self.positionMask($0, bit: 2) }
        var pairs: [(Int, Int)] = []
        for a in signatures.indices {
            for b in a..<signatures.count where (first[a] & second[b]) | (second[a] & first[b]) == 0x1F { pairs.append((a, b)) }
        }
        return pairs
    }

    /// One bit a locus: whether the class's value fits the position `bit` names.
    private static func positionMask(_ signature: Int, bit: Int) -> Int {
        (0..<5).reduce(0) { $0 | ((signature >> (2 * $1)) & bit != 0 ? 1 << $1 : 0) }
    }

    /// Merges kept diplotypes into genotypes (phase dropped) and tabulates their locus genotypes.
    private func genotypes(of kept: [TopDiplotypes.Diplotype], total: Double, all: Bool, diplotypes: Int, typing: HLATyping,
                           own: [Bool]) -> ImputedGenotypes {
        var likelihood: [[UInt64]: Double] = [:]
        var order: [[UInt64]] = []
        var keptLikelihood = 0.0
        for d in kept {
            let key = (0..<5).map { l -> UInt64 in
                let x = UInt64(set.value(Int(d.first), l)), y = UInt64(set.value(Int(d.second), l))
                return min(x, y) | max(x, y) << 32
            }
            if likelihood[key] == nil { order.append(key) }
            likelihood[key, default: 0] += d.likelihood
            keptLikelihood += d.likelihood
        }
        let sorted = order.enumerated().sorted { x, y in
            let lx = likelihood[x.element]!, ly = likelihood[y.element]!
            return lx != ly ? lx > ly : x.offset < y.offset
        }.map(\.element)
        var locusIndex = [[UInt64: Int32]](repeating: [:], count: 5)
        var locusGenotypes = [[LocusTyping]](repeating: [], count: 5)
        var genotypeLoci: [Int32] = []
        genotypeLoci.reserveCapacity(sorted.count * 5)
        for key in sorted {
            for l in 0..<5 {
                if let i = locusIndex[l][key[l]] { genotypeLoci.append(i); continue }
                let i = Int32(locusGenotypes[l].count)
                locusIndex[l][key[l]] = i
                if own[l] {
                    locusGenotypes[l].append(typing[HaplotypeFrequencySet.loci[l]])
                } else {
                    let lo = Int(key[l] & 0xFFFF_FFFF), hi = Int(key[l] >> 32)
                    locusGenotypes[l].append(LocusTyping(groups.typing(ofGroup: valueGroup[l][lo]), groups.typing(ofGroup: valueGroup[l][hi])))
                }
                genotypeLoci.append(i)
            }
        }
        return ImputedGenotypes(kind: .imputed, haplotypes: set.name, locusGenotypes: locusGenotypes, genotypeLoci: genotypeLoci,
                                probabilities: sorted.map { likelihood[$0]! / total },
                                dropped: all ? 0 : max(0, (total - keptLikelihood) / total),
                                diplotypes: diplotypes, keptDiplotypes: kept.count)
    }
}
