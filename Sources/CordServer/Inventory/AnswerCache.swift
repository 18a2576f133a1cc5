import Synchronization

/// Answers of repeated identical searches, for one loaded index (a new index starts an empty cache): the key holds
/// everything an answer depends on besides the index — the resolved recipient, the policy, the search date and
/// the parameters. Cleared when full.
final class AnswerCache<Key: Hashable & Sendable>: Sendable {
    private let answers = Mutex<[Key: String]>([:])
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func answer(_ key: Key, compute: () throws -> String) rethrows -> String {
        if let kept = answers.withLock({ $0[key] }) { return kept }
        let computed = try compute()
        guard capacity > 0 else { return computed }
        answers.withLock { answers in
            if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = computed
        }
        return computed
    }
}
