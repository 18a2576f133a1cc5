@testable import CordInventory
import Testing

/// The reasons a rematch report gives for a unit: each kind of change once, a status or typing change from its
/// first value to its last, and nothing when the unit ends as it began.
@Suite struct UnitChangeSummaryTests {
    @Test func repeatedChangesAreNamedOnceFromFirstToLast() {
        let summary = UnitChangeSummary([
            (change: .other, detail: ""), (change: .status, detail: "AV → RS"), (change: .other, detail: ""),
            (change: .status, detail: "RS → TX"), (change: .other, detail: ""),
        ])
        #expect(summary.reasons == ["unit record changed", "status change (AV → TX)"])
    }

    @Test func aChangeUndoneBeforeTheRunIsNoReason() {
        let summary = UnitChangeSummary([
            (change: .status, detail: "AV → RS"), (change: .typing, detail: "A*02:01 → A*02:XX"),
            (change: .status, detail: "RS → AV"), (change: .typing, detail: "A*02:XX → A*02:05"),
        ])
        #expect(summary.reasons == ["typing changed (A*02:01 → A*02:05)"])
    }

    @Test func newAndDeletedUnitsAreNamed() {
        #expect(UnitChangeSummary([(change: .new, detail: "AV")]).reasons == ["new unit"])
        #expect(UnitChangeSummary([(change: .new, detail: "AV"), (change: .deleted, detail: "AV")]).reasons == ["new unit", "unit deleted"])
        #expect(UnitChangeSummary([]).reasons.isEmpty)
    }
}
