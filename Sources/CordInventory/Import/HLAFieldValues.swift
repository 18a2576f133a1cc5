import CordMatch
import HLA
import Synchronization

/// The SER/DNA field values of one import, each checked against the release once (an inventory repeats a few
/// thousand values over millions of fields), and the resolved values numbered, so that a unit's typing can be
/// kept as twelve numbers until the search index is built from it (`ResolvedUnitTypings`).
///
/// Shared by the threads that validate rows; each thread looks values up through its own `Cache`, so the lock
/// is taken only for what that thread has not seen yet.
final class HLAFieldValues: Sendable {
    let resolver: TypingResolver
    private let table = Mutex<(values: [PositionTyping], numbers: [PositionTyping: UInt32])>(([], [:]))
    /// The outcome of every field value checked so far (each checked once, whichever thread sees it first).
    private let outcomes = Mutex<[FieldKey: Outcome]>([:])
    /// The number of `PositionTyping.untyped`.
    let untyped: UInt32

    init(resolver: TypingResolver) {
        self.resolver = resolver
        untyped = 0
        _ = number(of: .untyped)
    }

    /// The number of a resolved value, given on first sight.
    func number(of value: PositionTyping) -> UInt32 {
        table.withLock { t in
            if let n = t.numbers[value] { return n }
            let n = UInt32(t.values.count)
            t.values.append(value)
            t.numbers[value] = n
            return n
        }
    }

    /// Every numbered value, by number.
    var values: [PositionTyping] { table.withLock { $0.values } }

    /// What one field value stands for: the token it becomes in the unit's GL string, the number of its resolved
    /// value at a scored locus (nil at the other loci), whether the token is a single allele list (no GL
    /// operator that would make it mean something else inside the whole GL string), and whether the value is in
    /// standard form (`StandardHLAFields`: the token renders back to it); or why it is invalid.
    enum Outcome: Sendable {
        case valid(token: String, number: UInt32?, plain: Bool, standard: Bool)
        case invalid(String)
    }

    /// A field value in a DNA (else SER) column of a locus.
    fileprivate struct FieldKey: Hashable {
        let text: String
        let locus: String
        let dna: Bool
    }

    /// The outcome of a field value, checked on first sight (outside the lock: two threads may both check a
    /// value they meet at the same time, which is cheaper than one spinning while the other checks).
    fileprivate func outcome(_ key: FieldKey) -> Outcome {
        if let hit = outcomes.withLock({ $0[key] }) { return hit }
        let outcome = Cache.check(key.text, locus: key.locus, dna: key.dna, self)
        return outcomes.withLock { known in
            if let hit = known[key] { return hit }
            known[key] = outcome
            return outcome
        }
    }

    /// One thread's view: its memo of field outcomes and value numbers, in front of the shared table.
    struct Cache {
        let shared: HLAFieldValues
        /// Per locus of `UnitCSVLayout.loci` and column kind (SER, DNA): the outcome of each value seen (keyed by
        /// the text alone: the hot look-up of an import).
        private var fields = Array(repeating: [String: Outcome](), count: 2 * UnitCSVLayout.loci.count)
        private var numbers: [PositionTyping: UInt32] = [:]
        /// The number of `PositionTyping.untyped` (kept here: reading it from `shared` for every record would
        /// retain the object all validating threads share).
        let untyped: UInt32

        init(_ shared: HLAFieldValues) {
            self.shared = shared
            untyped = shared.untyped
        }

        /// The outcome of the value `text` in a DNA (else SER) column of the locus `UnitCSVLayout.loci[locus]`.
        mutating func field(_ text: String, locus: Int, dna: Bool) -> Outcome {
            let slot = 2 * locus + (dna ? 1 : 0)
            if let hit = fields[slot][text] { return hit }
            let outcome = shared.outcome(FieldKey(text: text, locus: UnitCSVLayout.loci[locus], dna: dna))
            fields[slot][text] = outcome
            return outcome
        }

        /// The shared number of a resolved value.
        mutating func number(of value: PositionTyping) -> UInt32 {
            if let n = numbers[value] { return n }
            let n = shared.number(of: value)
            numbers[value] = n
            return n
        }

        /// The numbers of a resolved typing's twelve positions (two per locus, `MatchLocus.allCases` order).
        mutating func numbers(of typing: HLATyping) -> [UInt32] {
            MatchLocus.allCases.flatMap { typing[$0].positions }.map { number(of: $0) }
        }

        /// Checks a field value against the release.
        fileprivate static func check(_ text: String, locus: String, dna: Bool, _ shared: HLAFieldValues) -> Outcome {
            guard let token = dna ? dnaToken(text, locus: locus) : serologyToken(text, locus: locus) else {
                return .invalid("'\(InputExcerpt.of(text))' is not a typing for locus \(locus)")
            }
            do {
                var number: UInt32?
                if let scored = MatchLocus(rawValue: locus) {
                    number = shared.number(of: try shared.resolver.resolveValue(token, locus: scored))
                } else {
                    _ = try shared.resolver.resolve(token)
                }
                return .valid(token: token, number: number, plain: !token.contains { "+^|~".contains($0) },
                              standard: StandardHLAFields.isStandard(text, locus: locus, dna: dna, token: token))
            } catch {
                return .invalid("\(error)")
            }
        }
    }

    /// `A*02:01`, `HLA-A*02:01` or `02:01` (also `02:AB`, `02:XX`) → a full name at `locus`; nil for a wrong locus.
    static func dnaToken(_ s: String, locus: String) -> String? {
        let bare = s.hasPrefix("HLA-") ? String(s.dropFirst(4)) : s
        if let star = bare.firstIndex(of: "*") { return bare[..<star] == locus ? s : nil }
        return "\(locus)*\(bare)"
    }

    /// `2`, `A2` or `Cw7` → a serologic name at `locus`.
    static func serologyToken(_ s: String, locus: String) -> String? {
        let prefix = UnitCSVLayout.serologyPrefixes[locus] ?? locus
        if s.allSatisfy(\.isNumber) { return prefix + s }
        if locus == "C" && s.hasPrefix("C") && !s.hasPrefix("Cw") { return "Cw" + s.dropFirst() }
        return s.hasPrefix(prefix) ? s : nil
    }
}
