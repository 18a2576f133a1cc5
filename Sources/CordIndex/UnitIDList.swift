import CordSupport
import HLA

/// The unit ids of a search index, in store order: their UTF-8 bytes end to end and where each ends. Read in place
/// from a loaded index (a million ids are not turned into a million strings up front); an id becomes a `String`
/// when it is asked for.
public struct UnitIDList: Sendable, RandomAccessCollection, Equatable {
    let bytes: FlatColumn<UInt8>
    /// `ends[i]` is where id `i - 1` ends and id `i` starts: `count + 1` offsets from 0.
    let ends: FlatColumn<UInt32>

    /// The list of these ids.
    ///
    /// - Parameter ids: The unit ids, in store order.
    public init(_ ids: [String]) {
        var bytes: [UInt8] = [], ends: [UInt32] = [0]
        for id in ids { bytes += id.utf8; ends.append(UInt32(bytes.count)) }
        self.bytes = FlatColumn(bytes)
        self.ends = FlatColumn(ends)
    }

    /// The list stored as `bytes` and `ends`; nil unless `ends` starts at 0 and climbs to the end of `bytes`.
    init?(bytes: FlatColumn<UInt8>, ends: FlatColumn<UInt32>) {
        guard let first = ends.first, first == 0 else { return nil }
        let ordered = ends.withUnsafeBufferPointer { e in (1..<e.count).allSatisfy { e[$0 - 1] <= e[$0] } }
        guard ordered, Int(ends[ends.count - 1]) == bytes.count else { return nil }
        self.bytes = bytes
        self.ends = ends
    }

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of ids.
    public var endIndex: Int { ends.count - 1 }
    /// The number of ids (written out: the collection's default goes through `distance(from:to:)`, which costs
    /// more than the rest of a loop that asks for it at every step).
    public var count: Int { ends.count - 1 }

    /// The id at a position.
    ///
    /// - Parameter i: A position from `startIndex` up to (not including) `endIndex`.
    /// - Returns: The id, decoded from its UTF-8 bytes.
    public subscript(i: Int) -> String {
        let lo = Int(ends[i]), hi = Int(ends[i + 1])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }
    }

    /// Two lists are equal when they hold the same ids in the same order.
    ///
    /// - Parameters:
    ///   - a: A list.
    ///   - b: Another list.
    /// - Returns: Whether they are equal.
    public static func == (a: UnitIDList, b: UnitIDList) -> Bool { a.elementsEqual(b) }
}
