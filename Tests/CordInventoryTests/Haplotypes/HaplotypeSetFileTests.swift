import CordInventory
import CordMatch
import Foundation
import HLA
import Testing
import CordMatchTesting
import TestSupport

/// Both file formats of haplotype frequency sets, their line-numbered problems, and installation into a data
/// directory.
@Suite struct HaplotypeSetFileTests {
    static func read(_ text: String, file: String = "set.txt") throws(HaplotypeSetRejection) -> HaplotypeSetSource {
        try HaplotypeSetFile.read(Array(text.utf8), file: file)
    }

    static func problems(_ text: String, file: String = "set.txt") -> [String] {
        do {
            _ = try read(text, file: file)
            Issue.record("accepted")
            return []
        } catch { return error.problems.map(\.description) }
    }

    @Test func theDelimitedFormReadsLociInAnyOrderWithHeaderCommentsAndSeparators() throws {
        let text = """
            # a comment
            Haplotype,Freq

            A*01:01:01G~C*07:01:01G~B*08:01:01G~DRB1*03:01:01G~DQB1*02:01:01G,0.5
            A*02:01:01G~C*07:02:01G~B*07:02:01G~DRB1*15:01:01G~DQB1*06:02:01G\t3.0E-1
            HLA-B*44:02:01G~HLA-A*02:01:01G~HLA-C*05:01:01G~HLA-DQB1*03:01:01G~HLA-DRB1*04:01:01G 0.2
            """
        let s = try Self.read(text)
        #expect(s.records.count == 3 && s.format == "delimited" && s.declaredResolution == "G groups")
        #expect(s.records.map(\.line) == [4, 5, 6] && s.records.map(\.frequency) == [0.5, 0.3, 0.2])
        #expect(s.records[2].values[.B] == "HLA-B*44:02:01G" && s.records[0].values[.C] == "C*07:01:01G")
        let set = try HaplotypeSetBuilder(groups: SmallGGroups.shared(for: try SharedReleases.resolver())).build(s, name: "x").set
        #expect(set.haplotype(2) == ["A*02:01g", "B*44:02g", "C*05:01g", "DRB1*04:01g", "DQB1*03:01g"])
    }

    @Test func delimitedProblemsNameTheirLines() {
        let text = """
            A*01:01g~C*07:01g~B*08:01g~DRB1*03:01g~DQB1*02:01g,0.5
            A*02:01g~C*07:02g~B*07:02g~DRB1*15:01g~DQB1*06:02g,abc
            A*02:01g~C*07:02g~B*07:02g~DRB1*15:01g,0.1
            A*02:01g~C*07:02g~B*07:02g~DRB1*15:01g~DQB1*06:02g~DPB1*04:01g,0.1
            A*02:01g~A*03:01g~B*07:02g~DRB1*15:01g~DQB1*06:02g,0.1
            A*02:01g~C*07:02g~B*07:02g~DRB1*15:01g~DQB1*06:02g
            """
        let found = Self.problems(text)
        #expect(found.count == 5)
        #expect(found[0].hasPrefix("set.txt:2: frequency: abc is not a number"))
        #expect(found[1] == "set.txt:3: DQB1: the haplotype has no DQB1 value (a set gives A, B, C, DRB1 and DQB1)")
        #expect(found[2].hasPrefix("set.txt:4: haplotype: 'DPB1*04:01g' is not a value of A, B, C, DRB1 or DQB1"))
        #expect(found[3] == "set.txt:5: A: the haplotype gives A twice")
        #expect(found[4].hasPrefix("set.txt:6: haplotype: expected a haplotype and its frequency"))
    }

    static let atlas = """
        {
          "nomenclatureVersion": 3580,
          "donPool": ["123", 456],
          "ethn": [null, "AF", "UK"],
          "populationId": 999,
          "typingCategory": "LargeGGroup",
          "frequencies": [
            {"a": "01:01:01G", "b": "08:01:01G", "c": "07:01:01G", "dqb1": "02:01:01G", "drb1": "03:01:01G", "frequency": 0.7},
            {"a": "02:01:01G", "b": "07:02:01G", "c": "07:02:01G", "dqb1": "06:02:01G", "drb1": "15:01:01G", "frequency": 0.3}
          ]
        }
        """

    @Test func atlasJSONIsReadWithItsMetadata() throws {
        let s = try Self.read(Self.atlas, file: "hf.json")
        #expect(s.format == "Atlas JSON" && s.nomenclatureVersion == "3580" && s.populationID == 999)
        #expect(s.populations == ["AF", "UK"] && s.registries == ["123", "456"] && s.declaredResolution == "G groups")
        #expect(s.records.map(\.line) == [8, 9] && s.records[0].values[.DQB1] == "02:01:01G")
        let r = try HaplotypeSetBuilder(groups: SmallGGroups.shared(for: try SharedReleases.resolver())).build(s, name: "hf")
        #expect(r.set.haplotype(1) == ["A*02:01g", "B*07:02g", "C*07:02g", "DRB1*15:01g", "DQB1*06:02g"])
        #expect(r.set.metadata.populations == ["AF", "UK"] && r.set.metadata.nomenclatureVersion == "3.58.0" && r.warnings.isEmpty)
    }

    @Test func atlasJSONProblemsNameTheirLines() {
        let text = """
            {
              "nomenclatureVersion": "3.58.0",
              "colour": "blue",
              "frequencies": [
                {"a": "01:01:01G", "b": "08:01:01G", "c": "07:01:01G", "dqb1": "02:01:01G", "drb1": "03:01:01G", "frequency": "0.7"},
                {"a": "02:01:01G", "b": "07:02:01G", "c": "07:02:01G", "dqb1": "06:02:01G", "frequency": 0.3},
                {"a": 2, "b": "07:02:01G", "c": "07:02:01G", "dqb1": "06:02:01G", "drb1": "15:01:01G", "frequency": 0.3}
              ]
            }
            """
        let found = Self.problems(text, file: "hf.json")
        #expect(found == [
            "hf.json:3: colour: unknown key (expected nomenclatureVersion, donPool, ethn, populationId, typingCategory, frequencies)",
            "hf.json:5: frequency: expected a number, found a string",
            "hf.json:6: DRB1: the haplotype has no \"drb1\"",
            "hf.json:7: A: expected a name such as \"01:01:01G\", found a number",
        ])
        #expect(Self.problems("{\"frequencies\": [\n", file: "hf.json").first?.hasPrefix("hf.json:2: JSON: not valid JSON") == true)
        #expect(Self.problems("{\"frequencies\": []}", file: "hf.json") == ["hf.json:1: nomenclatureVersion: missing: the IPD-IMGT/HLA version the names are from"])
        let tooLarge = Self.atlas.replacingOccurrences(of: "\"frequency\": 0.3", with: "\"frequency\": 30")
        #expect(Self.problems(tooLarge, file: "hf.json").first?.hasPrefix("hf.json:9: frequency: 30 is outside the plausible range of a haplotype frequency, 0 to 1") == true)
    }

    @Test func installedSetsAreListedLoadedFromTheirSnapshotAndReplacedByCodes() throws {
        let root = try TemporaryFolder("cordmatch-hap")
        let home = DataDirectory(root: root.url("home"))
        let resolver = try SharedReleases.resolver()
        let installed = InstalledHaplotypeSets(home: home)
        let file = root.url("global set.json")
        try Self.atlas.replacingOccurrences(of: "\"ethn\": [null, \"AF\", \"UK\"]", with: "\"ethn\": null")
            .replacingOccurrences(of: "\"donPool\": [\"123\", 456]", with: "\"donPool\": null").write(to: file, atomically: true, encoding: .utf8)
        let first = try installed.install(file, population: nil, registry: nil, resolver: resolver)
        #expect(first.set.name == "global_set" && first.set.metadata.isGlobal && first.replaced.isEmpty)
        let eur = try installed.install(file, population: "EUR", registry: nil, resolver: resolver)
        #expect(eur.set.metadata.populations == ["EUR"] && eur.replaced == ["global_set"])     // same name
        let other = root.url("global.txt")
        try "A*01:01g~C*07:01g~B*08:01g~DRB1*03:01g~DQB1*02:01g,1\n".write(to: other, atomically: true, encoding: .utf8)
        _ = try installed.install(other, population: nil, registry: nil, resolver: resolver)
        #expect(try installed.entries().map(\.name) == ["global_set", "global"])
        let loaded = try installed.load(resolver: resolver)
        #expect(loaded.allSatisfy { $0.set != nil && $0.fromSnapshot })
        let sets = try installed.sets(resolver: resolver)
        #expect(sets.defaultImputer?.set.name == "global" && sets.imputer(for: .init(population: "EUR", registry: nil))?.set.name == "global_set")
        // Without its snapshot a set is compiled again from its installed file.
        for f in try FileManager.default.contentsOfDirectory(atPath: home.snapshotDirectory.path) where f.hasPrefix("haplotypes-") {
            try FileManager.default.removeItem(at: home.snapshotDirectory.appendingPathComponent(f))
        }
        let again = try installed.load(resolver: resolver)
        #expect(again.allSatisfy { $0.set != nil && !$0.fromSnapshot } && again.map { $0.set!.digest } == loaded.map { $0.set!.digest })
        #expect(throws: InstalledHaplotypeSets.InstallError.self) { try installed.install(other, population: "E U", registry: nil, resolver: resolver) }
    }
}
