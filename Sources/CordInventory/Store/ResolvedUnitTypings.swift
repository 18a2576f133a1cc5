import CordMatch

/// The resolved typings of the units an import has just written, so that the search index is built from them
/// instead of reading and resolving every one again: per unit id, the numbers (into `values`) of its typing's
/// twelve positions — two per locus, `MatchLocus.allCases` order — as `TypingResolver.resolve` gives them for
/// the unit's stored GL string, and whether its stored status makes it searchable.
struct ResolvedUnitTypings: Sendable {
    /// The values the numbers refer to.
    var values: [PositionTyping] = []
    /// The recorded units, in the order they were recorded: id, the line it was read from, where its numbers
    /// start in `numbers` (-1 when its typing does not resolve), and whether it is searchable.
    private var units: [(id: String, line: Int, start: Int, searchable: Bool)] = []
    /// Per unit id, its place in `units`.
    private var place: [String: Int] = [:]
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

    /// Records the typing of a unit read from `line` and whether it is searchable — unless a unit with that id
    /// was recorded before: then records nothing and returns the line that one was read from.
    mutating func add(id: String, line: Int, positions: [UInt32]?, searchable: Bool) -> Int? {
        // One look-up for the usual new id; a repeated one gets its place back.
        if let p = place.updateValue(units.count, forKey: id) {
            place[id] = p
            return units[p].line
        }
        var start = -1
        if let positions {
            precondition(positions.count == Self.positionsPerUnit)
            start = numbers.count
            numbers += positions
        }
        units.append((id, line, start, searchable))
        return nil
    }

    /// Makes room for about `count` units in all.
    mutating func reserveCapacity(_ count: Int) {
        place.reserveCapacity(count)
        units.reserveCapacity(count)
        numbers.reserveCapacity(count * Self.positionsPerUnit)
    }

    func lookup(_ id: String) -> Lookup {
        guard let p = place[id] else { return .unknown }
        return lookup(start: units[p].start)
    }

    private func lookup(start s: Int) -> Lookup {
        s < 0 ? .unresolvable : .positions(numbers[s..<(s + Self.positionsPerUnit)])
    }

    /// How many units are recorded.
    var count: Int { units.count }

    var isEmpty: Bool { units.isEmpty }

    /// Calls `body` with every recorded unit in the order of the stored ids (SQLite's binary collation: byte
    /// order); returns false without calling it when an id is not ASCII (then `String`'s order, which is
    /// Unicode's, need not be the bytes' order).
    func forEachInIDOrder(_ body: (_ id: String, _ lookup: Lookup, _ searchable: Bool) -> Void) -> Bool {
        guard units.allSatisfy({ $0.id.utf8.allSatisfy { $0 < 0x80 } }) else { return false }
        // Files usually list units in id order: no sorted copy then.
        let sorted = !zip(units, units.dropFirst()).contains { $0.0.id >= $0.1.id }
        for unit in sorted ? units : units.sorted(by: { $0.id < $1.id }) { body(unit.id, lookup(start: unit.start), unit.searchable) }
        return true
    }
}
