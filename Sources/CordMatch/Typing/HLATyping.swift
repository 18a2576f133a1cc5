/// A recipient's or unit's HLA typing, resolved against one reference release: the scored loci as
/// `LocusTyping`, every other locus kept as written.
public struct HLATyping: Sendable, Hashable {
    /// Scored loci; a locus missing from the typing is `LocusTyping.untyped`.
    public let loci: [MatchLocus: LocusTyping]
    /// Loci that are kept but not scored (DRB3/4/5, DQA1, DPA1 …), as written.
    public let otherLoci: [String: String]
    /// The GL string the typing was resolved from.
    public let source: String
    /// The IPD-IMGT/HLA release used.
    public let release: String

    /// Makes a typing (`TypingResolver.resolve(_:)` is how a typing is read).
    ///
    /// - Parameters:
    ///   - loci: The scored loci that are typed.
    ///   - otherLoci: The other loci, as written.
    ///   - source: The GL string.
    ///   - release: The IPD-IMGT/HLA release version.
    public init(loci: [MatchLocus: LocusTyping], otherLoci: [String: String], source: String, release: String) {
        self.loci = loci
        self.otherLoci = otherLoci
        self.source = source
        self.release = release
    }

    /// The typing at a scored locus.
    ///
    /// - Parameter locus: The locus.
    public subscript(locus: MatchLocus) -> LocusTyping { loci[locus] ?? .untyped }
}
