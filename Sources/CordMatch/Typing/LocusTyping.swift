/// The two values at one locus, with null alleles already accounted for: a locus with one null value behaves
/// as homozygous for its expressed value (docs/POLICY.md, "How matching decides"), so `expressed` holds what takes part in matching.
public struct LocusTyping: Sendable, Hashable {
    /// The two values as typed (after resolution), in the order the typing wrote them.
    public let positions: [PositionTyping]

    /// The locus typed with two values.
    ///
    /// - Parameters:
    ///   - first: The first value as written.
    ///   - second: The second value (the first again for a locus given with one value).
    public init(_ first: PositionTyping, _ second: PositionTyping) { positions = [first, second] }

    /// A locus not typed: both positions untyped (two potential matches against anything).
    public static let untyped = LocusTyping(.untyped, .untyped)

    /// The values that take part in matching: a null value is replaced by the other (expressed) value; when both
    /// are null, nothing is expressed.
    public var expressed: [PositionTyping] {
        guard let (a, b) = LocusCore.expressedSources(positions[0], positions[1]) else { return [] }
        return [positions[a], positions[b]]
    }

    /// True when the locus is not typed at all.
    public var isUntyped: Bool { positions.allSatisfy { $0.resolution == .untyped } }
}
