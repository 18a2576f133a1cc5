import CordMatch
import Foundation
import HLA
import Testing
import TestSupport

/// Policy rules on real typings: dose thresholds, antibodies, quality facts, ranking, double units.
@Suite struct SelectionTests {
    static let recipientTyping = "A*02:01+A*24:02^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01"
    static let date = CalendarDate("2026-01-15")!

    static func recipient(weight: Double = 10, disease: Recipient.DiseaseClass = .malignant,
                          antibodies: [(String, Double)] = [], typing: String = recipientTyping) throws -> Recipient {
        let r = try SharedReleases.resolverWithTCE()
        return Recipient(id: "R1", typing: try r.resolve(typing), weightKg: weight, disease: disease,
                         antibodies: try antibodies.map { try Antibody(target: $0.0, mfi: $0.1, resolver: r) }, abo: "A")
    }

    /// A unit whose TNC/kg and CD34/kg for a 10 kg recipient are the given values.
    static func unit(_ id: String, typing: String = recipientTyping, tncPerKg: Double? = 4.0, cd34PerKg: Double? = 2.0,
                     date: String? = "2020-05-01", segments: Int? = 1, prodMod: String? = "RBR") throws -> CordUnit {
        CordUnit(id: id, status: .available, typing: try SharedReleases.resolverWithTCE().resolve(typing), tnc: tncPerKg.map { $0 * 1e7 * 10 },
                 cd34: cd34PerKg.map { $0 * 1e5 * 10 }, collectionDate: date.flatMap(CalendarDate.init), productModification: prodMod,
                 attachedSegments: segments, accreditedBank: true, abo: "A")
    }

    static func assess(_ u: CordUnit, _ r: Recipient, policy: SelectionPolicy = PolicyPresets.malignant) -> UnitAssessment {
        UnitAssessor(policy: policy, searchDate: date).assess(u, for: r)
    }

    static func outcome(_ a: UnitAssessment, _ rule: String) -> UnitAssessment.Rule.Outcome? { a.rules.first { $0.name == rule }?.outcome }

    @Test(arguments: [
        ("malignant", 2.999, false), ("malignant", 3.0, true), ("non-malignant", 5.0, false), ("non-malignant", 5.001, true),
    ])
    func tncDoseJustBelowAndAtTheThreshold(policy: String, tnc: Double, eligible: Bool) throws {
        let a = Self.assess(try Self.unit("U1", tncPerKg: tnc), try Self.recipient(), policy: try #require(PolicyPresets.named(policy)))
        #expect(a.eligible == eligible, "\(a.text)")
        #expect(Self.outcome(a, "tnc_dose") == (eligible ? .passed : .failed))
    }

    @Test(arguments: [(1.499, false), (1.5, true)])
    func cd34DoseJustBelowAndAtTheThreshold(cd34: Double, eligible: Bool) throws {
        #expect(Self.assess(try Self.unit("U1", cd34PerKg: cd34), try Self.recipient()).eligible == eligible)
    }

    @Test func cd34NotReportedStaysEligibleButRanksAfter() throws {
        let r = try Self.recipient()
        let reported = try Self.unit("U2", tncPerKg: 4.0), missing = try Self.unit("U1", tncPerKg: 9.0, cd34PerKg: nil)
        let result = CordSelector(policy: PolicyPresets.malignant, searchDate: Self.date).select(for: r, from: [missing, reported])
        #expect(result.ranked.map(\.unitID) == ["U2", "U1"])
        #expect(Self.outcome(result.ranked[1], "cd34_dose") == .notReported)
    }

    @Test func qualityFactsNotReportedDoNotExclude() throws {
        let a = Self.assess(try Self.unit("U1", date: nil, segments: nil, prodMod: nil), try Self.recipient())
        #expect(a.eligible)
        #expect(Self.outcome(a, "attached_segment") == .notReported && Self.outcome(a, "red_cell_reduced") == .notReported
                && Self.outcome(a, "max_age_years") == .notReported)
    }

    @Test func failedQualityRuleExcludesUnlessRelaxed() throws {
        let u = try Self.unit("U1", prodMod: "NOT"), r = try Self.recipient()
        #expect(!Self.assess(u, r).eligible)
        let relaxed = UnitAssessor(policy: PolicyPresets.malignant, searchDate: Self.date, relaxed: [.redCellReduced]).assess(u, for: r)
        #expect(relaxed.eligible && relaxed.relaxedFailures == 1)
        // Collected more than ten years before the search date.
        #expect(Self.outcome(Self.assess(try Self.unit("U2", date: "2016-01-14"), r), "max_age_years") == .failed)
        #expect(Self.outcome(Self.assess(try Self.unit("U3", date: "2016-01-15"), r), "max_age_years") == .passed)
    }

    @Test func donorSpecificAntibodiesExcludeAtTheThreshold() throws {
        // The unit carries B*07:02 (the recipient has B*44:02/B*08:01): antibody B7.
        let u = try Self.unit("U1", typing: "A*02:01+A*24:02^B*44:02+B*07:02^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01")
        let strong = Self.assess(u, try Self.recipient(antibodies: [("B7", 1000)]))
        #expect(!strong.eligible && strong.reasons.contains { $0.contains("carries B7") })
        let weak = Self.assess(u, try Self.recipient(antibodies: [("B7", 999)]))
        #expect(weak.eligible && weak.antibodies.map(\.action) == ["warn"] && weak.text.contains("antibody B7 (MFI 999): unit carries it → warn"))
        // An antibody against the recipient's own antigen is not donor-specific.
        #expect(Self.assess(u, try Self.recipient(antibodies: [("B44", 5000)])).eligible)
        // An XX-typed unit may carry the target: excluded too, and said so.
        let xx = try Self.unit("U2", typing: "A*02:01+A*24:02^B*44:02+B*07:XX^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01")
        let possible = Self.assess(xx, try Self.recipient(antibodies: [("B*07:02", 3000)]))
        #expect(!possible.eligible && possible.reasons.contains { $0.contains("may carry B*07:02") })
    }

    @Test func hlaFloorCountsKnownMismatchesAndNotPotentialOnes() throws {
        let r = try Self.recipient()
        // One known mismatch at each of A, B and DRB1: 3/6, below the 4/6 floor.
        let three = try Self.unit("U1", typing: "A*01:01+A*24:02^B*07:02+B*08:01^C*05:01+C*07:01^DRB1*04:01+DRB1*03:01")
        #expect(Self.outcome(Self.assess(three, r), "hla_floor") == .failed)
        // Two known mismatches: 4/6 and 6/8, at the floor.
        let four = try Self.unit("U2", typing: "A*01:01+A*24:02^B*07:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01")
        #expect(Self.outcome(Self.assess(four, r), "hla_floor") == .passed)
        // An antigen-level unit is a potential match everywhere: it passes the floor.
        let serology = try Self.unit("U3", typing: "A2+A24^B44+B8^DRB1*15:XX+DRB1*03:XX")
        let a = Self.assess(serology, r)
        #expect(Self.outcome(a, "hla_floor") == .passed && a.match.x8.definite == 0 && a.match.x8.potential == 8)   // C untyped: potential too
    }

    @Test func rankingFollowsThePolicyAndIsTotal() throws {
        let r = try Self.recipient()
        let matched = try Self.unit("U9")
        let twin = try Self.unit("U0")   // the same as U9: the unit id decides
        let cMismatch = try Self.unit("U3", typing: "A*02:01+A*24:02^B*44:02+B*08:01^C*05:01+C*04:01^DRB1*15:01+DRB1*03:01",
                                      tncPerKg: 9)
        let bMismatch = try Self.unit("U4", typing: "A*02:01+A*24:02^B*44:02+B*07:02^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01")
        let potential = try Self.unit("U5", typing: "A2+A24^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01", tncPerKg: 9)
        let units = [bMismatch, cMismatch, potential, matched, twin]
        let s = CordSelector(policy: PolicyPresets.malignant, searchDate: Self.date)
        let order = s.select(for: r, from: units).ranked.map(\.unitID)
        // Known mismatches first (0: U0, U9, U5), confirmed before potential (U5 after), no HLA-C mismatch before one
        // (U4 before U3) even when the HLA-C-mismatched unit has more cells.
        #expect(order == ["U0", "U9", "U5", "U4", "U3"])
        #expect(s.select(for: r, from: units.reversed()).ranked.map(\.unitID) == order)
    }

    @Test func directionRanksGvHOnlyBeforeHvGOnly() throws {
        let r = try Self.recipient(typing: "A*02:01+A*24:02^B*44:02+B*44:02^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01")
        let gvhOnly = try Self.unit("U2", typing: "A*02:01+A*02:01^B*44:02+B*44:02^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01",
                                    tncPerKg: 6)
        let hvgOnly = try Self.unit("U1", typing: "A*02:01+A*24:02^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01",
                                    tncPerKg: 9)
        let result = CordSelector(policy: PolicyPresets.nonMalignant, searchDate: Self.date).select(for: r, from: [hvgOnly, gvhOnly])
        #expect(result.ranked.map(\.unitID) == ["U2", "U1"])
        #expect(result.ranked[1].match.x8.hvg == 1 && result.ranked[1].match.x8.gvh == 0)
        #expect(result.ranked[1].warnings.contains { $0.contains("HvG-only") })
        #expect(!result.ranked[0].warnings.contains { $0.contains("HvG-only") })
    }

    @Test func doubleUnitsWhenNoSingleUnitHasTheDose() throws {
        let r = try Self.recipient()
        let units = [try Self.unit("U1", tncPerKg: 2.0), try Self.unit("U2", tncPerKg: 1.6), try Self.unit("U3", tncPerKg: 1.4),
                     try Self.unit("U4", tncPerKg: 1.8)]
        let result = CordSelector(policy: PolicyPresets.malignant, searchDate: Self.date).select(for: r, from: units)
        #expect(result.ranked.isEmpty)
        // U3 is below the per-unit 1.5; pairs need a combined 3.5: U1+U4 (3.8), U1+U2 (3.6); U2+U4 is 3.4.
        #expect(result.pairs.map { [$0.first.unitID, $0.second.unitID].sorted() } == [["U1", "U4"], ["U1", "U2"]])
        #expect(result.pairs[0].unitToUnit.definite == 8)
        // With a single unit that passes, no pairs are proposed.
        let withSingle = CordSelector(policy: PolicyPresets.malignant, searchDate: Self.date).select(for: r, from: units + [try Self.unit("U5")])
        #expect(withSingle.pairs.isEmpty && withSingle.ranked.map(\.unitID) == ["U5"])
    }

    @Test func explanationNamesEveryFailedRule() throws {
        let u = CordUnit(id: "U7", status: .reserved, typing: try SharedReleases.resolverWithTCE().resolve("A2+A24^B44+B8^DRB1*15:XX+DRB1*03:01"),
                         tnc: 2.0e8, cd34: nil)
        let a = Self.assess(u, try Self.recipient())
        #expect(!a.eligible)
        #expect(a.reasons.contains { $0.hasPrefix("status:") } && a.reasons.contains { $0.hasPrefix("tnc_dose:") })
        #expect(a.text.contains("NOT ELIGIBLE under policy malignant, IMGT/HLA 3.58.0"))
        #expect(a.text.contains("(+") )   // potential matches are shown as such
    }
}

@Suite struct FactorTests {
    @Test func macUnitIsAPotentialMatchNotADefiniteOne() throws {
        let (data, macs) = (try SharedReleases.resolverWithTCE().data, try PackageFolder.macs())
        let resolver = TypingResolver(data, macs: macs)
        // A*01:AB = A*01:01/A*01:02: a potential match of A*01:01, a known mismatch of A*03:01.
        let m = MatchScorer.scoreLocus(.A, recipient: try resolver.resolve("A*01:01+A*02:01")[.A], unit: try resolver.resolve("A*01:AB+A*02:01")[.A])
        #expect(m.positions.map(\.confidence) == [.potential, .definite])
        #expect(m.allele.potential == 1 && m.allele.definite == 1)
        let mm = MatchScorer.scoreLocus(.A, recipient: try resolver.resolve("A*03:01+A*02:01")[.A], unit: try resolver.resolve("A*01:AB+A*02:01")[.A])
        #expect(mm.allele.mismatches == 1)
    }

    @Test func nimaMatchedWhenTheMothersOtherHaplotypeCoversTheMismatch() throws {
        let r = try SharedReleases.resolverWithTCE()
        let recipient = Recipient(id: "R", typing: try r.resolve("A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01"),
                                  weightKg: 10, disease: .malignant)
        // The unit lacks the recipient's A*24:02 (GvH); its mother carries A*24:02 on the haplotype she did not pass on.
        func unit(mother: String) throws -> CordUnit {
            CordUnit(id: "U", typing: try r.resolve("A*02:01+A*11:01^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01"), tnc: 4e8, cd34: 2e6,
                     maternalTyping: try r.resolve(mother))
        }
        let assessor = UnitAssessor(policy: PolicyPresets.malignant, searchDate: CalendarDate("2026-01-15")!)
        #expect(assessor.assess(try unit(mother: "A*02:01+A*24:02^B*44:02+B*07:02^DRB1*15:01+DRB1*04:01"), for: recipient).nimaMatched == true)
        #expect(assessor.assess(try unit(mother: "A*02:01+A*01:01^B*44:02+B*07:02^DRB1*15:01+DRB1*04:01"), for: recipient).nimaMatched == false)
        #expect(assessor.assess(CordUnit(id: "U", typing: try r.resolve("A*02:01+A*11:01"), tnc: 4e8, cd34: 2e6), for: recipient).nimaMatched == nil)
    }

    @Test(arguments: [
        ("A", "A" as String?, ABOCompatibility.compatible), ("AB", "O", .minor), ("O", "AB", .major), ("AB", "AB", .compatible), ("A", "O", .minor), ("O", "A", .major),
        ("A", "B", .major), ("O", nil, .unknown),
    ])
    func aboCompatibility(recipient: String, unit: String?, expected: ABOCompatibility) {
        #expect(ABOCompatibility(recipient: recipient, unit: unit) == expected)
    }
}
