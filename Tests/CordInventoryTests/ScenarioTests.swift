import CordInventory
import CordMatch
import Foundation
import HLA
import Testing
import TestSupport
import CordMatchTesting

/// Scenario files: the shipped library passes, wrong expectations fail with expected and actual values, and
/// malformed files fail with file, line and reason. Real 3.58.0 release, real temporary databases.
@Suite struct ScenarioTests {
    /// The package root, the folder the shipped scenarios' fixture files lie in.
    static let root = try! ScenarioRoot(PackageFolder.root.path)

    static let runner = ScenarioRunner(root: root, resolver: resolverSource)

    /// The test release for every scenario (its own version, or none named).
    static let resolverSource: ScenarioRunner.ResolverSource = { version in
        let r = try SharedReleases.resolverWithTCE()
        guard version == nil || version == r.data.version else { throw InventoryError("IMGT/HLA \(version!) is not available to the tests") }
        return r
    }

    static let library = PackageFolder.fixture("scenarios")
    static var libraryFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: library.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// What failed, in words, for the test log.
    static func failures(_ o: ScenarioOutcome) -> String {
        o.errors.joined(separator: "\n") + o.expectations.flatMap { e, checks in
            checks.filter { !$0.passed }.map { "line \(e.line) \(e.subject) \($0.key): expected \($0.expected), got \($0.actual) \($0.note ?? "")" }
        }.joined(separator: "\n")
    }

    @Test func theLibraryCoversTheRules() {
        #expect(Self.libraryFiles.count >= 15)
    }

    @Test(arguments: libraryFiles)
    func shippedScenarioPasses(_ name: String) {
        let o = Self.runner.run(file: Self.library.appendingPathComponent(name).path)
        #expect(o.errors.isEmpty && !o.expectations.isEmpty, "\(Self.failures(o))")
        #expect(o.passed, "\(Self.failures(o))")
    }

    static let example = """
        {
          "schema": "cordmatch.scenario/1",
          "name": "example",
          "imgt_version": "3.58.0",
          "search_date": "2026-01-15",
          "policy": "non-malignant",
          "units": [
            {"ID": "U1", "STATUS": "AV", "X_HLA_GL": "A*02:01+A*03:01^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01", "TNC": "1.2E9", "CD34PC": "3.1E6"},
            {"ID": "U2", "STATUS": "AV", "X_HLA_GL": "A*02:01+A*02:01^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01", "TNC": 1.2E9, "CD34PC": "3.1E6"},
            {"ID": "U3", "STATUS": "RE", "X_HLA_GL": "A*02:01+A*02:01^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01", "TNC": "1.2E9", "CD34PC": "3.1E6"}
          ],
          "recipients": [
            {"ID": "R1", "WEIGHT_KG": 18, "DISEASE": "non-malignant", "HLA": "A*02:01+A*02:01^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01"}
          ],
          "expect": [
            {"recipient": "R1", "ranking": ["U2", "U1"]},
            {"recipient": "R1", "before": ["U2", "U1", "U3"]},
            {"recipient": "R1", "unit": "U1", "eligible": true, "x6": 5, "x8": 7, "x8_potential": 0, "hvg": 1, "gvh": 0},
            {"recipient": "R1", "unit": "U1", "locus": "A", "gvh": 0, "hvg": 1, "grades": ["allele", "mismatch"], "confidence": ["definite", "mismatch"]},
            {"recipient": "R1", "unit": "U3", "eligible": false, "reason_contains": "STATUS RE"},
            {"recipient": "R1", "double": []}
          ]
        }
        """

    /// Runs a scenario text written to a temporary `inline.json`.
    static func run(_ text: String) throws -> ScenarioOutcome {
        let dir = try TemporaryFolder("cordmatch-scenario")
        let file = try dir.write(text, to: "inline.json")
        return runner.run(file: file.path)
    }

    static func decodeError(_ text: String) -> ScenarioError? {
        do { _ = try ScenarioDecoder.decode(Array(text.utf8), file: "s.json", root: root); return nil } catch { return error }
    }

    @Test func theExampleScenarioPasses() throws {
        let o = try Self.run(Self.example)
        #expect(o.passed, "\(Self.failures(o))")
        #expect(o.expectations.count == 6)
    }

    @Test func aWrongCountFailsWithExpectedAndActual() throws {
        let o = try Self.run(Self.example.replacingOccurrences(of: "\"x6\": 5", with: "\"x6\": 6"))
        #expect(!o.passed)
        let failed = o.expectations.flatMap { e, c in c.filter { !$0.passed }.map { (e.line, $0) } }
        #expect(failed.count == 1)
        #expect(failed.first?.0 == 18)
        #expect(failed.first?.1.key == "x6" && failed.first?.1.expected == "6" && failed.first?.1.actual == "5")
    }

    @Test func aWrongRankingNamesTheFirstDifference() throws {
        let o = try Self.run(Self.example.replacingOccurrences(of: "\"ranking\": [\"U2\", \"U1\"]", with: "\"ranking\": [\"U1\", \"U2\", \"U3\"]"))
        let check = o.expectations[0].checks[0]
        #expect(!check.passed && check.actual == "[U2, U1]")
        #expect(check.note?.contains("first difference at rank 1: expected U1, got U2") == true)
        #expect(check.note?.contains("U3 (status: status RE") == true)
    }

    @Test func wrongGradesEligibilityAndOrderFail() throws {
        var text = Self.example.replacingOccurrences(of: "\"grades\": [\"allele\", \"mismatch\"]", with: "\"grades\": [\"mismatch\", \"allele\"]")
        text = text.replacingOccurrences(of: "\"eligible\": false", with: "\"eligible\": true")
        text = text.replacingOccurrences(of: "[\"U2\", \"U1\", \"U3\"]", with: "[\"U3\", \"U2\"]")
        text = text.replacingOccurrences(of: "\"double\": []", with: "\"double\": [\"U1\", \"U2\"]")
        let o = try Self.run(text)
        let failed = Set(o.expectations.flatMap { _, c in c.filter { !$0.passed }.map(\.key) })
        #expect(failed == ["grades", "eligible", "before", "double"])
    }

    @Test func malformedFilesNameTheLineAndReason() throws {
        let cases: [(String, String, Int, String)] = [
            ("\"name\": \"example\",", "\"name\": \"example\", \"colour\": \"red\",", 3, "unknown key \"colour\""),
            ("\"x6\": 5,", "\"x6\": 5, \"x7\": 1,", 18, "unknown key \"x7\""),
            ("{\"recipient\": \"R1\", \"ranking\"", "{\"recipient\": \"R1\", \"grades\": [\"allele\"], \"ranking\"", 16, "\"grades\" is a check of a locus"),
            ("\"search_date\": \"2026-01-15\"", "\"search_date\": \"15.01.2026\"", 5, "not a date"),
            ("\"policy\": \"non-malignant\",", "\"policy\": \"non-malignant\"", 7, "expected ',' or '}'"),
            ("\"schema\": \"cordmatch.scenario/1\"", "\"schema\": \"cordmatch.scenario/2\"", 2, "this version reads"),
            ("\"grades\": [\"allele\", \"mismatch\"]", "\"grades\": [\"allele\", \"partial\"]", 19, "\"partial\" is not one of"),
        ]
        for (from, to, line, reason) in cases {
            let text = Self.example.replacingOccurrences(of: from, with: to)
            #expect(text != Self.example, "fixture text not found: \(from)")
            let e = Self.decodeError(text)
            #expect(e?.line == line, "\(to): \(String(describing: e))")
            #expect(e?.reason.contains(reason) == true, "\(to): \(String(describing: e))")
        }
    }

    @Test func aMissingInventoryIsAnError() throws {
        let start = Self.example.range(of: "  \"units\": [")!.lowerBound, end = Self.example.range(of: "  \"recipients\"")!.lowerBound
        let e = Self.decodeError(Self.example.replacingCharacters(in: start..<end, with: ""))
        #expect(e?.reason.contains("needs \"units\" (rows) or \"units_file\"") == true)
        let missingFile = Self.example.replacingCharacters(in: start..<end, with: "  \"units_file\": \"no-such-units.csv\",\n")
        let f = Self.decodeError(missingFile)
        #expect(f?.line == 7 && f?.reason.contains("units_file \"no-such-units.csv\" does not exist") == true, "\(String(describing: f))")
    }

    @Test func badRowsAreReportedByTheImportersWithTheRowsLine() throws {
        var text = Self.example.replacingOccurrences(of: "A*02:01+A*03:01^", with: "A*02:999+A*03:01^")
        text = text.replacingOccurrences(of: "\"ID\": \"U3\",", with: "\"ID\": \"U3\", \"COLOUR\": \"red\",")
        text = text.replacingOccurrences(of: "\"WEIGHT_KG\": 18", with: "\"WEIGHT_KG\": -4")
        let o = try Self.run(text)
        #expect(!o.passed && o.expectations.isEmpty)
        // Every problem at once, each with the scenario file, the row's line and the column.
        #expect(o.errors.count == 3, "\(o.errors)")
        #expect(o.errors.contains { $0.contains("inline.json:8: X_HLA_GL:") && $0.contains("A*02:999") }, "\(o.errors)")
        #expect(o.errors.contains { $0.contains("inline.json:10: COLOUR: unknown column") }, "\(o.errors)")
        #expect(o.errors.contains { $0.contains("inline.json:13: WEIGHT_KG:") }, "\(o.errors)")
    }

    @Test func anExpectationAboutAnUnknownRecipientOrUnitFails() throws {
        var text = Self.example.replacingOccurrences(of: "{\"recipient\": \"R1\", \"double\": []}", with: "{\"recipient\": \"R9\", \"double\": []}")
        text = text.replacingOccurrences(of: "\"unit\": \"U3\"", with: "\"unit\": \"U9\"")
        let o = try Self.run(text)
        let notes = o.expectations.flatMap { _, c in c.filter { !$0.passed }.compactMap(\.note) }
        #expect(notes.contains { $0.contains("recipient R9 is not in the scenario") })
        #expect(notes.contains { $0.contains("unit U9 is not in the inventory") })
    }

    @Test func anInlinePolicyIsValidatedAndUsed() throws {
        let stricter = PolicyLoader.encode(PolicyPresets.nonMalignant).replacingOccurrences(of: "\"min_x8\" : 4", with: "\"min_x8\" : 8")
        #expect(stricter.contains("\"min_x8\" : 8"))
        let text = Self.example.replacingOccurrences(of: "\"policy\": \"non-malignant\"", with: "\"policy\": \(stricter)")
        let o = try Self.run(text)
        // U1 (7/8) fails the centre's 8/8 floor: the ranking expectation now fails and names why.
        let ranking = o.expectations[0].checks[0]
        #expect(!ranking.passed && ranking.actual == "[U2]" && ranking.note?.contains("hla_floor") == true)
        let bad = Self.example.replacingOccurrences(of: "\"policy\": \"non-malignant\"", with: "\"policy\": {\"name\": \"x\"}")
        #expect(Self.decodeError(bad)?.reason.contains("the inline policy is invalid") == true)
    }
}

/// The line-tracking JSON reader behind scenario files.
@Suite struct LocatedJSONTests {
    @Test func valuesKnowTheirLines() throws {
        let doc = try LocatedJSON.parse(Array("{\n  \"a\": [1,\n  2.5e1],\n  \"b\": \"x\\\"y\\u00e9\",\n  \"c\": {\"d\": null, \"e\": false}\n}".utf8))
        guard case .object(let m, _) = doc else { Issue.record("not an object"); return }
        #expect(m.map(\.key) == ["a", "b", "c"])
        #expect(m.map(\.keyLine) == [2, 4, 5])
        guard case .array(let a, _) = m[0].value, case .number(let text, let d, let loc) = a[1] else { Issue.record("array"); return }
        #expect(text == "2.5e1" && d == 25 && loc.line == 3)
        guard case .string(let s, _) = m[1].value else { Issue.record("string"); return }
        #expect(s == "x\"yé")
    }

    @Test func errorsNameTheLine() {
        let cases: [(String, Int, String)] = [
            ("{\n\"a\": 1,\n\"a\": 2}", 3, "appears twice"),
            ("{\n\"a\": [1, 2\n", 3, "missing ']'"),
            ("{\"a\": tru}", 1, "unexpected text"),
            ("{\"a\": 1} x", 1, "after the JSON value"),
            ("{\n\n\"a\": \"open\n\"}", 3, "not closed"),
            ("[1.2.3]", 1, "'1.2.3' is not a number"),
        ]
        for (text, line, reason) in cases {
            do {
                _ = try LocatedJSON.parse(Array(text.utf8))
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.line == line && error.reason.contains(reason), "\(text): \(error.line) \(error.reason)")
            }
        }
    }
}
