import CordMatch
import CordSupport

/// The policies a rematch run searches under — the `--policy` override, or each recipient's own — loaded and
/// fingerprinted once per run rather than once per recipient.
struct RunPolicies: Sendable {
    /// A policy and its fingerprint (a change between runs forces a full recomputation and is the reason given).
    struct Entry: Sendable {
        let policy: SelectionPolicy
        let hash: String

        init(_ policy: SelectionPolicy) {
            self.policy = policy
            var fnv = FNV1a()
            fnv.add(Array(PolicyLoader.encode(policy).utf8))
            hash = String(fnv.value, radix: 16)
        }
    }

    let override: Entry?
    let byName: [String: Entry]
    /// Why a policy name could not be loaded (its recipients end with this error).
    let failures: [String: String]

    init(override: SelectionPolicy?, recipients: [RecipientRow]) {
        self.override = override.map(Entry.init)
        var byName: [String: Entry] = [:], failures: [String: String] = [:]
        if override == nil {
            for name in Set(recipients.map(\.policyName)) {
                do { byName[name] = Entry(try PolicyReference(name).load()) } catch { failures[name] = "\(error)" }
            }
        }
        self.byName = byName
        self.failures = failures
    }

    func entry(for row: RecipientRow) throws -> Entry {
        if let override { return override }
        if let e = byName[row.policyName] { return e }
        throw InventoryError(failures[row.policyName] ?? "policy \(row.policyName) was not loaded")
    }

    /// The collection-age limits (years) of these policies.
    var ageLimits: Set<Int> {
        let all = override.map { [$0] } ?? Array(byName.values)
        return Set(all.flatMap { $0.policy.quality.filter { $0.rule == .maxAgeYears }.map { $0.years ?? 10 } })
    }
}
