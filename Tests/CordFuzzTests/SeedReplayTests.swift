import CordFuzz
import Foundation
import Testing
import TestSupport

/// Every committed seed and regression input (`fixtures/fuzz/<target>/`) through the entry point its fuzz target
/// calls, with the same oracles (`FuzzTarget.run`): what the fuzzers ran for hours, `swift test` runs on every
/// change. A trap stops the test process; a broken oracle fails the test, naming the file.
@Suite struct SeedReplayTests {
    static let environment = Result { try FuzzEnvironment(packageRoot: PackageFolder.root) }

    static func inputs(_ target: FuzzTarget) throws -> [URL] {
        let folder = PackageFolder.fixture("fuzz/\(target.rawValue)")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .sorted { $0.path < $1.path }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everySeedKeepsEveryOracle(_ target: FuzzTarget) throws {
        let environment = try Self.environment.get()
        let files = try Self.inputs(target)
        #expect(files.count >= 5, "the seed corpus of \(target.rawValue) has \(files.count) inputs")
        for file in files {
            let input = try [UInt8](Data(contentsOf: file))
            #expect(throws: Never.self, "\(file.lastPathComponent)") { try target.run(input, in: environment) }
        }
    }
}
