import Foundation
import Testing

/// `cordmatch --version` prints the package's version and nothing else.
@Suite struct VersionCLITests {
    @Test func versionIsOneSemanticVersionLine() throws {
        let r = try CLIProcess.run(["--version"])
        #expect(r.status == 0, "\(r.summary)")
        #expect(r.out.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?\n$"#, options: .regularExpression) != nil, "\(r.out)")
    }
}
