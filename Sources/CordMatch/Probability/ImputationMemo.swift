import Synchronization

/// Imputations already made, by typing (the resolved values at the five loci of a set), so that a typing shared by
/// many units, or met again in the next search, is imputed once. Bounded by the genotypes it holds: when a new entry
/// would pass `capacity`, the oldest entries go first.
final class ImputationMemo: Sendable {
    struct Key: Hashable, Sendable {
        let loci: [LocusTyping]
    }

    private struct State {
        var entries: [Key: ImputedGenotypes] = [:]
        var order: [Key] = []
        var head = 0
        var stored = 0
    }

    private let state = Mutex(State())
    /// Genotypes kept at most (a genotype costs about 30 bytes and its share of the locus tables).
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    subscript(key: Key) -> ImputedGenotypes? { state.withLock { $0.entries[key] } }

    func remember(_ value: ImputedGenotypes, for key: Key) {
        let cost = max(1, value.count)
        guard cost <= capacity else { return }
        state.withLock { s in
            guard s.entries[key] == nil else { return }
            while s.stored + cost > capacity, s.head < s.order.count {
                let old = s.order[s.head]
                s.head += 1
                if let gone = s.entries.removeValue(forKey: old) { s.stored -= max(1, gone.count) }
            }
            if s.head > 1024 && s.head * 2 > s.order.count {
                s.order.removeFirst(s.head)
                s.head = 0
            }
            s.entries[key] = value
            s.order.append(key)
            s.stored += cost
        }
    }

    /// Entries held (for diagnostics and tests).
    var count: Int { state.withLock { $0.entries.count } }
}
