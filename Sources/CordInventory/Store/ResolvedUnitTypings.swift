import CordMatch

/// The resolved typings of the units an import has just written, so that the search index is built from them
/// instead of reading and resolving every one again: per unit id, the numbers (into `values`) of its typing's
/// twelve positions — two per locus, `MatchLocus.allCases` order — as `TypingResolver.resolve` gives them for
/// the unit's stored GL string.
struct ResolvedUnitTypings: Sendable {
    /// The values the numbers refer to.
    var values: [PositionTyping] = []
    /// Per unit id: where its numbers start in `numbers`, or -1 when its typing does not resolve.
    private var start: [String: Int] = [:]
    private var numbers: [UInt32] = []

    static let positionsPerUnit = 2 * MatchLocus.allCases.count

    /// How a unit's typing is known.
    enum Lookup {
        /// Not written by this import: resolve it from the stored GL string.
        case unknown
        /// Its GL string does not resolve: it stays out of the index.
        case unresolvable
        /// The numbers of its twelve positions.
        case positions(ArraySlice<UInt32>)
    }

    /// Records the typing of a unit (replacing an earlier record for the same id).
    mutating func add(id: String, positions: [UInt32]?) {
        guard let positions else { start[id] = -1; return }
        precondition(positions.count == Self.positionsPerUnit)
        start[id] = numbers.count
        numbers += positions
    }

    func lookup(_ id: String) -> Lookup {
        guard let s = start[id] else { return .unknown }
        return s < 0 ? .unresolvable : .positions(numbers[s..<(s + Self.positionsPerUnit)])
    }

    var isEmpty: Bool { start.isEmpty }
}
