import CordMatch
import Testing

/// An untyped position is compared with nothing: reports name it "untyped", not "allele (potential)", while it
/// still counts as a potential match.
@Suite struct UntypedPositionTests {
    @Test func anUntypedPositionIsNamedUntypedAndCountsAsPotential() throws {
        let typed = try LocusScoring.locus(.C, recipient: "C*05:01+C*07:01", unit: "C*05:01+C*07:01")
        #expect(typed.positions.allSatisfy { !$0.isUntyped && $0.gradeName == "allele" })

        let unitUntyped = try LocusScoring.locus(.C, recipient: "A*02:01+A*24:02^C*05:01+C*07:01", unit: "A*02:01+A*24:02")
        #expect(unitUntyped.positions.count == 2)
        #expect(unitUntyped.positions.allSatisfy { $0.isUntyped && $0.gradeName == "untyped" && $0.confidence == .potential })
        #expect(unitUntyped.allele.potential == 2 && unitUntyped.allele.definite == 0)

        let recipientUntyped = try LocusScoring.locus(.C, recipient: "A*02:01+A*24:02", unit: "A*02:01+A*24:02^C*05:01+C*07:01")
        #expect(recipientUntyped.positions.allSatisfy { $0.isUntyped && $0.gradeName == "untyped" })
    }
}
