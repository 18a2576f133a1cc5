import Foundation
import TestSupport
@testable import HLA

/// Paths and shared reference data for the tests. Releases come from `../shared/imgt-hla/<version>` (the real
/// IPD-IMGT/HLA files beside the clone); compiled snapshots are cached in the data directory, as in production.
enum TestData {
    static let packageRoot = FixtureRelease.packageRoot
    static let sharedIMGT = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/imgt-hla")
    static let fixtures = packageRoot.appendingPathComponent("fixtures")
    static let releases = ["3.56.0", "3.58.0"]

    static func folder(_ version: String) -> ReleaseFolder { ReleaseFolder(sharedIMGT.appendingPathComponent(version)) }

    private static let cache = DataDirectory.resolve().snapshotDirectory
    private static let loaded: [String: Result<ReferenceData, Error>] = {
        var d: [String: Result<ReferenceData, Error>] = [:]
        for v in releases { d[v] = Result { try ReferenceDataLoader.load(folder(v), snapshotDirectory: cache).0 } }
        return d
    }()

    /// The compiled release (loaded once per test process).
    static func release(_ version: String) throws -> ReferenceData { try loaded[version]!.get() }

    static func macs() throws -> MACTable { try MACTable.load(fixtures.appendingPathComponent("mac/numer-sample.txt")) }
}
