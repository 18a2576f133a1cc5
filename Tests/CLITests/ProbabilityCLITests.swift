import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// Match probabilities through the real binary: `match --format json` against a hand-made haplotype set whose
/// probabilities are exact fractions, `null` without a set or for an unrepresented typing, the `P(8/8)` column of
/// `search` and the rematch report only when a set is installed, and `POPULATION` values checked on import.
@Suite struct ProbabilityCLITests {
    static let run = CLITests.run

    /// Four haplotypes; h3 = A*02:01 B*07:02 C*07:02 DRB1*15:01 DQB1*06:02 (0.3), h4 = A*02:01 B*44:02 C*05:01
    /// DRB1*04:01 DQB1*03:01 (0.2); h1, h2 (A*01:01 B*08:01 …) are the others.
    static let handSet = """
        A*01:01g~B*08:01g~C*07:01g~DRB1*03:01g~DQB1*02:01g,0.4
        A*01:01g~B*08:01g~C*07:02g~DRB1*03:01g~DQB1*02:01g,0.1
        A*02:01g~B*07:02g~C*07:02g~DRB1*15:01g~DQB1*06:02g,0.3
        A*02:01g~B*44:02g~C*05:01g~DRB1*04:01g~DQB1*03:01g,0.2
        """
    /// h3/h4 typed in full.
    static let h3h4 = "A*02:01^B*07:02+B*44:02^C*07:02+C*05:01^DRB1*15:01+DRB1*04:01^DQB1*06:02+DQB1*03:01"

    /// A data directory with IPD-IMGT/HLA 3.58.0 and, when `withSet`, the hand-made set installed as the default.
    static func home(withSet: Bool) throws -> TemporaryFolder {
        let home = try HaplotypeCLITests.home()
        if withSet {
            try handSet.write(to: home.url("hand.txt"), atomically: true, encoding: .utf8)
            let r = try run(["data", "install", "--haplotypes", home.path("hand.txt")], "", home)
            #expect(r.status == 0, "\(r.err)")
        }
        return home
    }

    static func matchJSON(_ unit: String, _ home: TemporaryFolder) throws -> (json: [String: Any], text: String) {
        let r = try run(["match", "--recipient", h3h4, "--unit", unit, "--weight", "10", "--tnc", "5e9", "--cd34", "1e8",
                         "--search-date", "2026-06-01", "--format", "json"], "", home)
        #expect(r.status == 0, "\(r.err)")
        return (try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]), r.out)
    }

    @Test func matchJSONCarriesTheProbabilitiesAsExactFractionsInOneShape() throws {
        let home = try Self.home(withSet: true)
        // The unit is typed A*02:01 (homozygous) only. Diplotypes with A*02:01 on both haplotypes: {h3,h3}
        // 0.3² = 0.09, {h4,h4} 0.2² = 0.04, {h3,h4} 2·0.3·0.2 = 0.12; total 0.25, so 0.36, 0.16 and 0.48.
        // Against h3/h4: {h3,h4} is 8/8, 6/6, 10/10; {h3,h3} and {h4,h4} lack one of the recipient's values at B, C,
        // DRB1 and DQB1: one known mismatch at each (x/8 5, x/10 6), and at x/6 one at B (antigen) and DRB1: 4.
        let (doc, text) = try Self.matchJSON("A*02:01", home)
        #expect(doc["schema"] as? String == "cordmatch.explain/1")
        let unit = try #require(doc["unit"] as? [String: Any])
        let p = try #require(unit["probabilities"] as? NSDictionary)
        let locus: NSDictionary = ["0": 0.48, "1": 0.52]
        let expected: NSDictionary = [
            "x8": ["8": 0.48, "5": 0.52], "x6": ["6": 0.48, "4": 0.52], "x10": ["10": 0.48, "6": 0.52],
            "mismatches": ["A": ["0": 1], "B": locus, "C": locus, "DRB1": locus, "DQB1": locus],
            "unrepresented": ["recipient": false, "unit": false], "dropped": 0, "haplotypes": "hand",
        ]
        #expect(p == expected, "\(p)")
        // Deterministic formatting: keys sorted as every report's, probabilities rounded (0.36 + 0.16 prints 0.52).
        #expect(text.contains("\"x8\" : {\n        \"5\" : 0.52,\n        \"8\" : 0.48\n      }"), "\(text)")
        #expect(text.contains("\"DRB1\" : {") && !text.contains("drb1"))
        let lines = try #require(doc["explanation"] as? [String])
        #expect(lines.last == "  match probabilities (haplotype set hand): P(8/8) 0.480, P(≥7/8) 0.480, P(6/6) 0.480, P(10/10) 0.480")
        let again = try Self.matchJSON("A*02:01", home)
        #expect(again.text == text)
    }

    @Test func probabilitiesAreNullWithoutASetOrForAnUnrepresentedTyping() throws {
        let bare = try Self.home(withSet: false)
        let (none, _) = try Self.matchJSON("A*02:01", bare)
        let unit = try #require(none["unit"] as? [String: Any])
        #expect(unit["probabilities"] is NSNull)
        #expect(!((none["explanation"] as? [String]) ?? []).contains { $0.contains("probabilities") })
        let text = try Self.run(["match", "--recipient", Self.h3h4, "--unit", "A*02:01", "--search-date", "2026-06-01"], "", bare)
        #expect(text.status == 0 && !text.out.contains("probabilities"))

        // A*68:01 is in no haplotype of the set, and the rest of the unit is untyped: no diplotype explains it.
        let home = try Self.home(withSet: true)
        let (unrep, _) = try Self.matchJSON("A*68:01", home)
        #expect((unrep["unit"] as? [String: Any])?["probabilities"] is NSNull)
        #expect(((unrep["explanation"] as? [String]) ?? []).last
                == "  match probabilities: none — the unit's typing is not represented in haplotype set hand (confirmatory typing, or a set of the right population)")
    }

    /// An inventory of three units for the recipient h3/h4, in `home`.
    static func inventory(_ home: TemporaryFolder) throws -> String {
        let db = home.path("inv.sqlite")
        try """
            ID,BIRTH_DATE,STATUS,TNC,CD34PC,X_HLA_GL,POPULATION
            U-1,2024-01-01,AV,5E9,1E8,A*02:01^B*07:02+B*44:02^DRB1*15:01+DRB1*04:01,
            U-2,2024-01-01,AV,5E9,1E8,A*02:01,
            U-3,2024-01-01,AV,5E9,1E8,A*68:01,XYZ
            """.write(to: home.url("units.csv"), atomically: true, encoding: .utf8)
        try """
            ID,WEIGHT_KG,DISEASE,HLA,POPULATION
            R-1,10,malignant,\(h3h4),
            """.write(to: home.url("recipients.csv"), atomically: true, encoding: .utf8)
        for kind in ["units", "recipients"] {
            let r = try run(["import", kind, home.path("\(kind).csv"), "--db", db], "", home)
            #expect(r.status == 0, "\(r.err)")
        }
        return db
    }

    @Test func searchShowsAP8of8ColumnOnlyWhenASetIsInstalled() throws {
        for withSet in [false, true] {
            let home = try Self.home(withSet: withSet)
            let db = try Self.inventory(home)
            let args = ["search", "--db", db, "--recipient", "R-1", "--search-date", "2026-06-01"]
            let table = try Self.run(args, "", home), csv = try Self.run(args + ["--format", "csv"], "", home)
            #expect(table.status == 0 && csv.status == 0, "\(table.err)\(csv.err)")
            let head = table.out.split(separator: "\n")[1]
            #expect(head.contains("P(8/8)") == withSet, "\(head)")
            #expect(csv.out.hasPrefix("rank,unit_id,bank,eligible,x6,x6_potential,x8,x8_potential,gvh,hvg,"
                                      + (withSet ? "p_8of8," : "") + "tnc_per_kg,cd34_per_kg,reasons"))
            let rows = Dictionary(uniqueKeysWithValues: table.out.split(separator: "\n").dropFirst(2).map { line in
                (String(line.split(separator: " ", omittingEmptySubsequences: true)[1]), String(line))
            })
            if withSet {
                // U-1: B*07:02 and B*44:02 are on h3 and h4 only, so it is h3/h4 (P = 1); U-2: 0.48 (as for match);
                // U-3: A*68:01 is in no haplotype.
                #expect(rows["U-1"]?.contains(" 1.000 ") == true && rows["U-2"]?.contains(" 0.480 ") == true
                        && rows["U-3"]?.contains(" unrep. ") == true, "\(table.out)")
                #expect(csv.out.contains(",U-2,,true,2,4,2,6,0,0,0.48,"), "\(csv.out)")
            }
            let json = try Self.run(args + ["--format", "json"], "", home)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
            for result in try #require(doc["results"] as? [[String: Any]]) {
                #expect(result.keys.contains("probabilities"))
                #expect((result["probabilities"] is NSNull) == (!withSet || result["unit_id"] as? String == "U-3"), "\(result)")
            }
        }
    }

    @Test func theRematchReportGivesEachCandidatesP8of8OnlyWithASet() throws {
        for withSet in [false, true] {
            let home = try Self.home(withSet: withSet)
            let db = try Self.inventory(home)
            let table = try Self.run(["rematch", "--db", db, "--search-date", "2026-06-01", "--quiet"], "", home)
            #expect(table.status == 0, "\(table.err)")
            #expect(table.out.contains("  P(8/8): U-1 1.000, U-2 0.480, U-3 unrep.") == withSet, "\(table.out)")
            let json = try Self.run(["rematch", "--db", db, "--report-only", "--format", "json"], "", home)
            #expect(json.out.contains("\"candidate_probabilities\"") == withSet)
            let html = try Self.run(["rematch", "--db", db, "--report-only", "--format", "html"], "", home)
            #expect(html.out.contains("<th>P(8/8)</th>") == withSet)
            #expect(html.out.contains("<td data-n=\"1.0\">U-1 1.000, U-2 0.480, U-3 unrep.</td>") == withSet, "\(html.out)")
            let csv = try Self.run(["rematch", "--db", db, "--report-only", "--format", "csv"], "", home)
            #expect(csv.out.contains("R-1,p_8of8,U-2,0.48") == withSet && csv.out.contains("R-1,p_8of8,U-3,unrepresented") == withSet)
            let without = try Self.run(["rematch", "--db", db, "--report-only", "--format", "json", "--without-probabilities"], "", home)
            #expect(!without.out.contains("candidate_probabilities"))
        }
    }

    @Test func aPopulationThatIsNotACodeIsRefusedWithItsLine() throws {
        let home = try Self.home(withSet: false)
        try """
            ID,WEIGHT_KG,DISEASE,HLA,POPULATION
            R-1,10,malignant,\(Self.h3h4),CAEU
            R-2,10,malignant,\(Self.h3h4),E U
            """.write(to: home.url("recipients.csv"), atomically: true, encoding: .utf8)
        let r = try Self.run(["import", "recipients", home.path("recipients.csv"), "--db", home.path("inv.sqlite")], "", home)
        #expect(r.status == 1)
        #expect(r.err.contains("recipients.csv:3: POPULATION: 'E U' is not a population code"), "\(r.err)")
    }

    @Test func peopleDrawnFromASyntheticSetAreRepresentedInIt() throws {
        let home = try Self.home(withSet: false)
        let set = try Self.run(["gen", "haplotypes", "--count", "500", "--seed", "3"], "", home)
        try set.out.write(to: home.url("syn.txt"), atomically: true, encoding: .utf8)
        #expect(try Self.run(["data", "install", "--haplotypes", home.path("syn.txt")], "", home).status == 0)
        let gen = ["gen", "units", "--count", "60", "--from-haplotypes", "500", "--haplotypes-seed", "3", "--seed", "5"]
        let units = try Self.run(gen, "", home), again = try Self.run(gen, "", home)
        #expect(units.status == 0 && units.out == again.out && units.out.split(separator: "\n").count == 61)
        let recipients = try Self.run(["gen", "recipients", "--count", "3", "--from-haplotypes", "500", "--haplotypes-seed", "3"], "", home)
        try units.out.write(to: home.url("u.csv"), atomically: true, encoding: .utf8)
        try recipients.out.write(to: home.url("r.csv"), atomically: true, encoding: .utf8)
        let db = home.path("syn.sqlite")
        #expect(try Self.run(["import", "units", home.path("u.csv"), "--db", db], "", home).status == 0)
        #expect(try Self.run(["import", "recipients", home.path("r.csv"), "--db", db], "", home).status == 0)
        // Every unit and recipient is two haplotypes of the set, so no typing is unrepresented.
        for id in ["HR000000", "HR000001", "HR000002"] {
            let r = try Self.run(["search", "--db", db, "--recipient", id, "--limit", "100", "--format", "csv"], "", home)
            #expect(r.status == 0, "\(r.err)")
            for row in r.out.split(separator: "\n").dropFirst() {
                #expect(Double(String(row.split(separator: ",", omittingEmptySubsequences: false)[10])) != nil, "\(row)")
            }
        }
    }
}
