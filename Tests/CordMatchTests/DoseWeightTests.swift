import Testing
import CordMatch

/// A dose is never computed from an impossible weight: a recipient weighing 0, a negative, NaN, infinite or subnormal
/// amount gets no dose, and every dose rule fails with the reason, instead of an infinite TNC/kg that passes.
@Suite struct DoseWeightTests {
    @Test(arguments: [0.0, -0.0, -18, Double.nan, .infinity, Double.leastNormalMagnitude / 1e3, 0.4, 401])
    func anImpossibleWeightGivesNoDoseAndNoEligibleUnit(weight: Double) throws {
        let unit = try SelectionTests.unit("U1", tncPerKg: 40, cd34PerKg: 20)
        let assessor = UnitAssessor(policy: PolicyPresets.malignant, searchDate: SelectionTests.date)
        let a = assessor.assess(unit, for: try SelectionTests.recipient(weight: weight))
        #expect(!a.eligible)
        #expect(SelectionTests.outcome(a, "tnc_dose") == .failed && SelectionTests.outcome(a, "cd34_dose") == .failed)
        #expect(a.rules.first { $0.name == "tnc_dose" }?.detail.contains("the dose cannot be assessed") == true)
        #expect(a.dose.tncPerKg == nil)
        #expect(!assessor.canMeetTNC(unit.tnc, weightKg: weight))
        // No double unit either.
        #expect(!DoubleUnitFinder(policy: PolicyPresets.malignant).isCandidate(a))
    }

    @Test(arguments: [0.5, 3.2, 10, 400])
    func aPlausibleWeightGivesItsDose(weight: Double) throws {
        let unit = try SelectionTests.unit("U1", tncPerKg: 40, cd34PerKg: 20)
        let a = UnitAssessor(policy: PolicyPresets.malignant, searchDate: SelectionTests.date).assess(unit, for: try SelectionTests.recipient(weight: weight))
        #expect(a.dose.tncPerKg == 40 * 10 / weight)
    }
}
