import CordMatch
import HLA
import PropertyBased
import Testing
import TestSupport

/// A position listing many alternatives resolves to what collecting the facts of every allele of every
/// alternative gives — the resolver combines memoised per-name summaries instead (issue #14 item 2: a typing of
/// 1,000 alternatives must be cheap, and must not change its answer).
@Suite struct LongAlternativeListTests {
    /// The resolution of a position computed from scratch: every alternative expanded by `Expander`, the facts
    /// of all their alleles gathered into one list, and the value's keys taken from that list.
    static func union(of written: String, locus: MatchLocus) throws -> PositionTyping {
        let resolver = try SharedReleases.resolverWithTCE()
        let data = resolver.data
        let tokens = try GLString.parse(written).tokens
        let possible = try PossibleAlleles(written, data: data)
        let all = possible.alternatives.flatMap { $0 }
        let expressed = all.filter(\.expressed)
        var antigens = Set<Int32>()
        for (token, alleles) in zip(tokens, possible.alternatives) {
            if case .serology = token.kind {
                for a in [token.name] + data.splits(of: token.name) { if let k = data.antigenKey(a) { antigens.insert(k) } }
            } else {
                for f in alleles where f.expressed { antigens.formUnion(f.antigens) }
            }
        }
        func one(_ k: KeyPath<AlleleFacts, Int32>) -> Int32 {
            Set(expressed.map { $0[keyPath: k] }).count == 1 ? expressed[0][keyPath: k] : -1
        }
        let isAntigen = tokens.allSatisfy { if case .serology = $0.kind { return true }; if case .firstField = $0.kind { return true }; return false }
        let resolution: PositionTyping.Resolution = isAntigen ? .antigen : possible.isOneAlleleName ? .allele : .ambiguous
        var tce: UInt8 = 0
        if locus == .DPB1, let table = resolver.tce, !expressed.isEmpty {
            let groups = Set(expressed.map { table.group(of: data.name(ofID: $0.id)) })
            if groups.count == 1 { tce = groups.first! }
        }
        return PositionTyping(written: tokens.map(\.description).joined(separator: "/"), resolution: resolution,
                              pKeys: Set(expressed.map(\.pKey)).sorted(), antigens: antigens.sorted(), gKey: one(\.gKey),
                              protein: one(\.protein), cdna: one(\.cdna), isNull: expressed.isEmpty && !all.isEmpty,
                              mayBeNull: possible.hasWhollyNullAlternative && !expressed.isEmpty, tceGroup: tce)
    }

    static func check(_ alternatives: [String], at locus: MatchLocus) throws {
        let written = alternatives.joined(separator: "/")
        let resolved = try SharedReleases.resolverWithTCE().resolve(written)[locus].positions[0]
        #expect(resolved == (try union(of: written, locus: locus)), "\(alternatives.count) alternatives at \(locus): \(written.prefix(120))…")
    }

    @Test func everyAlleleOfAnXXCodeWrittenOut() throws {
        let names = try SharedReleases.resolverWithTCE().data.whoAlleles.filter { $0.hasPrefix("A*02:") }
        #expect(names.count >= 1_000)
        try Self.check(Array(names.prefix(1_000)), at: .A)
        try Self.check(names, at: .A)
    }

    @Test func aThousandTwoFieldNamesWithRepeatsGroupsAndNulls() throws {
        let b = ReleaseValues.all[.B]!
        var list = Array(b.shortNames.prefix(700)) + Array(b.gGroups.prefix(150)) + Array(b.shortNames.prefix(100))
        list += b.alleles.filter { $0.hasSuffix("N") }.prefix(50)
        list += b.alleles.prefix(1_000 - list.count)
        #expect(list.count == 1_000 && list.contains { $0.hasSuffix("N") } && list.contains { $0.hasSuffix("G") })
        try Self.check(list, at: .B)
    }

    @Test func aThousandDPB1AlternativesKeepTheirTCEGroup() throws {
        let dp = ReleaseValues.all[.DPB1]!
        let list = (0..<1_000).map { i in i % 3 == 0 ? dp.shortNames[i % dp.shortNames.count] : dp.alleles[(7 * i) % dp.alleles.count] }
        try Self.check(list, at: .DPB1)
        // One TCE group throughout: the group survives the combination.
        let table = try #require(try SharedReleases.resolverWithTCE().tce)
        let group3 = dp.alleles.filter { table.group(of: $0) == 3 }
        try Self.check(Array(group3.prefix(1_000)), at: .DPB1)
    }

    @Test func randomListsOfEveryKindResolveAsTheirUnion() async {
        await propertyCheck(count: 80, input: Gen.int(in: 0...1_000_000).array(of: 4).array(of: 1...60), Gen.int(in: 0...5)) { picks, l in
            let locus = MatchLocus.allCases[l]
            let values = ReleaseValues.all[locus]!
            // Serologic antigens are read at antigen level only when all alternatives are: keep both kinds.
            let list = picks.map { values.value($0) }.flatMap { $0.split(separator: "/").map(String.init) }
            try! Self.check(list, at: locus)
        }
    }
}
