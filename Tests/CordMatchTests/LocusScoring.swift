import CordMatch
import TestSupport

/// One locus of two typings scored, for tests of the grading rules.
enum LocusScoring {
    /// Scores `locus` of two typings written as GL strings, resolved by `SharedReleases.resolverWithTCE()`.
    static func locus(_ locus: MatchLocus, recipient: String, unit: String) throws -> LocusMatch {
        let r = try SharedReleases.resolverWithTCE()
        return MatchScorer.scoreLocus(locus, recipient: try r.resolve(recipient)[locus], unit: try r.resolve(unit)[locus])
    }
}
