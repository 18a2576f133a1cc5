import CordSupport
import HLA

/// Many resolved typings in flat arrays for fast scoring. The values of each locus are interned (an inventory
/// repeats the same alleles, XX codes and antigens over and over): a typing stores, per locus, the ids of the
/// two values that take part in matching (a null value replaced by the other) and two flags.
///
/// Invariant: `roles.count == count * 12`, `locusFlags.count == count * 6`, every role id indexes
/// `values[locus]`.
public struct CompactTypingStore: Sendable {
    /// The number of typings held.
    public private(set) var count = 0
    /// The distinct values of each locus (index: `MatchLocus.allCases` order).
    package private(set) var values: [[PositionTyping]] = Array(repeating: [], count: MatchLocus.allCases.count)
    /// Per locus: the id of each distinct value (the interning tables); nil until a decoded store is appended to.
    private var ids: [[ValueKey: UInt32]]? = Array(repeating: [:], count: MatchLocus.allCases.count)

    /// Replaces the contents with decoded ones (the interning tables are rebuilt if the store is appended to).
    ///
    /// - Parameters:
    ///   - count: The number of typings.
    ///   - values: The distinct values of each locus.
    ///   - roles: The value ids of the two expressed roles, per typing and locus (`count * 12`).
    ///   - locusFlags: The flags per typing and locus (`count * 6`).
    package mutating func restore(count: Int, values: [[PositionTyping]], roles: FlatColumn<UInt32>, locusFlags: FlatColumn<UInt8>) {
        self.count = count
        self.values = values
        self.roles = roles
        self.locusFlags = locusFlags
        ids = nil
    }
    /// Per typing and locus: the value ids of the two expressed roles (read in place from a loaded index).
    package private(set) var roles = FlatColumn<UInt32>()
    /// Per typing and locus: `nothingExpressed` (bit 0) and `homozygous` (bit 1).
    package private(set) var locusFlags = FlatColumn<UInt8>()

    /// The locus flags: bit 0 `nothingExpressed` (both values null or absent: nothing to match), bit 1 `homozygous`
    /// (the two expressed values are the same for matching).
    package static let nothingExpressed: UInt8 = 1, homozygous: UInt8 = 2

    /// What makes two values the same for matching (the written form does not).
    struct ValueKey: Hashable, Sendable {
        let pKeys: [Int32], antigens: [Int32], resolution: PositionTyping.Resolution, isNull: Bool, mayBeNull: Bool
        init(_ v: PositionTyping) { pKeys = v.pKeys; antigens = v.antigens; resolution = v.resolution; isNull = v.isNull; mayBeNull = v.mayBeNull }
    }

    /// An empty store.
    public init() {}

    /// A store of these typings, in order.
    ///
    /// - Parameter typings: The resolved typings.
    public init(_ typings: [HLATyping]) {
        for t in typings { append(t) }
    }

    /// Adds a typing; returns its index.
    ///
    /// - Parameter t: A resolved typing.
    /// - Returns: Its index in the store (the previous `count`).
    @discardableResult
    public mutating func append(_ t: HLATyping) -> Int {
        for (l, locus) in MatchLocus.allCases.enumerated() {
            let p = t[locus].positions
            if let (a, b) = LocusCore.expressedSources(p[0], p[1]) {
                appendLocus(intern(p[a], l), intern(p[b], l), homozygous: p[a].isSameValue(p[b]))
            } else {
                appendLocus(nil)
            }
        }
        count += 1
        return count - 1
    }

    /// Distinct resolved values numbered by the caller, for typings given as numbers (`append(numbers:of:)`);
    /// remembers each number's value id in the store, so that a value is interned once however many typings use it.
    public struct NumberedValues: Sendable {
        let values: [PositionTyping]
        /// Per number and locus index: the value's id in the store, once interned.
        var ids: [UInt32?]
        /// Per number: whether the value is null, and whether it is untyped.
        let isNull: [Bool], isUntyped: [Bool]
        /// Per number: the value's class of equal P groups and antigens, so that `PositionTyping.isSameValue`
        /// of two values is whether the first is typed and both are of one class (worked out once per value, not
        /// once per typing: appending a million typings compared arrays twelve million times).
        let sameness: [Int32]

        /// Numbers the values: number i is `values[i]`.
        ///
        /// - Parameter values: The distinct resolved values.
        public init(_ values: [PositionTyping]) {
            self.values = values
            ids = Array(repeating: nil, count: values.count * MatchLocus.allCases.count)
            isNull = values.map(\.isNull)
            isUntyped = values.map { $0.resolution == .untyped }
            var classes: [[[Int32]]: Int32] = [:]
            sameness = values.map { v in
                let key = [v.pKeys, v.antigens]
                if let known = classes[key] { return known }
                classes[key] = Int32(classes.count)
                return Int32(classes.count - 1)
            }
        }

        /// `PositionTyping.isSameValue` of the values numbered `a` and `b`.
        func isSameValue(_ a: Int, _ b: Int) -> Bool { !isUntyped[a] && sameness[a] == sameness[b] }
    }

    /// Adds a typing given as the numbers (into `table`) of its twelve positions: two per locus, in
    /// `MatchLocus.allCases` order. The same as `append(_:)` of a typing with those positions. Returns its index.
    ///
    /// - Parameters:
    ///   - numbers: Twelve numbers into `table`.
    ///   - table: The numbered values; each value's id in this store is remembered in it.
    /// - Returns: The typing's index in the store.
    @discardableResult
    public mutating func append(numbers: ArraySlice<UInt32>, of table: inout NumberedValues) -> Int {
        precondition(numbers.count == 2 * MatchLocus.allCases.count)
        for l in 0..<MatchLocus.allCases.count {
            let n0 = Int(numbers[numbers.startIndex + 2 * l]), n1 = Int(numbers[numbers.startIndex + 2 * l + 1])
            if let (a, b) = LocusCore.expressedSources(aIsNull: table.isNull[n0], bIsNull: table.isNull[n1]) {
                let na = a == 0 ? n0 : n1, nb = b == 0 ? n0 : n1
                appendLocus(intern(na, l, &table), intern(nb, l, &table), homozygous: table.isSameValue(na, nb))
            } else {
                appendLocus(nil)
            }
        }
        count += 1
        return count - 1
    }

    /// Which value of another store has become which value of this one, per locus (`append(unit:of:mapping:)`).
    public struct ValueMapping: Sendable {
        var ids: [[UInt32?]]

        /// An empty mapping from the values of `other`.
        ///
        /// - Parameter other: The store whose typings are to be appended.
        public init(from other: CompactTypingStore) { ids = other.values.map { Array(repeating: nil, count: $0.count) } }
    }

    /// Adds typing `u` of `other` as it is there (its values interned here, so the result matches for matching
    /// what `append(_:)` of the typing `other` was built from gives; a value's written form may be that of
    /// another typing with the same meaning). Returns its index.
    ///
    /// - Parameters:
    ///   - u: The index of the typing in `other`.
    ///   - other: The store it comes from.
    ///   - mapping: What `other`'s values have become here; values new to it are added.
    /// - Returns: The typing's index in this store.
    @discardableResult
    public mutating func append(unit u: Int, of other: CompactTypingStore, mapping: inout ValueMapping) -> Int {
        for l in 0..<MatchLocus.allCases.count {
            let flags = other.locusFlags[u * 6 + l]
            guard flags & Self.nothingExpressed == 0 else { appendLocus(nil); continue }
            func mapped(_ id: UInt32) -> UInt32 {
                if let known = mapping.ids[l][Int(id)] { return known }
                let new = intern(other.values[l][Int(id)], l)
                mapping.ids[l][Int(id)] = new
                return new
            }
            appendLocus(mapped(other.roles[u * 12 + 2 * l]), mapped(other.roles[u * 12 + 2 * l + 1]), homozygous: flags & Self.homozygous != 0)
        }
        count += 1
        return count - 1
    }

    /// Adds one locus of a typing: the value ids of its two expressed roles, or nil when nothing is expressed.
    private mutating func appendLocus(_ a: UInt32?, _ b: UInt32? = nil, homozygous: Bool = false) {
        if let a, let b {
            roles.append(a); roles.append(b)
            locusFlags.append(homozygous ? Self.homozygous : 0)
        } else {
            roles.append(0); roles.append(0)
            locusFlags.append(Self.nothingExpressed)
        }
    }

    private mutating func intern(_ number: Int, _ l: Int, _ table: inout NumberedValues) -> UInt32 {
        let slot = number * MatchLocus.allCases.count + l
        if let id = table.ids[slot] { return id }
        let id = intern(table.values[number], l)
        table.ids[slot] = id
        return id
    }

    /// Number of distinct values at locus index `l`.
    ///
    /// - Parameter l: A locus index, in `MatchLocus.allCases` order.
    /// - Returns: The number of distinct values.
    public func distinctValues(_ l: Int) -> Int { values[l].count }

    /// The values typing `u`'s expressed roles name, with their loci.
    ///
    /// - Parameter u: A typing's index.
    /// - Returns: Two values for each locus where something is expressed, in `MatchLocus.allCases` order.
    public func expressedValues(of u: Int) -> [(locus: MatchLocus, value: PositionTyping)] {
        MatchLocus.allCases.enumerated().flatMap { l, locus in
            locusFlags[u * 6 + l] & Self.nothingExpressed != 0 ? [] : [0, 1].map { (locus, values[l][Int(roles[u * 12 + 2 * l + $0])]) }
        }
    }

    private mutating func intern(_ v: PositionTyping, _ l: Int) -> UInt32 {
        if ids == nil {
            ids = values.map { locusValues in
                var d: [ValueKey: UInt32] = [:]
                for (i, v) in locusValues.enumerated() { d[ValueKey(v)] = UInt32(i) }
                return d
            }
        }
        let key = ValueKey(v)
        if let id = ids![l][key] { return id }
        let id = UInt32(values[l].count)
        values[l].append(v)
        ids![l][key] = id
        return id
    }
}
