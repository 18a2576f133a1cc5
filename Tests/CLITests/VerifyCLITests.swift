import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
import CordMatchTesting

/// `cordmatch verify` through the real binary: the shipped scenario library, JUnit output, exit codes.
@Suite struct VerifyCLITests {
    @Test func theShippedLibraryPasses() throws {
        let r = try CLITests.run(["verify", PackageFolder.fixture("scenarios").path, "--imgt-dir", CLITests.imgt])
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        #expect(r.out.contains(" 0 failed") && !r.out.contains("FAIL"), "\(r.out)")
    }

    @Test func aWrongExpectationFailsWithExitCode1AndJUnitNamesIt() throws {
        let dir = try TemporaryFolder("cordmatch-verify")
        let original = try String(contentsOf: PackageFolder.fixture("scenarios/hvg-only-homozygous-recipient.json"), encoding: .utf8)
        let wrong = original.replacingOccurrences(of: "\"x6\": 5", with: "\"x6\": 6")
        #expect(wrong != original)
        try wrong.write(to: dir.url("wrong.json"), atomically: true, encoding: .utf8)

        let text = try CLITests.run(["verify", dir.path, "--imgt-dir", CLITests.imgt])
        #expect(text.status == 1)
        #expect(text.out.contains("FAIL  line 17: R1 / U1") && text.out.contains("expected: 6") && text.out.contains("actual:   5"), "\(text.out)")
        #expect(text.out.contains("1 failed"))

        let xml = dir.url("verify.xml").path
        let junit = try CLITests.run(["verify", dir.path, "--format", "junit", "--out", xml, "--imgt-dir", CLITests.imgt])
        #expect(junit.status == 1)
        let doc = try String(contentsOfFile: xml, encoding: .utf8)
        #expect(doc.contains("<testsuites name=\"cordmatch verify\" tests=\"4\" failures=\"1\" errors=\"0\""), "\(doc)")
        #expect(doc.contains("<failure message=\"x6: expected 6, got 5\">"), "\(doc)")
        _ = try XMLDocument(xmlString: doc)
    }

    @Test func noScenarioFilesIsAUsageError() throws {
        let dir = try TemporaryFolder("cordmatch-verify-empty")
        let r = try CLITests.run(["verify", dir.path, "--imgt-dir", CLITests.imgt])
        #expect(r.status == 2 && r.err.contains("no scenario files"))
    }
}
