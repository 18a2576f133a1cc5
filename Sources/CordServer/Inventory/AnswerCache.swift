import Synchronization

/// Answers of repeated identical searches, for one loaded index: the key holds everything an answer depends on
/// besides the index — the recipient as stored, the policy, the search date and the parameters. An answer of a new
/// index version empties the cache; so does a full one.
final class AnswerCache<Version: Hashable & Sendable, Key: Hashable & Sendable, Answer: Sendable>: Sendable {
    private let answers = Mutex<(version: Version?, answers: [Key: Answer])>((nil, [:]))
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The answer kept for `key` on index `version`, if any.
    func kept(_ version: Version, _ key: Key) -> Answer? {
        answers.withLock { $0.version == version ? $0.answers[key] : nil }
    }

    /// The answer kept for `key` on index `version`, else the one `compute` gives (then kept).
    func answer(_ version: Version, _ key: Key, compute: () throws -> Answer) rethrows -> Answer {
        if let kept = kept(version, key) { return kept }
        let computed = try compute()
        guard capacity > 0 else { return computed }
        answers.withLock { cache in
            if cache.version != version || cache.answers.count >= capacity { cache = (version, [:]) }
            cache.answers[key] = computed
        }
        return computed
    }
}
