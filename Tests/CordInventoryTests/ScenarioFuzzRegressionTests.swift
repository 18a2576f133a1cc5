import CordInventory
import Foundation
import Testing

/// Keys and values of a scenario that its errors quoted raw, found by the `scenario-json` fuzz target or beside
/// one of its findings while the cause was fixed (docs/reliability/fuzzing.md). Each is also a seed in
/// `fixtures/fuzz/scenario-json/`.
@Suite struct ScenarioFuzzRegressionTests {
    /// A key or value of 10,000 bytes that starts with an escape sequence and a bell, as JSON text, and how an
    /// excerpt shows its start.
    static let hostile = "\\u001b[2J\\u0007" + String(repeating: "x", count: 10_000)
    static let shown = "\\u{1B}[2J\\u{7}xxxxxxxxxx"

    /// A valid scenario with `top` added to its object, `unit` to its unit row and `check` as its expectation.
    static func scenario(top: String = "", unit: String = "", check: String = "\"eligible\": true") -> String {
        """
        {"schema": "cordmatch.scenario/1", "name": "n", \(top)
         "units": [{"ID": "U1", "STATUS": "AV"\(unit)}],
         "recipients": [{"ID": "R1", "WEIGHT_KG": 20, "DISEASE": "malignant", "HLA": "A2+A24"}],
         "expect": [{"recipient": "R1", "unit": "U1", \(check)}]}
        """
    }

    static func reason(_ text: String) throws -> String {
        let root = try ScenarioRoot(FileManager.default.temporaryDirectory.path)
        do {
            _ = try ScenarioDecoder.decode(Array(text.utf8), file: root.path + "/s.json", root: root)
            return "accepted"
        } catch { return error.reason }
    }

    @Test func theScenarioTheCasesChangeIsValid() throws {
        #expect(try Self.reason(Self.scenario()) == "accepted")
    }

    @Test(arguments: [
        (scenario(top: "\"schema\": \"\(hostile)\",").replacingOccurrences(of: "{\"schema\": \"cordmatch.scenario/1\", ", with: "{"), "schema is \"\(shown)"),
        (scenario(top: "\"\(hostile)\": 1,"), "unknown key \"\(shown)"),
        (scenario(unit: ", \"\(hostile)\": [1]"), "column \(shown)"),
        (scenario(check: "\"locus\": \"\(hostile)\", \"grades\": [\"allele\"]"), "locus \"\(shown)"),
        (scenario(check: "\"locus\": \"A\", \"grades\": [\"\(hostile)\"]"), "grades: \"\(shown)"),
        (scenario(check: "\"locus\": \"DPB1\", \"tce\": \"\(hostile)\""), "tce: \"\(shown)"),
        // A policy named with a DEL before a preset's name: "does not exist (looked for …)" quoted the path raw
        // (`scenario-json`, 2026-12-07).
        (scenario(top: "\"policy\": \"\\u007Fnon-malignant\","), "looked for "),
    ])
    func aKeyOrValueIsQuotedAsAnExcerpt(text: String, quoted: String) throws {
        let reason = try Self.reason(text)
        #expect(reason.contains(quoted), "\(reason)")
        #expect(reason.utf8.count < 600 && !reason.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(reason)")
    }
}
