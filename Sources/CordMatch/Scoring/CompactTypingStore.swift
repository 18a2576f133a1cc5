/// Many resolved typings in flat arrays for fast scoring. The values of each locus are interned (an inventory
/// repeats the same alleles, XX codes and antigens over and over): a typing stores, per locus, the ids of the
/// two values that take part in matching (a null value replaced by the other) and two flags.
///
/// Invariant: `roles.count == count * 12`, `locusFlags.count == count * 6`, every role id indexes
/// `values[locus]`.
public struct CompactTypingStore: Sendable {
    public private(set) var count = 0
    /// The distinct values of each locus (index: `MatchLocus.allCases` order).
    private(set) var values: [[PositionTyping]] = Array(repeating: [], count: MatchLocus.allCases.count)
    private var ids: [[ValueKey: UInt32]] = Array(repeating: [:], count: MatchLocus.allCases.count)

    /// Replaces the contents with decoded ones (rebuilding the interning tables).
    mutating func restore(count: Int, values: [[PositionTyping]], roles: [UInt32], locusFlags: [UInt8]) {
        self.count = count
        self.values = values
        self.roles = roles
        self.locusFlags = locusFlags
        ids = values.map { locusValues in
            var d: [ValueKey: UInt32] = [:]
            for (i, v) in locusValues.enumerated() { d[ValueKey(v)] = UInt32(i) }
            return d
        }
    }
    /// Per typing and locus: the value ids of the two expressed roles.
    private(set) var roles: [UInt32] = []
    /// Per typing and locus: `nothingExpressed` (bit 0) and `homozygous` (bit 1).
    private(set) var locusFlags: [UInt8] = []

    static let nothingExpressed: UInt8 = 1, homozygous: UInt8 = 2

    /// What makes two values the same for matching (the written form does not).
    struct ValueKey: Hashable, Sendable {
        let pKeys: [Int32], antigens: [Int32], resolution: PositionTyping.Resolution, isNull: Bool, mayBeNull: Bool
        init(_ v: PositionTyping) { pKeys = v.pKeys; antigens = v.antigens; resolution = v.resolution; isNull = v.isNull; mayBeNull = v.mayBeNull }
    }

    public init() {}

    public init(_ typings: [HLATyping]) {
        for t in typings { append(t) }
    }

    /// Adds a typing; returns its index.
    @discardableResult
    public mutating func append(_ t: HLATyping) -> Int {
        for (l, locus) in MatchLocus.allCases.enumerated() {
            let p = t[locus].positions
            if let (a, b) = LocusCore.expressedSources(p[0], p[1]) {
                roles.append(intern(p[a], l)); roles.append(intern(p[b], l))
                locusFlags.append(p[a].isSameValue(p[b]) ? Self.homozygous : 0)
            } else {
                roles.append(0); roles.append(0)
                locusFlags.append(Self.nothingExpressed)
            }
        }
        count += 1
        return count - 1
    }

    /// Number of distinct values at locus index `l`.
    public func distinctValues(_ l: Int) -> Int { values[l].count }

    private mutating func intern(_ v: PositionTyping, _ l: Int) -> UInt32 {
        let key = ValueKey(v)
        if let id = ids[l][key] { return id }
        let id = UInt32(values[l].count)
        values[l].append(v)
        ids[l][key] = id
        return id
    }
}
