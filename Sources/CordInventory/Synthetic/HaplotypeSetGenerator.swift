import CordMatch
import Foundation
import HLA

/// Makes a synthetic haplotype frequency set, deterministically from a seed, for tests, benchmarks and the demo —
/// never a real population's set. Values are small g groups of the release's common alleles: per first field the
/// first (up to three) 2-field names that have a serologic assignment (`A*02:01`, `A*02:02`, …), every first
/// field's first one before any second one.
///
/// The skew and linkage disequilibrium are built in, then the most likely haplotypes kept:
/// - each locus's alleles get Zipf-like frequencies (weight 1/rank^1.1 over a seeded order, each first field's
///   common allele ranked before the others);
/// - C is linked to B and DQB1 to DRB1: each B allele has one to three C partners and each DRB1 one to three DQB1
///   partners, with Dirichlet-like shares (the first partner takes 50–90 %), as the B–C and DR–DQ blocks of real
///   sets do; each A allele favours three B alleles (×5), as A1–B8 or A3–B7;
/// - a haplotype's weight is the product of those parts times log-normal noise (σ = 1), so frequencies also vary
///   beyond the modelled structure;
/// - the `count` heaviest haplotypes of every combination are kept and their weights normalised to sum to 1, so
///   the frequencies fall over a few orders of magnitude, with a long tail, as published sets do.
///
/// The allele pools grow with `count` (about 15 A alleles for 2,000 haplotypes, 40 for 100,000), so that the set
/// keeps several haplotypes per allele.
public struct HaplotypeSetGenerator: Sendable {
    /// Per locus (`HaplotypeFrequencySet.loci` order): the small g groups the pools are drawn from, in
    /// nomenclature order of the common alleles they come from.
    let candidates: [[String]]
    /// The release.
    let release: String
    let groups: SmallGGroups

    /// A generator for the release of `groups`.
    /// - Parameter groups: the small g groups of the release (`SmallGGroups.shared(for:)`).
    public init(groups: SmallGGroups) {
        self.groups = groups
        release = groups.release
        let data = groups.resolver.data
        let byLocus = InventoryGenerator(data: data).byLocus
        let reducer = Reducer(data)
        candidates = HaplotypeFrequencySet.loci.map { locus in
            var seen = Set<String>()
            // Per first field, its common alleles as small g groups; then taken round-robin (every first field's
            // first allele, then every second one …), so that a pool spans the antigens before their variants.
            let perFirstField = (byLocus[locus.rawValue] ?? []).map { firstField in
                firstField.filter { !((try? reducer.reduce($0, to: .S).result) ?? "").isEmpty }.prefix(3).compactMap { name -> String? in
                    guard let g = try? reducer.reduce(name, to: .lg).result, !g.isEmpty, !g.contains("/"), seen.insert(g).inserted else { return nil }
                    return g
                }
            }
            return (0..<3).flatMap { k in perFirstField.compactMap { k < $0.count ? $0[k] : nil } }
        }
    }

    /// The largest allele pool per locus, for 100,000 haplotypes (A, B, C, DRB1, DQB1).
    static let poolSizes = [40, 80, 30, 40, 15]

    /// A set of `count` haplotypes (fewer if the pools cannot make that many), as the records a file would hold:
    /// values are small g names (`A*02:01g`), most frequent first, on lines 1, 2, 3 ….
    /// - Parameters:
    ///   - count: how many haplotypes.
    ///   - seed: the random seed.
    /// - Returns: the set as a source for `HaplotypeSetBuilder`.
    public func source(count: Int, seed: UInt64) -> HaplotypeSetSource {
        var rng = SplitMix64(seed: seed)
        let scale = pow(Double(max(count, 1)) / 100_000, 0.25)
        // Per locus: the pool (lg names, no repeats) and Zipf weights over a seeded order.
        var pools: [[String]] = [], weights: [[Double]] = []
        for (l, names) in candidates.enumerated() {
            let pool = Array(names.prefix(max(4, Int((Double(Self.poolSizes[l]) * scale).rounded()))))
            // Ranks: a seeded order of the first round's alleles (each first field's common one), then of the rest.
            let firstRound = pool.indices.filter { i in !pool[..<i].contains { AlleleNameFields.oneField($0) == AlleleNameFields.oneField(pool[i]) } }
            var order = firstRound.shuffled(using: &rng)
            order += pool.indices.filter { !firstRound.contains($0) }.shuffled(using: &rng)
            var w = [Double](repeating: 0, count: pool.count)
            for (rank, i) in order.enumerated() { w[i] = 1 / pow(Double(rank + 1), 1.1) }
            pools.append(pool)
            weights.append(w)
        }
        let (A, B, C, DR, DQ) = (0, 1, 2, 3, 4)
        func partners(_ from: Int, _ to: Int) -> [[(Int, Double)]] {
            pools[from].indices.map { _ in
                let n = 1 + Int(rng.next() % 3)
                var chosen: [Int] = []
                while chosen.count < min(n, pools[to].count) {
                    let c = Self.draw(weights[to], &rng)
                    if !chosen.contains(c) { chosen.append(c) }
                }
                var share = 0.5 + 0.4 * rng.unit(), rest = 1.0, out: [(Int, Double)] = []
                for (k, c) in chosen.enumerated() {
                    let s = k == chosen.count - 1 ? rest : rest * share
                    out.append((c, s))
                    rest -= s
                    share = 0.6
                }
                return out
            }
        }
        let cOfB = partners(B, C), dqOfDR = partners(DR, DQ)
        let favoured = pools[A].indices.map { _ in Set((0..<3).map { _ in Self.draw(weights[B], &rng) }) }

        var combos: [(values: [Int], weight: Double)] = []
        for a in pools[A].indices {
            for b in pools[B].indices {
                let ab = weights[A][a] * weights[B][b] * (favoured[a].contains(b) ? 5 : 1)
                for (c, wc) in cOfB[b] {
                    for dr in pools[DR].indices {
                        for (dq, wdq) in dqOfDR[dr] {
                            let noise = exp(Self.normal(&rng))
                            combos.append(([a, b, c, dr, dq], ab * wc * weights[DR][dr] * wdq * noise))
                        }
                    }
                }
            }
        }
        combos.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.values.lexicographicallyPrecedes($1.values) }
        let kept = combos.prefix(count)
        let total = kept.reduce(0.0) { $0 + $1.weight }
        let records = kept.enumerated().map { i, h in
            HaplotypeSetSource.Record(line: i + 1, values: Dictionary(uniqueKeysWithValues: HaplotypeFrequencySet.loci.enumerated().map { l, locus in
                (locus, pools[l][h.values[l]])
            }), frequency: h.weight / total)
        }
        return HaplotypeSetSource(file: "synthetic (seed \(seed))", format: "synthetic", nomenclatureVersion: release,
                                  populations: [], registries: [], populationID: nil, declaredResolution: "small g groups", records: records)
    }

    /// The set compiled for the generator's release, named `name`.
    /// - Parameters:
    ///   - count: how many haplotypes.
    ///   - seed: the random seed.
    ///   - name: the set's name.
    /// - Returns: the compiled set.
    /// - Throws: `HaplotypeSetRejection` (not for the generator's own values).
    public func set(count: Int, seed: UInt64, name: String = "synthetic") throws -> HaplotypeFrequencySet {
        try HaplotypeSetBuilder(groups: groups).build(source(count: count, seed: seed), name: name).set
    }

    /// The set as a file in the delimited form (`A*…g~C*…g~B*…g~DRB1*…g~DQB1*…g,frequency`, the loci in the order
    /// NMDP publishes them), with `#` comment lines saying what it is.
    ///
    /// - Parameters:
    ///   - source: The set.
    ///   - seed: The seed it was generated with, named in the comment line.
    /// - Returns: The file's text.
    public static func delimited(_ source: HaplotypeSetSource, seed: UInt64) -> String {
        let order: [MatchLocus] = [.A, .C, .B, .DRB1, .DQB1]
        var lines = ["# synthetic haplotype frequency set (cordmatch gen haplotypes --seed \(seed)): not a real population",
                     "# \(source.records.count) haplotypes, small g groups of IPD-IMGT/HLA \(source.nomenclatureVersion ?? "")",
                     "haplotype,frequency"]
        lines.reserveCapacity(source.records.count + 3)
        for r in source.records {
            lines.append(order.map { r.values[$0]! }.joined(separator: "~") + "," + String(format: "%.10e", r.frequency))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The set as Atlas HF-set JSON (`typingCategory` `small_g`, values without the locus).
    ///
    /// - Parameter source: The set.
    /// - Returns: The JSON text.
    public static func atlasJSON(_ source: HaplotypeSetSource) -> String {
        let keys: [(String, MatchLocus)] = [("a", .A), ("b", .B), ("c", .C), ("dqb1", .DQB1), ("drb1", .DRB1)]
        var out = "{\n  \"nomenclatureVersion\": \"\(source.nomenclatureVersion ?? "")\",\n  \"donPool\": null,\n  \"ethn\": null,\n"
            + "  \"populationId\": 0,\n  \"typingCategory\": \"small_g\",\n  \"frequencies\": [\n"
        out += source.records.map { r in
            "    {" + keys.map { k, locus in
                let v = r.values[locus]!
                return "\"\(k)\": \"\(v.split(separator: "*", maxSplits: 1).last!)\""
            }.joined(separator: ", ") + ", \"frequency\": \(String(format: "%.10e", r.frequency))}"
        }.joined(separator: ",\n")
        return out + "\n  ]\n}\n"
    }

    /// An index drawn with probability proportional to `weights`.
    static func draw(_ weights: [Double], _ rng: inout SplitMix64) -> Int {
        var x = rng.unit() * weights.reduce(0, +)
        for (i, w) in weights.enumerated() {
            x -= w
            if x < 0 { return i }
        }
        return weights.count - 1
    }

    /// A standard normal number (Box–Muller).
    static func normal(_ rng: inout SplitMix64) -> Double {
        let u1 = max(rng.unit(), 1e-12), u2 = rng.unit()
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }
}
