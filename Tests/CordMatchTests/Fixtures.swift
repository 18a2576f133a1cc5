import CordMatch
import Foundation
import HLA
import TestSupport

/// The real 3.58.0 release and DPB1 TCE table from `../shared`, loaded once per test process.
enum Fixtures {
    static let shared = FixtureRelease.packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    private static let loaded = Result<(ReferenceData, DPB1TCETable), Error>(catching: {
        let folder = ReleaseFolder(shared.appendingPathComponent("imgt-hla/3.58.0"))
        let (data, _) = try ReferenceDataLoader.load(folder, snapshotDirectory: DataDirectory.resolve().snapshotDirectory)
        let tce = try DPB1TCETable.load(shared.appendingPathComponent("dpb1-tce/dpb_tce.csv"))
        return (data, tce)
    })

    /// One resolver for the whole test process, so its memo of expansions is shared.
    private static let sharedResolver = Result<TypingResolver, Error>(catching: {
        let (data, tce) = try loaded.get()
        return TypingResolver(data, tce: tce)
    })

    static func resolver() throws -> TypingResolver { try sharedResolver.get() }

    /// Scores one locus of two typings written as GL strings.
    static func locus(_ locus: MatchLocus, recipient: String, unit: String) throws -> LocusMatch {
        let r = try resolver()
        return MatchScorer.scoreLocus(locus, recipient: try r.resolve(recipient)[locus], unit: try r.resolve(unit)[locus])
    }
}
