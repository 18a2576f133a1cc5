@testable import CordIndex
@testable import CordMatch
import CordSupport
import HLA
import PropertyBased
import Testing
import TestSupport

/// The compact store's binary form (inside the search index): read back in place, it scores as the store it was
/// written from; a role that names no value of its locus is rejected.
@Suite struct CompactTypingStoreCodingTests {
    @Test func aDecodedStoreScoresAsTheOriginalAndBadRolesAreRejected() async {
        await propertyCheck(count: 40, input: TypingPools.scoring.picks(), TypingPools.scoring.picks().array(of: 1...20)) { a, bs in
            let r = try! TypingPools.scoringTyping(a)
            let store = CompactTypingStore(bs.map { try! TypingPools.scoringTyping($0) })
            var w = BinaryWriter()
            store.encode(into: &w)
            var reader = BinaryReader(FixedBytes(copying: [UInt8](w.data)))
            guard let decoded = CompactTypingStore(decoding: &reader) else { Issue.record("not decoded"); return }
            #expect(decoded.roles.isView && decoded.locusFlags.isView && reader.position == w.data.count)
            var original: [PairCounts] = [], read: [PairCounts] = []
            CompactScorer(recipient: r, store: store).forEachUnit(in: store) { _, c in original.append(c) }
            CompactScorer(recipient: r, store: decoded).forEachUnit(in: decoded) { _, c in read.append(c) }
            #expect(read == original)

            let limits = (0..<6).map(store.distinctValues)
            #expect(CompactTypingStore.rolesAreValid(store.roles, store.locusFlags, count: store.count, limits: limits))
            // Every role at every place, one past its locus's last value: rejected.
            for place in 0..<12 {
                var roles = Array(store.roles)
                roles[place] = UInt32(max(limits[place / 2], 1))
                #expect(!CompactTypingStore.rolesAreValid(FlatColumn(roles), store.locusFlags, count: store.count, limits: limits))
            }
        }
    }

    /// Typings given as the numbers of their values (how an import hands them over) are stored as the typings
    /// themselves are: nulls replaced, homozygous loci found (values of equal meaning written differently too).
    @Test func typingsGivenAsNumbersAreStoredAsTheTypingsThemselves() async {
        await propertyCheck(count: 60, input: TypingPools.scoring.picks().array(of: 1...30)) { picks in
            let typings = picks.map { try! TypingPools.scoringTyping($0) }
            var numbers: [PositionTyping: UInt32] = [:], values: [PositionTyping] = []
            let numbered = typings.map { t in
                MatchLocus.allCases.flatMap { t[$0].positions }.map { p in
                    if let n = numbers[p] { return n }
                    values.append(p)
                    numbers[p] = UInt32(values.count - 1)
                    return UInt32(values.count - 1)
                }
            }
            var fromNumbers = CompactTypingStore(), table = CompactTypingStore.NumberedValues(values)
            for n in numbered { fromNumbers.append(numbers: n[...], of: &table) }
            var a = BinaryWriter(), b = BinaryWriter()
            CompactTypingStore(typings).encode(into: &a)
            fromNumbers.encode(into: &b)
            #expect(a.data == b.data)
        }
    }

    @Test func aLocusWithoutValuesMustExpressNothing() {
        // Two typings; no value at the fifth locus (both nulls, say): its roles are 0 and must not be expressed.
        let roles = FlatColumn([UInt32](repeating: 0, count: 24)), limits = [1, 1, 1, 1, 0, 1]
        let flags: [UInt8] = [0, 0, 0, 2, CompactTypingStore.nothingExpressed, 0, 0, 0, 0, 0, CompactTypingStore.nothingExpressed, 0]
        #expect(CompactTypingStore.rolesAreValid(roles, FlatColumn(flags), count: 2, limits: limits))
        var expressed = flags
        expressed[10] = 0
        #expect(!CompactTypingStore.rolesAreValid(roles, FlatColumn(expressed), count: 2, limits: limits))
        // Nothing expressed there, but a role other than 0 at that locus: not what the writer writes, rejected.
        for place in [8, 9, 20, 21] {
            var named = Array(roles)
            named[place] = 1
            #expect(!CompactTypingStore.rolesAreValid(FlatColumn(named), FlatColumn(flags), count: 2, limits: limits), "place \(place)")
        }
    }

    /// The flags are ANDed a word at a time, 4 typings a step, the rest one by one: a typing that expresses the
    /// locus without values is found wherever it stands (in a step, in the rest), and the masks are those of a
    /// plain AND over the typings.
    @Test func everyTypingsFlagsAreCheckedWhereverItStands() {
        for n in 0...13 {
            let roles = FlatColumn([UInt32](repeating: 0, count: 12 * n)), limits = [1, 1, 1, 1, 0, 1]
            // Both flag bits vary from typing to typing (a fixed pattern, so a failure repeats).
            let flags = (0..<(6 * n)).map { i in
                UInt8((i * 7 + i / 6 + n) % 4) | (i % 6 == 4 ? CompactTypingStore.nothingExpressed : 0)
            }
            let plain = (0..<6).map { l in stride(from: l, to: 6 * n, by: 6).reduce(UInt8.max) { $0 & flags[$1] } }
            #expect(CompactTypingStore.commonFlags(FlatColumn(flags), count: n) == plain, "\(n) typings")
            #expect(CompactTypingStore.rolesAreValid(roles, FlatColumn(flags), count: n, limits: limits))
            for typing in 0..<n {
                var expressed = flags
                expressed[6 * typing + 4] &= ~CompactTypingStore.nothingExpressed
                #expect(!CompactTypingStore.rolesAreValid(roles, FlatColumn(expressed), count: n, limits: limits), "typing \(typing) of \(n)")
            }
        }
    }

    /// Roles at or past 2^31, where the check's wrapping difference would look like a role below its bound, are
    /// rejected at every place, as one past the bound is; roles just below every bound are accepted.
    @Test func rolesAtOrPastTwoToTheThirtyFirstAreRejected() {
        let limits = [3, 5, 1, 7, 2, 4], n = 5
        let highest = (0..<12).map { UInt32(limits[$0 / 2] - 1) }
        let flags = FlatColumn([UInt8](repeating: 0, count: 6 * n))
        let valid = (0..<n).flatMap { _ in highest }
        #expect(CompactTypingStore.rolesAreValid(FlatColumn(valid), flags, count: n, limits: limits))
        for place in 0..<12 {
            let bound = UInt32(limits[place / 2])
            for role in [bound, bound + (1 << 31), 1 << 31, UInt32.max] {
                var roles = valid
                roles[12 * (place % n) + place] = role
                #expect(!CompactTypingStore.rolesAreValid(FlatColumn(roles), flags, count: n, limits: limits), "role \(role) at place \(place)")
            }
        }
    }

    @Test func storedFloorWordsAreCheckedAgainstTheStore() async {
        await propertyCheck(count: 30, input: TypingPools.scoring.picks().array(of: 1...20)) { bs in
            let store = CompactTypingStore(bs.map { try! TypingPools.scoringTyping($0) })
            guard let built = FloorIndex(store) else { Issue.record("no floor index"); return }
            let read = FloorIndex(words: FlatColumn(Array(built.words)), of: store)
            #expect(read.map { Array($0.words) } == Array(built.words) && read?.distinctValues == built.distinctValues)
            // Each of a unit's 8 slots one past its locus's "nothing" id: rejected (the homozygous bit of a second
            // slot is not part of the id).
            let limits = [0, 0, 1, 1, 3, 3, 2, 2].map { built.distinctValues[[0, 1, 2, 3].firstIndex(of: $0)!] }
            for slot in 0..<8 {
                var words = Array(built.words)
                let shift = UInt64(16 * (slot % 4))
                words[slot / 4] = words[slot / 4] & ~(0xFFFF << shift) | UInt64(limits[slot] + 1) << shift
                #expect(FloorIndex(words: FlatColumn(words), of: store) == nil, "slot \(slot)")
            }
            #expect(FloorIndex(words: FlatColumn(Array(built.words.dropLast())), of: store) == nil)
        }
    }
}
