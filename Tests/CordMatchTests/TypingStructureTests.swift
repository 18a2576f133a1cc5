import Testing
import PropertyBased
import CordMatch
import TestSupport

/// One set of structural rules for a typing (issue #14 item 11): `validate` (`cordmatch hla validate`) refuses
/// exactly what `resolve` (match, search, rematch, imports) refuses, with the same reason.
@Suite struct TypingStructureTests {
    /// Malformed typings and a part of the reason each must give.
    static let refused: [(typing: String, reason: String)] = [
        ("A*02:01+A*03:01^A*01:01+A*11:01", "locus A is given twice (in two '^' parts)"),
        ("A*02:01+A*03:01^A2", "locus A is given twice"),
        ("DRB3*01:01^DRB3*02:02", "locus DRB3 is given twice"),
        ("A*01:01~A*02:01+A*03:01~A*11:01", "locus A is given twice on one haplotype"),
        ("A*02:01+A*03:01+A*11:01", "a genotype has at most two haplotypes ('+' once), found 3"),
        ("A*02:01/B*08:01+A*03:01", "an allele list mixes loci (A, B)"),
        ("A*02:01/Cw7", "an allele list mixes loci (A, C)"),
        ("A*01:01~B*08:01+A*02:01", "locus B is given on one haplotype of two"),
        ("A*01:01+A*02:01~B*07:02", "locus B is given on one haplotype of two"),
        ("A*01:01+A*02:01|B*07:02+B*08:01", "the genotype alternatives ('|') type different loci (A, B in some, not in others)"),
        ("A*01:01+NEW", "NEW without a locus"),
        ("A*02:01+", "at position 9: empty haplotype"),
        ("A*99:99+A*01:01", "A*99:99: not an allele name in IMGT/HLA 3.58.0"),
        ("DRB3*99:99+DRB3*01:01", "DRB3*99:99: not an allele name"),
        ("A*NEW/A*99:99+A*01:01", "A*99:99: not an allele name"),
    ]

    /// Well-formed typings: both accept them.
    static let accepted = [
        "A*02:01+A*03:01^B*07:02+B*08:01^DRB1*15:01+DRB1*03:01",
        "HLA-A*01:01+HLA-A*24:02^HLA-B*08:01+HLA-B*44:02/44:03",
        "A*01:01~B*08:01+A*02:01~B*07:02",
        "A*01:01+A*02:01|A*01:02+A*02:02",
        "DRB1*15:01~DRB5*01:01+DRB1*03:01~DRB3*01:01",
        "A*02", "A2+A24", "A*NEW+A*01:01", "A*02:01:08+A*01:01", "B*44:02+B*44:19N",
    ]

    static func outcome(_ typing: String, _ work: (String) throws -> Void) -> String? {
        do { try work(typing); return nil } catch { return "\(error)" }
    }

    @Test func validateRefusesExactlyWhatResolveRefusesWithTheSameReason() throws {
        let resolver = try SharedReleases.resolverWithTCE()
        for (typing, reason) in Self.refused {
            let v = Self.outcome(typing) { _ = try resolver.validate($0) }, r = Self.outcome(typing) { _ = try resolver.resolve($0) }
            #expect(v != nil && v == r, "\(typing): validate \(v ?? "OK"), resolve \(r ?? "OK")")
            #expect(r?.contains(reason) == true, "\(typing): \(r ?? "OK")")
        }
        for typing in Self.accepted {
            #expect(Self.outcome(typing) { _ = try resolver.validate($0) } == nil, "\(typing)")
            #expect(Self.outcome(typing) { _ = try resolver.resolve($0) } == nil, "\(typing)")
        }
    }

    /// Random GL strings from real names and every operator, well formed or not: the two always agree.
    @Test func validateAndResolveAgreeOnRandomTypings() async throws {
        let names = ["A*02:01", "A*03:01", "A2", "A*02:XX", "A*01:01:01G", "B*08:01", "B44", "Cw7", "DRB1*15:01", "DR51",
                     "DRB3*01:01", "A*NEW", "NEW", "A*99:99", "A*02", "B*44:02/44:03", "DQB1*06:02", "Bw4", "A*02:01:08"]
        let ops = ["+", "^", "|", "~", "/", "+", "^"]
        let resolver = try SharedReleases.resolverWithTCE()
        await propertyCheck(count: 300, input: Gen.int(in: 0...10_000).array(of: 1...12)) { picks in
            var typing = ""
            for (i, p) in picks.enumerated() {
                if i > 0 { typing += ops[p % ops.count] }
                typing += names[(p / 7) % names.count]
            }
            let v = Self.outcome(typing) { _ = try resolver.validate($0) }, r = Self.outcome(typing) { _ = try resolver.resolve($0) }
            #expect(v == r, "\(typing): validate \(v ?? "OK"), resolve \(r ?? "OK")")
        }
    }

    @Test func validateReadsRenamedAllelesAsTheirNewNames() throws {
        let v = try SharedReleases.resolverWithTCE().validate("HLA-A*02:01:08+HLA-A*01:01^B*44:02/44:03")
        #expect("\(v.reading)" == "HLA-A*02:1040+HLA-A*01:01^B*44:02/44:03")
        #expect(v.warnings == ["A*02:01:08 was renamed A*02:1040 in IMGT/HLA (Sequence renamed); using A*02:1040"])
    }

    /// A genotype alternative with one haplotype is homozygous within its alternative: `A*01:01|A*01:02+A*02:02`
    /// is (A*01:01, A*01:01) or (A*01:02, A*02:02), so its second position may be A*01:01 or A*02:02.
    @Test func genotypeAlternativesWidenEachPositionByTheirOwnValues() throws {
        let a = try SharedReleases.resolverWithTCE().resolve("A*01:01|A*01:02+A*02:02")[.A]
        #expect(a.positions.map(\.written) == ["A*01:01/A*01:02", "A*01:01/A*02:02"])
        // A unit A*01:01 homozygous may match both positions: neither is a known mismatch.
        let m = try LocusScoring.locus(.A, recipient: "A*01:01|A*01:02+A*02:02", unit: "A*01:01")
        #expect(m.allele.mismatches == 0)
    }

    @Test func lociOutsideMatchingAreKeptAsWritten() throws {
        let t = try SharedReleases.resolverWithTCE().resolve("DRB1*15:01~DRB5*01:01+DRB1*03:01~DRB3*01:01^A*02:01")
        #expect(t.otherLoci == ["DRB5": "DRB5*01:01", "DRB3": "DRB3*01:01"])
        #expect(t[.DRB1].positions.map(\.written) == ["DRB1*15:01", "DRB1*03:01"])
    }
}
