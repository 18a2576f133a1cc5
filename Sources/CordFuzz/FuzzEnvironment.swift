import CordInventory
import CordMatch
import Foundation
import HLA

/// What the targets read inputs against, made once per process: the real IPD-IMGT/HLA 3.58.0 release with the
/// DPB1 T-cell-epitope table and the MAC fixture (so MAC codes are expanded), and an empty scenario root (as a
/// server would have: every file an input names is outside it or missing; nothing is ever written there).
public final class FuzzEnvironment: Sendable {
    /// The release every target resolves typings with.
    public static let release = "3.58.0"

    /// The resolver every target resolves typings with (the release, the TCE table and the sample MAC table).
    public let resolver: TypingResolver
    /// The root of scenario files and recipients' `POLICY` files: an empty temporary folder.
    public let scenarioRoot: ScenarioRoot
    /// The path scenario inputs are read as (inside `scenarioRoot`, never written).
    public let scenarioFile: String

    /// Loads the release installed in the data directory (`~/.cordmatch`, `scripts/setup`), else the one in
    /// `../shared/imgt-hla/` beside `packageRoot`; the TCE table likewise; the MAC table from
    /// `fixtures/mac/numer-sample.txt`.
    ///
    /// - Parameter packageRoot: The package's folder (for `fixtures/` and `../shared/`).
    /// - Throws: `ReferenceDataError` when the release, the TCE table or the MAC sample cannot be read; a file-system
    ///   error when the temporary scenario root cannot be created; `ScenarioRoot.Refusal` when it is not a folder.
    public init(packageRoot: URL) throws {
        let home = DataDirectory.resolve()
        let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let folder = (try? home.release(Self.release)) ?? ReleaseFolder(shared.appendingPathComponent("imgt-hla/\(Self.release)"))
        let (data, _) = try ReferenceDataLoader.load(folder, snapshotDirectory: home.snapshotDirectory)
        let installedTCE = FileManager.default.fileExists(atPath: home.tceFile.path)
        let tce = try DPB1TCETable.load(installedTCE ? home.tceFile : shared.appendingPathComponent("dpb1-tce/dpb_tce.csv"))
        let macs = try MACTable.load(packageRoot.appendingPathComponent("fixtures/mac/numer-sample.txt"))
        resolver = TypingResolver(data, macs: macs, tce: tce)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cordmatch-fuzz-root")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        scenarioRoot = try ScenarioRoot(root.path)
        scenarioFile = scenarioRoot.path + "/fuzz.json"
    }
}
