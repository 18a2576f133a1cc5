@testable import CordMatch
import HLA
import PropertyBased
import Testing

/// The compact store's binary form (inside the search index): read back in place, it scores as the store it was
/// written from; a role that names no value of its locus is rejected.
@Suite struct CompactTypingStoreCodingTests {
    @Test func aDecodedStoreScoresAsTheOriginalAndBadRolesAreRejected() async {
        await propertyCheck(count: 40, input: ScoringPropertyTests.picks, ScoringPropertyTests.picks.array(of: 1...20)) { a, bs in
            let r = try! ScoringPropertyTests.typing(a)
            let store = CompactTypingStore(bs.map { try! ScoringPropertyTests.typing($0) })
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

    @Test func aLocusWithoutValuesMustExpressNothing() {
        // Two typings; no value at the fifth locus (both nulls, say): its roles are 0 and must not be expressed.
        let roles = FlatColumn([UInt32](repeating: 0, count: 24)), limits = [1, 1, 1, 1, 0, 1]
        let flags: [UInt8] = [0, 0, 0, 2, CompactTypingStore.nothingExpressed, 0, 0, 0, 0, 0, CompactTypingStore.nothingExpressed, 0]
        #expect(CompactTypingStore.rolesAreValid(roles, FlatColumn(flags), count: 2, limits: limits))
        var expressed = flags
        expressed[10] = 0
        #expect(!CompactTypingStore.rolesAreValid(roles, FlatColumn(expressed), count: 2, limits: limits))
    }
}
