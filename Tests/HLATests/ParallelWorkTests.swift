import CordSupport
import Testing

/// `ParallelChunks` and `ParallelItems`: every item handled once, results in order, errors of the first part.
@Suite struct ParallelWorkTests {
    struct PartFailed: Error, Equatable { let part: Int }

    @Test(arguments: [0, 1, 2, 7, 64, 1001])
    func chunksCoverEveryItemOnceInOrder(count: Int) {
        for parts in [1, 2, 3, 8, 2000] {
            let ranges = ParallelChunks.map(count: count, parts: parts) { _, range in range }
            #expect(ranges.count == max(1, min(parts, count)), "count \(count), parts \(parts)")
            #expect(ranges.flatMap { Array($0) } == Array(0..<count), "count \(count), parts \(parts)")
            let sizes = ranges.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1, "count \(count), parts \(parts): \(sizes)")
        }
    }

    @Test func chunksAreNumberedByPart() {
        let parts = ParallelChunks.map(count: 100, parts: 4) { part, range in (part, range.lowerBound) }
        #expect(parts.map(\.0) == [0, 1, 2, 3])
        #expect(parts.map(\.1) == [0, 25, 50, 75])
    }

    @Test func theFirstFailingPartsErrorIsThrown() {
        #expect(throws: PartFailed(part: 1)) {
            try ParallelChunks.map(count: 40, parts: 4) { (part, range) throws(PartFailed) -> Range<Int> in
                if part == 1 || part == 3 { throw PartFailed(part: part) }
                return range
            }
        }
    }

    @Test(arguments: [0, 1, 5, 333])
    func itemsComeBackInItemOrder(count: Int) {
        for workers in [1, 2, 7] {
            #expect(ParallelItems.map(count: count, workers: workers) { $0 * $0 } == (0..<count).map { $0 * $0 }, "workers \(workers)")
        }
    }

    @Test func concurrentMapKeepsOrderAndThrowsTheFirstError() throws {
        let values = Array(0..<1000)
        #expect(try values.concurrentMap(minimumPerPart: 10) { $0 + 1 } == values.map { $0 + 1 })
        #expect(throws: PartFailed(part: 500)) {
            try values.concurrentMap(minimumPerPart: 10) { v in
                if v == 500 || v == 999 { throw PartFailed(part: v) }
                return v
            }
        }
    }
}
