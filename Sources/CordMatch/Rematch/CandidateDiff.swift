/// How one recipient's ranked candidate list changed between two rematch runs: units that entered, units that
/// left (each with a reason the caller supplies), and units whose rank moved.
public struct CandidateDiff: Sendable, Hashable {
    /// A unit that entered or left the list, and why.
    public struct Entry: Sendable, Hashable, Codable {
        /// The unit's id.
        public let unitId: String
        /// Why the unit entered or left, as the caller gives it (empty when it gives none).
        public let reason: String
    }

    /// A unit on both lists at different ranks (1-based), with the reason when the unit itself (or the
    /// recipient, or the policy) changed; nil when other units moved it.
    public struct RankChange: Sendable, Hashable, Codable {
        /// The unit's id.
        public let unitId: String
        /// Its rank in the previous run (1-based).
        public let from: Int
        /// Its rank in this run (1-based).
        public let to: Int
        /// Why it moved, when the unit, the recipient or the policy changed; nil when other units moved it.
        public let reason: String?
    }

    /// Units on the current list that were not on the previous one, in current-rank order.
    public let added: [Entry]
    /// Units on the previous list that are not on the current one, in previous-rank order.
    public let removed: [Entry]
    /// Units on both lists at different ranks, in current-rank order.
    public let rankChanges: [RankChange]

    /// Which change a reason is asked for: a unit that entered, left, or moved.
    public enum Side: Sendable { case added, removed, moved }

    /// Compares two ranked lists of unit ids; `reason` explains each unit that entered, left or moved (nil: no
    /// reason of its own). Added units and rank changes come in current-rank order, removed units in
    /// previous-rank order.
    ///
    /// - Parameters:
    ///   - previous: The previous run's ranked unit ids, best first.
    ///   - current: This run's ranked unit ids, best first.
    ///   - reason: Gives the reason for a unit and its change, or nil.
    public init(previous: [String], current: [String], reason: (String, Side) -> String?) {
        let before = Dictionary(previous.enumerated().map { ($1, $0 + 1) }) { a, _ in a }
        let now = Dictionary(current.enumerated().map { ($1, $0 + 1) }) { a, _ in a }
        added = current.filter { before[$0] == nil }.map { Entry(unitId: $0, reason: reason($0, .added) ?? "") }
        removed = previous.filter { now[$0] == nil }.map { Entry(unitId: $0, reason: reason($0, .removed) ?? "") }
        rankChanges = current.compactMap { u in
            guard let from = before[u], let to = now[u], from != to else { return nil }
            return RankChange(unitId: u, from: from, to: to, reason: reason(u, .moved))
        }
    }

    /// True when nothing entered, left or moved.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && rankChanges.isEmpty }
}
