import Foundation
import Synchronization

/// Refuses sign-in for a while after repeated failures, counted per user name and per client address: after
/// `limit` failures within `window`, that name (or address) may not sign in until `window` has passed since the
/// last failure. A success clears the user's count. Kept in memory: a restart forgets it.
final class LoginThrottle: Sendable {
    private struct Record { var failures: Int; var last: Date }
    private let records = Mutex<[String: Record]>([:])
    let limit: Int
    let window: TimeInterval

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `user` from `client` may try again, or nil when they may now.
    func retryAfter(user: String, client: String, now: Date) -> Int? {
        records.withLock { records in
            let waits = [Self.userKey(user), Self.clientKey(client)].compactMap { key -> TimeInterval? in
                guard let r = records[key] else { return nil }
                if now.timeIntervalSince(r.last) >= window { records[key] = nil; return nil }
                return r.failures >= limit ? window - now.timeIntervalSince(r.last) : nil
            }
            return waits.max().map { Int($0.rounded(.up)) }
        }
    }

    func failed(user: String, client: String, now: Date) {
        records.withLock { records in
            for key in [Self.userKey(user), Self.clientKey(client)] {
                var r = records[key].flatMap { now.timeIntervalSince($0.last) < window ? $0 : nil } ?? Record(failures: 0, last: now)
                r.failures += 1
                r.last = now
                records[key] = r
            }
            if records.count > 100_000 { records = records.filter { now.timeIntervalSince($0.value.last) < window } }
        }
    }

    func succeeded(user: String) {
        records.withLock { _ = $0.removeValue(forKey: Self.userKey(user)) }
    }

    static func userKey(_ user: String) -> String { "user:" + user }
    static func clientKey(_ client: String) -> String { "client:" + client }
}
