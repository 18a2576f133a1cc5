import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// `gen haplotypes`, `data install --haplotypes` and `data status` through the real binary.
@Suite struct HaplotypeCLITests {
    static let run = CLITests.run

    /// A data directory with IPD-IMGT/HLA 3.58.0 installed (a temporary folder): the release folder linked in,
    /// and its compiled snapshot copied from the user's data directory when there is one (else compiled once).
    static func home() throws -> TemporaryFolder {
        let fm = FileManager.default
        let home = try TemporaryFolder("cordmatch-home")
        try fm.createDirectory(at: home.url("imgt"), withIntermediateDirectories: true)
        try fm.createDirectory(at: home.url("cache"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: home.url("imgt/3.58.0").path, withDestinationPath: CLITests.imgt)
        let userCache = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CORDMATCH_HOME"]
                            ?? fm.homeDirectoryForCurrentUser.appendingPathComponent(".cordmatch").path).appendingPathComponent("cache")
        for f in (try? fm.contentsOfDirectory(atPath: userCache.path)) ?? [] where f.hasPrefix("imgt-3.58.0-") {
            try? fm.copyItem(at: userCache.appendingPathComponent(f), to: home.url("cache/\(f)"))
        }
        return home
    }

    @Test func genHaplotypesIsDeterministicBySeedInBothForms() throws {
        let a = try Self.run(["gen", "haplotypes", "--count", "500", "--seed", "3", "--imgt-dir", CLITests.imgt], "", nil)
        let b = try Self.run(["gen", "haplotypes", "--count", "500", "--seed", "3", "--imgt-dir", CLITests.imgt], "", nil)
        let c = try Self.run(["gen", "haplotypes", "--count", "500", "--seed", "4", "--imgt-dir", CLITests.imgt], "", nil)
        #expect(a.status == 0 && a.out == b.out && a.out != c.out)
        let lines = a.out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("# synthetic haplotype frequency set") == true && lines.filter { !$0.hasPrefix("#") }.count == 501)
        #expect(lines[3].split(separator: ",")[0].split(separator: "~").map { String($0.split(separator: "*")[0]) } == ["A", "C", "B", "DRB1", "DQB1"])
        let json = try Self.run(["gen", "haplotypes", "--count", "50", "--format", "json", "--imgt-dir", CLITests.imgt], "", nil)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(doc["typingCategory"] as? String == "small_g" && (doc["frequencies"] as? [Any])?.count == 50)
    }

    @Test func installedSetsAreOwnerOnlyAndListedByStatus() throws {
        let home = try Self.home()
        let setFile = home.url("eur.txt")
        let gen = try Self.run(["gen", "haplotypes", "--count", "800", "--seed", "2"], "", home)
        try gen.out.write(to: setFile, atomically: true, encoding: .utf8)
        let json = home.url("global.json")
        try (try Self.run(["gen", "haplotypes", "--count", "300", "--format", "json"], "", home)).out.write(to: json, atomically: true, encoding: .utf8)

        let none = try Self.run(["data", "status"], "", home)
        #expect(none.out.contains("haplotype sets: none installed"))
        let eur = try Self.run(["data", "install", "--haplotypes", setFile.path, "--population", "EUR"], "", home)
        #expect(eur.status == 0, "\(eur.err)")
        #expect(eur.out.hasPrefix("installed haplotype set eur: 800 haplotypes, frequency sum 1.0000, small g groups (file: small g groups, delimited)"))
        let global = try Self.run(["data", "install", "--haplotypes", json.path], "", home)
        #expect(global.status == 0, "\(global.err)")
        let status = try Self.run(["data", "status"], "", home)
        #expect(status.out.contains("haplotype set eur  800 haplotypes") && status.out.contains("populations: EUR, registries: any"))
        #expect(status.out.contains("haplotype set global  (default)  300 haplotypes") && status.out.contains("Atlas JSON), nomenclature 3.58.0 → IMGT/HLA 3.58.0"))
        for f in ["haplotypes/eur.txt", "haplotypes/global.json", "haplotypes/sets.json"] {
            let mode = try FileManager.default.attributesOfItem(atPath: home.url(f).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(f)")
        }
        let wrong = try Self.run(["data", "install", "--population", "EUR"], "", home)
        #expect(wrong.status != 0 && wrong.err.contains("--population and --registry go with --haplotypes FILE"))
    }

    @Test func aRefusedSetReportsEveryProblemWithItsLineAndInstallsNothing() throws {
        let home = try Self.home()
        let bad = home.url("bad.txt")
        try """
            A*01:01g~C*07:01g~B*08:01g~DRB1*03:01g~DQB1*02:01g,0.5
            A*99:99~C*07:01g~B*08:01g~DRB1*03:01g~DQB1*02:01g,0.2
            A*01:01g~C*07:01g~B*08:01g~DRB1*03:01g~DQB1*02:01g,0.3
            """.write(to: bad, atomically: true, encoding: .utf8)
        let r = try Self.run(["data", "install", "--haplotypes", bad.path], "", home)
        #expect(r.status == 1)
        #expect(r.err.contains("\(bad.path):2: A: A*99:99: not an allele name in IMGT/HLA 3.58.0"))
        #expect(r.err.contains("\(bad.path):3: haplotype: the same haplotype as line 1"))
        #expect(!FileManager.default.fileExists(atPath: home.url("haplotypes/bad.txt").path))
        let sum = home.url("sum.txt")
        try "A*01:01g~C*07:01g~B*08:01g~DRB1*03:01g~DQB1*02:01g,0.5\n".write(to: sum, atomically: true, encoding: .utf8)
        let s = try Self.run(["data", "install", "--haplotypes", sum.path], "", home)
        #expect(s.status == 1 && s.err.contains("\(sum.path): frequency: the frequencies sum to 0.5; a set sums to 1 (within 0.01)"))
        let renamed = home.url("renamed.txt")
        try "A*02:01:08~C*07:01g~B*08:01g~DRB1*03:01g~DQB1*02:01g,1\n".write(to: renamed, atomically: true, encoding: .utf8)
        let w = try Self.run(["data", "install", "--haplotypes", renamed.path], "", home)
        #expect(w.status == 0 && w.err.contains("warning: \(renamed.path):1: A: A*02:01:08 was renamed A*02:1040"))
    }
}
