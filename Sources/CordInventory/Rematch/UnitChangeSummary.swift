import Foundation

/// What happened to a unit between two rematch runs, in words, from its change-log entries in order: each kind
/// of change once, a status or typing change as its first value → its last (and not at all when the last equals
/// the first: a unit reserved and released again has not changed), in the order the kinds first occurred.
struct UnitChangeSummary {
    /// The reasons, e.g. `["status change (AV → RS)", "unit record changed"]`.
    let reasons: [String]

    /// - Parameter changes: the unit's change-log entries (`change`, `detail`), oldest first.
    init(_ changes: [(change: ChangeLogEntry.Change, detail: String)]) {
        var order: [ChangeLogEntry.Change] = []
        var firstAndLast: [ChangeLogEntry.Change: (first: String, last: String)] = [:]
        for (change, detail) in changes {
            if firstAndLast[change] == nil { order.append(change) }
            let (from, to) = Self.split(detail)
            firstAndLast[change] = (firstAndLast[change]?.first ?? from, to)
        }
        reasons = order.compactMap { change in
            let (first, last) = firstAndLast[change]!
            switch change {
            case .new: return "new unit"
            case .deleted: return "unit deleted"
            case .status, .typing:
                guard first != last else { return nil }
                return "\(change == .status ? "status change" : "typing changed") (\(first) → \(last))"
            case .other, .changed: return "unit record changed"
            }
        }
    }

    /// A detail "old → new" as its two values (a detail without an arrow is both).
    private static func split(_ detail: String) -> (String, String) {
        guard let arrow = detail.range(of: " → ") else { return (detail, detail) }
        return (String(detail[..<arrow.lowerBound]), String(detail[arrow.upperBound...]))
    }
}
