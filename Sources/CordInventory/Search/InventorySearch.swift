import CordMatch
import Dispatch
import Foundation
import GRDB

/// Searches an inventory for a recipient: the units are loaded once (typings resolved, compact store built),
/// then each search scans them with the counts kernel split across cores, keeps the units that can pass the HLA
/// floor, and assesses, ranks and explains only those. Safe to use from many threads at once.
public final class InventorySearch: Sendable {
    public let resolver: TypingResolver
    let units: [CordUnit]
    let compact: CompactTypingStore

    /// Loads every unit of `store`.
    public init(store: InventoryStore, resolver: TypingResolver) throws {
        self.resolver = resolver
        let rows = try store.read { try UnitRow.order(Column("id")).fetchAll($0) }
        units = try rows.map { try $0.cordUnit(resolver) }
        compact = CompactTypingStore(units.map(\.typing))
    }

    public var unitCount: Int { units.count }

    /// What a search returns: ranked eligible units, ineligible ones when asked for, double-unit pairs.
    public struct Result: Sendable {
        public let selection: CordSelector.Result
        /// Units scanned, and those that passed the HLA pre-filter and were assessed.
        public let scanned: Int, assessed: Int
    }

    public func search(_ recipient: Recipient, policy: SelectionPolicy, searchDate: CalendarDate,
                       includeIneligible: Bool = false) -> Result {
        let scorer = CompactScorer(recipient: recipient.typing, store: compact)
        let floor = policy.hlaFloor
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = (units.count + cores - 1) / max(cores, 1)
        let found = Collector(parts: cores)
        DispatchQueue.concurrentPerform(iterations: cores) { part in
            let range = (part * chunk)..<min(units.count, (part + 1) * chunk)
            var keep: [Int] = []
            scorer.forEachUnit(in: compact, range: range) { u, c in
                let x6 = floor.potentialCountsAsMatch ? c.x6.matchesIncludingPotential : c.x6.definite
                let x8 = floor.potentialCountsAsMatch ? c.x8.matchesIncludingPotential : c.x8.definite
                if includeIneligible || (x6 >= floor.minX6 && x8 >= floor.minX8 && units[u].status == .available) { keep.append(u) }
            }
            found.set(part, keep)
        }
        let candidates = found.all.map { units[$0] }
        let selection = CordSelector(policy: policy, searchDate: searchDate).select(for: recipient, from: candidates)
        return Result(selection: selection, scanned: units.count, assessed: candidates.count)
    }

    /// The assessment of one unit (eligible or not), for `explain`.
    public func explain(_ recipient: Recipient, unitID: String, policy: SelectionPolicy, searchDate: CalendarDate) -> UnitAssessment? {
        guard let unit = units.first(where: { $0.id == unitID }) else { return nil }
        return UnitAssessor(policy: policy, searchDate: searchDate).assess(unit, for: recipient)
    }
}

/// Per-part results of a parallel scan (each part writes only its own slot).
final class Collector: @unchecked Sendable {
    private var parts: [[Int]]
    private let lock = NSLock()
    init(parts: Int) { self.parts = Array(repeating: [], count: parts) }
    func set(_ i: Int, _ v: [Int]) { lock.lock(); parts[i] = v; lock.unlock() }
    var all: [Int] { lock.lock(); defer { lock.unlock() }; return parts.flatMap { $0 } }
}
