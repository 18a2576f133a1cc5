import CordMatch
import HLA

/// People drawn from a haplotype frequency set — two haplotypes each, independently, with the set's frequencies
/// (Hardy–Weinberg) — and typed at mixed resolution as registries type recipients and cord banks type units, for
/// the calibration simulation (`ProbabilityCalibration`). Deterministic by seed.
///
/// A person's true alleles are the 2-field names of their small g groups (`A*02:01g` → `A*02:01`); a typing reports
/// them as they are, or as the XX code of their first field, an allele list with a second allele of the same first
/// field (either order, equally likely), or the serologic antigen of the allele — each containing the true allele —
/// or leaves the locus out. Each is made so that it tells no more than the alleles it may be (see `antigens`), as the
/// model assumes; without a second allele or an antigen, an allele is typed by name.
public struct SyntheticPeople: Sendable {
    /// How a locus is typed.
    public enum Resolution: Sendable, CaseIterable {
        /// Allele level; the XX code of the first field; an allele list; the serologic antigen; not typed.
        case allele, xx, list, serology, untyped
    }

    /// One person: the indices of their two haplotypes in the set.
    public struct Person: Sendable {
        /// The indices of the person's two haplotypes in the set.
        public let haplotypes: (Int, Int)

        /// The person with haplotypes `haplotypes` of the set.
        ///
        /// - Parameter haplotypes: Two haplotype indices of the set.
        public init(haplotypes: (Int, Int)) { self.haplotypes = haplotypes }
    }

    /// The haplotype frequency set people are drawn from.
    public let set: HaplotypeFrequencySet
    let resolver: TypingResolver
    /// Cumulative frequencies, for drawing.
    let cumulative: [Double]
    /// Per locus and value: the true allele, its XX code, its serologic antigen (nil when it has none usable), and
    /// other alleles of the same first field (for lists).
    let alleles: [[String]], serology: [[String?]], relatives: [[[String]]]

    /// People of `set`, typed through `resolver` (the release the set was compiled for).
    ///
    /// - Parameters:
    ///   - set: The haplotype frequency set.
    ///   - resolver: The resolver of its release.
    public init(set: HaplotypeFrequencySet, resolver: TypingResolver) {
        self.set = set
        self.resolver = resolver
        var c: [Double] = [], s = 0.0
        for f in set.frequencies { s += f; c.append(s) }
        cumulative = c.map { $0 / s }
        let reducer = Reducer(resolver.data)
        var alleles: [[String]] = [], serology: [[String?]] = [], relatives: [[[String]]] = []
        for (l, locus) in HaplotypeFrequencySet.loci.enumerated() {
            let names = set.values[l].map { String($0.dropLast()) }
            alleles.append(names)
            serology.append(Self.antigens(of: names, at: locus, reducer: reducer, resolver: resolver))
            relatives.append(names.map { name in
                let first = AlleleNameFields.oneField(name)
                return names.filter { $0 != name && AlleleNameFields.oneField($0) == first }
            })
        }
        self.alleles = alleles
        self.serology = serology
        self.relatives = relatives
    }

    /// The serologic antigen each allele of a locus is typed as, chosen so that the typing says no more than
    /// "one of the alleles of this antigen": every allele the antigen's expansion holds is typed as that antigen (so
    /// the model, which reads a typing as the set of alleles it may be, describes how it was made). Each allele
    /// starts with its most specific antigen (a split before its broad); an allele that a larger antigen's expansion
    /// also holds moves to it (B*07:03, assigned B703, is typed B7, since B7's expansion holds it). Nil: the allele
    /// has no usable antigen and is typed by name.
    static func antigens(of names: [String], at locus: MatchLocus, reducer: Reducer, resolver: TypingResolver) -> [String?] {
        let data = resolver.data
        let pKey = names.map { (try? resolver.resolveValue($0, locus: locus))?.pKeys.first ?? -1 }
        var expansion: [String: Set<Int32>] = [:]
        func holds(_ antigen: String) -> Set<Int32> {
            if let known = expansion[antigen] { return known }
            let keys = Set((try? resolver.resolveValue(antigen, locus: locus))?.pKeys ?? [])
            expansion[antigen] = keys
            return keys
        }
        var chosen: [String?] = names.indices.map { i in
            let antigens = ((try? reducer.reduce(names[i], to: .S).result) ?? "").split(separator: "/").map(String.init)
            let ordered = antigens.filter { data.splits(of: $0).isEmpty } + antigens.filter { !data.splits(of: $0).isEmpty }
            return ordered.first { holds($0).contains(pKey[i]) }
        }
        var moved = true
        while moved {
            moved = false
            for a in Set(chosen.compactMap { $0 }).sorted() {
                for i in names.indices where chosen[i] != a && holds(a).contains(pKey[i]) {
                    let current = chosen[i].map { holds($0).count } ?? -1
                    if holds(a).count > current || (holds(a).count == current && a < chosen[i]!) {
                        chosen[i] = a
                        moved = true
                    }
                }
            }
        }
        return chosen
    }

    /// A person drawn from the set's frequencies.
    ///
    /// - Parameter rng: The random generator.
    /// - Returns: The person.
    public func draw(_ rng: inout SplitMix64) -> Person { Person(haplotypes: (haplotype(rng.unit()), haplotype(rng.unit()))) }

    private func haplotype(_ u: Double) -> Int {
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The person's true typing: both alleles at every locus, as a GL string.
    ///
    /// - Parameter p: The person.
    /// - Returns: The GL string.
    public func truth(_ p: Person) -> String {
        var unused = SplitMix64(seed: 0)
        return typing(p, HaplotypeFrequencySet.loci.map { _ in .allele }, &unused)
    }

    /// The person typed at `resolutions` (one per locus of `HaplotypeFrequencySet.loci`), as a GL string. A
    /// resolution that cannot report the allele (no serologic antigen, no other allele for a list) reports its name.
    /// - Parameters:
    ///   - p: the person.
    ///   - resolutions: per locus, how it is typed.
    ///   - rng: chooses the second allele of lists.
    /// - Returns: the typing.
    public func typing(_ p: Person, _ resolutions: [Resolution], _ rng: inout SplitMix64) -> String {
        var loci: [String] = []
        for (l, resolution) in resolutions.enumerated() where resolution != .untyped {
            let values = [set.value(p.haplotypes.0, l), set.value(p.haplotypes.1, l)].map { v -> String in
                let allele = alleles[l][v]
                switch resolution {
                case .allele, .untyped: return allele
                case .serology: return serology[l][v] ?? allele
                case .xx: return Self.xx(allele)
                case .list:
                    let others = relatives[l][v]
                    guard !others.isEmpty else { return allele }
                    let other = others[Int(rng.next() % UInt64(others.count))]
                    return rng.unit() < 0.5 ? "\(allele)/\(other)" : "\(other)/\(allele)"
                }
            }
            loci.append(values.joined(separator: "+"))
        }
        return loci.joined(separator: "^")
    }

    static func xx(_ allele: String) -> String { AlleleNameFields.oneField(allele) + ":XX" }

    /// How registries type recipients: 60 % at allele level throughout, 25 % with C as an XX code and DQB1 untyped,
    /// 15 % with allele lists at A and B.
    ///
    /// - Parameter rng: The random generator.
    /// - Returns: One resolution per locus of `HaplotypeFrequencySet.loci`.
    public static func recipientResolutions(_ rng: inout SplitMix64) -> [Resolution] {
        let u = rng.unit()
        if u < 0.60 { return [.allele, .allele, .allele, .allele, .allele] }
        if u < 0.85 { return [.allele, .allele, .xx, .allele, .untyped] }
        return [.list, .list, .allele, .allele, .allele]
    }

    /// How cord banks type units: 30 % at allele level throughout; 35 % the serology era (A and B serologic, C and
    /// DQB1 untyped, DRB1 at allele level); 20 % XX codes at A, B, C and DQB1 with DRB1 at allele level; 15 % allele
    /// lists at A and B, C at allele level, DQB1 untyped.
    ///
    /// - Parameter rng: The random generator.
    /// - Returns: One resolution per locus of `HaplotypeFrequencySet.loci`.
    public static func unitResolutions(_ rng: inout SplitMix64) -> [Resolution] {
        let u = rng.unit()
        if u < 0.30 { return [.allele, .allele, .allele, .allele, .allele] }
        if u < 0.65 { return [.serology, .serology, .untyped, .allele, .untyped] }
        if u < 0.85 { return [.xx, .xx, .xx, .allele, .xx] }
        return [.list, .list, .allele, .allele, .untyped]
    }
}
