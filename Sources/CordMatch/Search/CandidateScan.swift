import CordSupport

/// The one scan behind every search of an inventory: which rows of a compact typing store can pass a policy's HLA
/// floor for one recipient, bucketed by their known x/8 mismatches (what ranking looks at first). Where a floor
/// index covers the rows — every row of a search index, or the units a batch can qualify with, cut at a
/// recipient's TNC minimum — it is the floor scan (`FloorScan`); elsewhere the counts kernel over every row of the
/// store (`CompactScorer`). Either is split into contiguous chunks scanned at once (`ParallelChunks`), and a row
/// that passes the floor is kept when the caller's `admit` says so (searchable, can qualify for the recipient).
/// `InventorySearch.search`, `.best`, the reference scans of `floorSurvivors` and incremental rematching all scan
/// through this; a property test checks that the two methods keep the same rows.
public struct CandidateScan: Sendable {
    /// How the rows are found.
    enum Method: Sendable {
        /// The floor scan of the first `positions` positions of the index.
        case floorScan(FloorScan, FloorIndex, positions: Int)
        /// The counts kernel over every row of the store.
        case countsKernel(CompactScorer, CompactTypingStore)
    }

    let method: Method
    let floor: SelectionPolicy.HLAFloor

    /// Known x/8 mismatches run from 0 to 8: one bucket each.
    static let bucketCount = 9

    /// The scan of `scorer`'s recipient (prepared for `store`) against `floor`: a floor scan over the first
    /// `positions` positions of `floorIndex` (default: all of them; an index of `store`'s rows) when there is one,
    /// else the counts kernel over every row of `store`.
    /// - Parameters:
    ///   - scorer: the recipient's comparison tables against `store`'s values.
    ///   - store: the compact typings scanned (an index's store, or the units changed since a rematch run).
    ///   - floor: the policy's HLA floor.
    ///   - floorIndex: a floor index of `store`'s rows, or nil for the counts kernel.
    ///   - positions: how many positions of `floorIndex` to scan (the qualified units cut at a TNC minimum).
    public init(scorer: CompactScorer, store: CompactTypingStore, floor: SelectionPolicy.HLAFloor, floorIndex: FloorIndex?,
                positions: Int? = nil) {
        self.floor = floor
        if let floorIndex {
            method = .floorScan(FloorScan(scorer: scorer, index: floorIndex, floor: floor), floorIndex,
                                positions: min(positions ?? floorIndex.count, floorIndex.count))
        } else {
            method = .countsKernel(scorer, store)
        }
    }

    /// How many positions (floor scan) or rows (counts kernel) the scan reads.
    public var count: Int {
        switch method {
        case .floorScan(_, _, let positions): positions
        case .countsKernel(_, let store): store.count
        }
    }

    /// The rows that pass the floor and `admit(row)`, found in `parts` chunks at once (1: on the calling thread).
    /// - Parameters:
    ///   - parts: how many chunks are scanned at once.
    ///   - admit: whether a row that passes the floor is kept (called from several threads).
    /// - Returns: the rows kept, by known x/8 mismatches, each bucket in row order.
    public func survivors(parts: Int = 1, admit: @Sendable (_ row: Int) -> Bool) -> ScanSurvivors {
        let method = method, floor = floor
        let found = ParallelChunks.map(count: count, parts: parts) { _, range in
            var buckets = [[Int]](repeating: [], count: Self.bucketCount)
            switch method {
            case .floorScan(let scan, let index, _):
                scan.forEachPassing(index, positions: range, admit: admit) { row, known in buckets[known].append(row) }
            case .countsKernel(let scorer, let store):
                scorer.forEachUnit(in: store, range: range) { row, counts in
                    if floor.admits(counts) && admit(row) { buckets[counts.x8.knownMismatches].append(row) }
                }
            }
            return buckets
        }
        // A floor index over qualified units lists them by TNC: each bucket is put back in row order.
        return ScanSurvivors(byKnownMismatches: (0..<Self.bucketCount).map { k in found.flatMap { $0[k] }.sorted() })
    }
}

/// The rows a `CandidateScan` kept.
public struct ScanSurvivors: Sendable {
    /// Element k: the rows with k known x/8 mismatches, in row order.
    public let byKnownMismatches: [[Int]]

    /// Every row kept, in row order.
    public var rows: [Int] { byKnownMismatches.joined().sorted() }
}
