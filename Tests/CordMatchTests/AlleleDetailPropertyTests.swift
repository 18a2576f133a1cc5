import CordMatch
import HLA
import PropertyBased
import Testing
import TestSupport

/// The alleles a written value may be, found without the resolver: each alternative expanded by `Expander`
/// (the definition of what a name stands for) and looked up in the release.
struct PossibleAlleles {
    /// Per written alternative, its WHO alleles.
    let alternatives: [[AlleleFacts]]
    /// True when every alternative is one allele name (2–4 fields).
    let isOneAlleleName: Bool

    init(_ written: String, data: ReferenceData) throws {
        let expander = Expander(data)
        let tokens = try GLString.parse(written).tokens
        alternatives = try tokens.map { try expander.alleles(of: $0).compactMap { data.alleleFacts($0) } }
        if tokens.count == 1, case .allele = tokens[0].kind { isOneAlleleName = true } else { isOneAlleleName = false }
    }

    var expressed: [AlleleFacts] { alternatives.flatMap { $0 }.filter(\.expressed) }
    /// True when some written alternative stands only for null alleles.
    var hasWhollyNullAlternative: Bool { alternatives.contains { !$0.isEmpty && $0.allSatisfy { !$0.expressed } } }

    /// True when `holds` is true of every pair of expressed alleles, one from each side.
    func everyPair(with other: PossibleAlleles, _ holds: (AlleleFacts, AlleleFacts) -> Bool) -> Bool {
        let mine = expressed, theirs = other.expressed
        for a in mine { for b in theirs where !holds(a, b) { return false } }
        return true
    }
}

/// A finer grade (same cDNA, protein, G group) and a known match (exact, definite) are claimed only when they
/// hold for every pair of alleles the two values may be (issue #14 item 13) — checked by brute force over the
/// expansions of values drawn from the real release.
@Suite struct AlleleDetailPropertyTests {
    /// Checks the claims of one recipient value against one unit value (each typed homozygous at `locus`).
    static func checkClaims(_ locus: MatchLocus, recipient r: String, unit u: String) throws {
        let resolver = try SharedReleases.resolverWithTCE()
        let match = MatchScorer.scoreLocus(locus, recipient: try resolver.resolve(r)[locus], unit: try resolver.resolve(u)[locus])
        let p = match.positions[0]
        let rs = try PossibleAlleles(r, data: resolver.data), us = try PossibleAlleles(u, data: resolver.data)
        let pair = "\(r) vs \(u)"
        guard !rs.expressed.isEmpty && !us.expressed.isEmpty else {
            // A side that may only be null expresses nothing at the locus: the null rules decide, with no detail.
            #expect(p.detail == nil, "a detail for a value that expresses nothing: \(pair)")
            return
        }
        if p.alleleConfidence.isKnownMatch {
            #expect(rs.everyPair(with: us) { $0.pKey == $1.pKey }, "\(p.alleleConfidence) but a possible pair differs in P group: \(pair)")
            #expect(!rs.hasWhollyNullAlternative && !us.hasWhollyNullAlternative, "known match of a value that may be null: \(pair)")
        }
        if p.alleleConfidence == .definite {
            #expect(rs.isOneAlleleName && us.isOneAlleleName, "definite but not two single allele names: \(pair)")
        }
        switch p.detail {
        case .cdna?: #expect(rs.everyPair(with: us) { $0.cdna == $1.cdna }, "same cdna claimed: \(pair)")
        case .protein?: #expect(rs.everyPair(with: us) { $0.protein == $1.protein }, "same protein claimed: \(pair)")
        case .gGroup?: #expect(rs.everyPair(with: us) { $0.gKey == $1.gKey }, "same G claimed: \(pair)")
        case .pGroup?: #expect(rs.everyPair(with: us) { $0.pKey == $1.pKey && $0.gKey != $1.gKey }, "same P only claimed: \(pair)")
        case nil: break
        }
        if p.detail != nil { #expect(p.alleleConfidence.isKnownMatch, "a detail without a known match: \(pair)") }
    }

    @Test func aClaimedDetailOrKnownMatchHoldsForEveryPairOfPossibleAlleles() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000).array(of: 10)) { pick in
            let locus = MatchLocus.allCases[pick[0] % MatchLocus.allCases.count]
            let values = ReleaseValues.all[locus]!
            let r = values.value(Array(pick[1...4]))
            let u = values.partner(of: r, Array(pick[5...9]))
            try! Self.checkClaims(locus, recipient: r, unit: u)
        }
    }

    /// Every G group of the release against itself: the commonest exact match, and the one issue #14 found
    /// claiming "same cdna" for groups whose members differ in coding sequence.
    @Test func everyGGroupAgainstItselfClaimsOnlyWhatAllItsMembersShare() throws {
        for locus in MatchLocus.allCases {
            for g in ReleaseValues.all[locus]!.gGroups { try Self.checkClaims(locus, recipient: g, unit: g) }
        }
    }

    @Test func theIssueCasesClaimTheGGroupOnly() throws {
        let a = try LocusScoring.locus(.A, recipient: "A*11:03:01G", unit: "A*11:03:01G").positions[0]
        #expect(a.grade == .allele && a.confidence == .exact && a.detail == .gGroup)
        let c = try LocusScoring.locus(.C, recipient: "C*03:335/C*03:407", unit: "C*03:482/C*03:05:01:01").positions[0]
        #expect(c.grade == .allele && c.confidence == .exact && c.detail == .gGroup)
        // Two single alleles: every level is known, so the finest shared one is claimed.
        #expect(try LocusScoring.locus(.A, recipient: "A*11:03:01:01", unit: "A*11:03:01:02").positions[0].detail == .cdna)
        #expect(try LocusScoring.locus(.A, recipient: "A*11:03:01:01", unit: "A*11:175").positions[0].detail == .gGroup)
    }
}
