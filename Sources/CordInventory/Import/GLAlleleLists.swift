import CordMatch
import CordSupport
import HLA

/// The position numbers of the GL strings of one import (`X_HLA_GL`, and column values that are not single
/// allele lists), each distinct allele list resolved once: a million units repeat some 20,000 allele lists, while
/// almost every whole GL string, and most `^` parts, are distinct.
///
/// A GL string made only of `^` (loci) and `+` (the two values of a locus) is put together from its allele lists,
/// each resolved alone by `TypingResolver.resolve` as a typing of its own: one value is homozygous, so its first
/// position is the value. That gives what `resolve` gives for the whole string when every list resolves alone,
/// names one locus, a `^` part has at most two lists of the same locus, no locus is in two parts, and the string
/// is within `InputLimits.typingBytes` — the parse reads each list on its own, and these are the structural rules
/// (`TypingStructure`) such a string can break. Anything else — a `|` (genotype alternatives) or `~` (haplotypes),
/// a list that does not resolve alone, any of those rules broken — is resolved whole by `resolve`, so that its
/// answer and its errors are exactly `resolve`'s.
///
/// Shared by the threads that validate rows; each looks lists up through its own `Cache`.
final class GLAlleleLists: Sendable {
    let resolver: TypingResolver
    /// What each list resolved to, whichever thread met it first.
    private let outcomes = Memo<String, List>(capacity: GLAlleleLists.capacity)

    /// The most lists remembered, by all threads and by each (an import of a million units has about 20,000).
    static let capacity = 1 << 16
    /// The longest list remembered (longer ones are resolved each time they are met; the resolver remembers their
    /// values up to 1 KiB).
    static let memoisedBytes = 128

    init(resolver: TypingResolver) { self.resolver = resolver }

    /// What one allele list, resolved alone, stands for.
    enum List: Sendable {
        /// A list of `locus`; at a scored locus (`MatchLocus.allCases[scored]`) the number of its value, else
        /// `scored` is -1.
        case typed(locus: String, scored: Int, number: UInt32)
        /// Not resolved alone, or not a list of one locus: the GL string is resolved whole.
        case whole
    }

    /// One thread's view: its memo of lists, in front of the shared one.
    struct Cache {
        let shared: GLAlleleLists
        private var lists: [String: List] = [:]

        init(_ shared: GLAlleleLists) { self.shared = shared }

        /// The numbers of the twelve positions (`ResolvedUnitTypings`) of `gl`'s resolved typing.
        ///
        /// - Parameters:
        ///   - gl: A GL string.
        ///   - values: The import's value numbers (this thread's view).
        /// - Returns: Two numbers a scored locus, `MatchLocus.allCases` order; `values.untyped` at loci not given.
        /// - Throws: `TypingResolver.resolve`'s error for `gl`.
        mutating func positions(of gl: String, numbering values: inout HLAFieldValues.Cache) throws -> [UInt32] {
            if let numbers = assembled(gl, &values) { return numbers }
            return values.numbers(of: try shared.resolver.resolve(gl))
        }

        /// The numbers of `gl` put together from its allele lists, or nil when it is to be resolved whole (the
        /// rules in `GLAlleleLists`).
        mutating func assembled(_ gl: String, _ values: inout HLAFieldValues.Cache) -> [UInt32]? {
            let bytes = gl.utf8
            guard bytes.count <= InputLimits.typingBytes else { return nil }
            var numbers = Array(repeating: values.untyped, count: ResolvedUnitTypings.positionsPerUnit)
            var given: [String] = []
            // The first list of the current `^` part, and how many lists it has.
            var first: (locus: String, scored: Int, number: UInt32)?
            var lists = 0
            var start = bytes.startIndex
            var i = start
            while true {
                let end = i == bytes.endIndex
                let byte = end ? UInt8(ascii: "^") : bytes[i]
                switch byte {
                case UInt8(ascii: "|"), UInt8(ascii: "~"):
                    return nil
                case UInt8(ascii: "^"), UInt8(ascii: "+"):
                    guard case .typed(let locus, let scored, let number) = list(gl[start..<i], &values) else { return nil }
                    lists += 1
                    if let first {
                        // The second value of the part: of the same locus, and the last.
                        guard lists == 2, first.locus == locus else { return nil }
                        if scored >= 0 { numbers[2 * scored + 1] = number }
                    } else {
                        guard !given.contains(locus) else { return nil }
                        given.append(locus)
                        first = (locus, scored, number)
                        if scored >= 0 { numbers[2 * scored] = number; numbers[2 * scored + 1] = number }
                    }
                    if byte == UInt8(ascii: "^") { first = nil; lists = 0 }
                    if end { return numbers }
                    start = bytes.index(after: i)
                default:
                    break
                }
                i = bytes.index(after: i)
            }
        }

        /// What the allele list `text` stands for, resolved on first sight.
        private mutating func list(_ text: Substring, _ values: inout HLAFieldValues.Cache) -> List {
            let key = String(text)
            guard key.utf8.count <= GLAlleleLists.memoisedBytes else { return Self.resolve(key, &values, shared.resolver) }
            if let hit = lists[key] { return hit }
            let outcome: List
            if let known = shared.outcomes[key] {
                outcome = known
            } else {
                outcome = Self.resolve(key, &values, shared.resolver)
                shared.outcomes[key] = outcome
            }
            if lists.count >= GLAlleleLists.capacity { lists.removeAll(keepingCapacity: true) }
            lists[key] = outcome
            return outcome
        }

        /// Resolves an allele list alone: a typing of one locus, homozygous.
        private static func resolve(_ text: String, _ values: inout HLAFieldValues.Cache, _ resolver: TypingResolver) -> List {
            guard let typing = try? resolver.resolve(text), typing.loci.count + typing.otherLoci.count == 1 else { return .whole }
            if let (locus, value) = typing.loci.first {
                let scored = MatchLocus.allCases.firstIndex(of: locus)!
                return .typed(locus: locus.rawValue, scored: scored, number: values.number(of: value.positions[0]))
            }
            return .typed(locus: typing.otherLoci.first!.key, scored: -1, number: values.untyped)
        }
    }
}
