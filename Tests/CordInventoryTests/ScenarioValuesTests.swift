import CordInventory
import CordMatch
import Foundation
import Testing
import CordMatchTesting

/// Scenario files: row values get the importers' number and date rules, `search_date` is a real date within its
/// bounds, check counts have their ranges, and the JSON text is UTF-8 without NUL; every error names file and line.
@Suite struct ScenarioValuesTests {
    /// The example scenario with the first occurrence of each text replaced.
    static func edited(_ replacements: [(String, String)]) -> String {
        replacements.reduce(ScenarioTests.example) { text, r in
            guard let range = text.range(of: r.0) else { return text }
            return text.replacingCharacters(in: range, with: r.1)
        }
    }

    @Test func badRowNumbersAndDatesNameTheRowAndColumn() throws {
        #expect(ScenarioTests.example.contains("\"TNC\": \"1.2E9\""))
        for (from, to, column) in [("\"TNC\": \"1.2E9\"", "\"TNC\": \"0x1p30\"", "TNC"), ("\"TNC\": \"1.2E9\"", "\"TNC\": 1e-320", "TNC"),
                                   ("\"TNC\": \"1.2E9\"", "\"TNC\": \"1.2E9\", \"COLL_DATE\": \"2026-02-30\"", "COLL_DATE"),
                                   ("\"WEIGHT_KG\": 18", "\"WEIGHT_KG\": 0", "WEIGHT_KG"), ("\"WEIGHT_KG\": 18", "\"WEIGHT_KG\": \"0x12\"", "WEIGHT_KG")] {
            let o = try ScenarioTests.run(Self.edited([(from, to)]))
            #expect(!o.passed)
            // (A unit row without BIRTH_DATE takes its COLL_DATE: a bad one is reported for both.)
            #expect(!o.errors.isEmpty && o.errors.allSatisfy { $0.contains("inline.json:8: ") || $0.contains("inline.json:13: ") }, "\(to): \(o.errors)")
            #expect(o.errors.contains { $0.contains(": \(column): ") }, "\(to): \(o.errors)")
        }
    }

    @Test(arguments: ["2026-02-30", "2026-04-31", "2026-02-29", "1900-02-29", "0000-01-01", "1987-01-15"])
    func anImpossibleSearchDateIsRefused(date: String) {
        let error = ScenarioTests.decodeError(Self.edited([("\"search_date\": \"2026-01-15\"", "\"search_date\": \"\(date)\"")]))
        #expect(error?.reason.hasPrefix("search_date: \(date) is ") == true, "\(String(describing: error))")
    }

    @Test func aSearchDateMayBeAheadButNotFarAhead() throws {
        let today = CalendarDate.today()
        let far = today.adding(years: 6).description
        #expect(ScenarioTests.decodeError(Self.edited([("\"search_date\": \"2026-01-15\"", "\"search_date\": \"\(far)\"")]))?.reason
                == "search_date: \(far) is more than 5 years after today (\(today), UTC)")
        // Ahead by a year, units without a birth date take today's, not the search date (a birth is never ahead).
        let ahead = Self.edited([("\"search_date\": \"2026-01-15\"", "\"search_date\": \"\(today.adding(years: 1))\"")])
        let errors = try ScenarioTests.run(ahead).errors
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func countsOfChecksHaveTheirRanges() {
        for (from, to, reason) in [("\"x6\": 5", "\"x6\": 7", "x6: 7 is not a whole number from 0 to 6"),
                                   ("\"x6\": 5", "\"x6\": 5.0", "x6: 5.0 is not a whole number from 0 to 6 (write it with digits only)"),
                                   ("\"x6\": 5", "\"x6\": 1e300", "x6: 1e300 is not a whole number from 0 to 6")] {
            #expect(ScenarioTests.decodeError(Self.edited([(from, to)]))?.reason == reason)
        }
    }

    @Test func textThatIsNotUTF8OrHoldsANULNamesTheLine() throws {
        let text = ScenarioTests.example
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"name\"") }! + 1
        for (bytes, why) in [([0x00] as [UInt8], "NUL"), ([0xE9], "not valid UTF-8"), ([0x09], "control character")] {
            var data = Array(text.utf8)
            let at = data.firstRange(of: Array("\"name\": \"".utf8))!.upperBound
            data.insert(contentsOf: bytes, at: at)
            do {
                _ = try ScenarioDecoder.decode(data, file: "s.json", root: ScenarioTests.root)
                Issue.record("accepted \(why)")
            } catch {
                #expect(error.line == line && error.reason.contains(why), "\(error)")
            }
        }
    }

    /// An inline recipient's POLICY file is the scenario folder's.
    @Test func anInlineRecipientPolicyIsFoundBesideTheScenario() throws {
        let dir = try TemporaryFolder("cordmatch-scenario")
        var centre = PolicyPresets.nonMalignant
        centre.name = "centre"
        try PolicyLoader.encode(centre).write(to: dir.url("centre.json"), atomically: true, encoding: .utf8)
        let text = Self.edited([("\"policy\": \"non-malignant\",", ""), ("\"DISEASE\": \"non-malignant\",", "\"DISEASE\": \"non-malignant\", \"POLICY\": \"centre.json\",")])
        #expect(text.contains("\"POLICY\": \"centre.json\"") && !text.contains("\"policy\""))
        let file = dir.url("inline.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        // (The scenario's folder is its root: the files it names lie there.)
        let o = ScenarioRunner(root: try ScenarioRoot(dir.path), resolver: ScenarioTests.resolverSource).run(file: file.path)
        #expect(o.errors.isEmpty, "\(o.errors)")
        #expect(o.passed, "\(ScenarioTests.failures(o))")
    }
}
