import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// Runs the real `cordmatch` binary.
@Suite struct CLITests {
    static let imgt = SharedReleases.path()

    static var binary: URL {
        // The test bundle sits in the build folder beside the executable.
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleDir, PackageFolder.root.appendingPathComponent(".build/debug")].map { $0.appendingPathComponent("cordmatch") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    struct Run { let status: Int32; let out: String; let err: String }

    /// Runs the binary with `CORDMATCH_HOME` set to `home` when one is given.
    static func run(_ args: [String], stdin: String = "", home: TemporaryFolder? = nil) throws -> Run {
        let r = try CLIProcess.run(args, environment: home.map { ["CORDMATCH_HOME": $0.path] } ?? [:], stdin: stdin)
        return Run(status: r.status, out: r.out, err: r.err)
    }

    @Test func reduceWritesOneLinePerInputInOrderAndKeepsGoingAfterErrors() throws {
        let input = "A*01:01:01:01\nB*07:02+\nA*02:01:08\nA*01:01:01:999\nHLA-B*08:01+HLA-B*44:02\n"
        let r = try Self.run(["hla", "reduce", "--to", "G", "--imgt-dir", Self.imgt], stdin: input)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        #expect(lines[0] == "A*01:01:01G")
        #expect(lines[1].hasPrefix("ERROR: 'B*07:02+' at position 9"))
        #expect(lines[2] == "A*02:01:01G")
        #expect(lines[3].hasPrefix("ERROR: A*01:01:01:999: not an allele name"))
        #expect(lines[4] == "HLA-B*08:01:01G+HLA-B*44:02:01G")
        #expect(r.status == 1)
        #expect(r.err.contains("warning: input 3: A*02:01:08 was renamed A*02:1040"))
    }

    /// Lines read from standard input are the typings around them trimmed: spaces and tabs (and, on a line with
    /// other characters, Unicode spaces) at either end, a `\r\n` ending; an empty line is an input of its own; the
    /// last line needs no newline. Each gives what the same typing given as an argument gives, in order, and more
    /// lines than one write holds come out complete.
    @Test func standardInputLinesAreTrimmedTypings() throws {
        let typings = ["A*01:01:01:01", "B*08:01", "", "A*02:01:08", "HLA-B*08:01+HLA-B*44:02", "A*24:02", "C*07:01"]
        let lines = ["  A*01:01:01:01\t", "B*08:01\r", "", "\tA*02:01:08  ", "HLA-B*08:01+HLA-B*44:02\r", "\u{00A0}A*24:02\u{2003}", "C*07:01"]
        let piped = try Self.run(["hla", "reduce", "--to", "G", "--imgt-dir", Self.imgt], stdin: lines.joined(separator: "\n"))
        var expected: [String] = []
        for typing in typings {
            let one = try Self.run(["hla", "reduce", "--to", "G", "--imgt-dir", Self.imgt], stdin: typing + "\n")
            expected.append(String(one.out.dropLast()))
        }
        #expect(piped.out == expected.joined(separator: "\n") + "\n")
        #expect(expected[0] == "A*01:01:01G" && expected[5].hasPrefix("A*24:02:01G/") && expected[2].hasPrefix("ERROR:"))
        // 20,000 lines: several pieces of output, every line there once and in order.
        let many = (0..<20_000).map { $0.isMultiple(of: 2) ? "A*01:01:01:01" : "B*08:01" }
        let big = try Self.run(["hla", "reduce", "--to", "G", "--imgt-dir", Self.imgt], stdin: many.joined(separator: "\n") + "\n")
        let out = big.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.count == 20_001 && out.last == "")
        #expect(out.dropLast().enumerated().allSatisfy { i, line in line == (i.isMultiple(of: 2) ? "A*01:01:01G" : "B*08:01:01G") })
    }

    @Test func jsonOutputIsVersioned() throws {
        let r = try Self.run(["hla", "reduce", "--to", "S", "--format", "json", "--imgt-dir", Self.imgt, "A*23:01", "A*99:99"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "cordmatch.hla/1")
        #expect(doc["imgt_version"] as? String == "3.58.0")
        let results = try #require(doc["results"] as? [[String: Any]])
        #expect(results.count == 2 && results[0]["result"] as? String == "A9/A23" && results[1]["error"] != nil)
    }

    @Test func dataInstallThenStatusAndMissingDataIsExplained() throws {
        let home = try TemporaryFolder("cordmatch-home")
        let none = try Self.run(["hla", "reduce", "--to", "G", "A*01:01"], home: home)
        #expect(none.status == 2 && none.err.contains("no IMGT/HLA release is installed"))

        let release = try MiniatureRelease.temporaryFolder()
        let layout = release.path
        let mac = PackageFolder.macSample.path
        let inst = try Self.run(["data", "install", "--from", layout, "--mac", mac], home: home)
        #expect(inst.status == 0, "\(inst.err)")
        let status = try Self.run(["data", "status"], home: home)
        #expect(status.out.contains("IMGT/HLA \(MiniatureRelease.version)  (default)  rel_dna_ser 7-field (3.64+)"))
        #expect(status.out.contains("MAC table: 10 codes"))
        let reduced = try Self.run(["hla", "expand", "A*02:XX"], home: home)
        #expect(reduced.out == "A*02:01:01:01/A*02:01:02/A*02:05:01\n")
    }

    @Test func validateReportsPositions() throws {
        let r = try Self.run(["hla", "validate", "--imgt-dir", Self.imgt, "HLA-A*01:01+HLA-A*24:02", "A*01:01^^B*08:01"])
        #expect(r.out == "OK HLA-A*01:01+HLA-A*24:02\nERROR: 'A*01:01^^B*08:01' at position 9: empty locus around '^' (nothing between two operators, or at an end)\n")
    }
}

@Suite struct MatchCLITests {
    @Test func matchExplainsAPairAndAppliesThePolicy() throws {
        let r = try CLITests.run(["match", "--imgt-dir", CLITests.imgt, "--recipient", "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01",
                                  "--unit", "A*02:01+A*24:02^B*44:02+B*07:02^DRB1*15:01+DRB1*03:01", "--weight", "20",
                                  "--tnc", "5.9e8", "--cd34", "4e6", "--policy", "non-malignant", "--dsa", "B7=2500",
                                  "--search-date", "2026-01-15"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Unit unit: NOT ELIGIBLE under policy non-malignant, IMGT/HLA 3.58.0"))
        #expect(r.out.contains("FAILED: antibodies — carries B7, recipient MFI 2500 ≥ 1000"))
        #expect(r.out.contains("FAILED: tnc_dose — TNC 2.95 ×10^7/kg (needs > 5.0 at"))
        #expect(r.out.contains("B*08:01 vs B*07:02: mismatch both"))
    }

    @Test func badTypingIsAnErrorNotACrash() throws {
        let r = try CLITests.run(["match", "--imgt-dir", CLITests.imgt, "--recipient", "A*02:01+", "--unit", "A*02:01"])
        #expect(r.status == 1 && r.err.contains("'A*02:01+' at position 9"))
    }

    @Test func policyShowAndCheckRoundTrip() throws {
        let dir = try TemporaryFolder("cordmatch-policy")
        let shown = try CLITests.run(["policy", "show", "malignant"])
        let good = dir.url("centre.json"), bad = dir.url("typo.json")
        try shown.out.write(to: good, atomically: true, encoding: .utf8)
        try shown.out.replacingOccurrences(of: "\"min_x6\"", with: "\"min_x7\"").write(to: bad, atomically: true, encoding: .utf8)
        let check = try CLITests.run(["policy", "check", good.path, bad.path])
        #expect(check.status == 1)
        #expect(check.out.contains("OK \(good.path): policy malignant"))
        #expect(check.out.contains("ERROR: \(bad.path): hla_floor.min_x7: unknown key"))
    }
}

@Suite struct DemoCLITests {
    @Test func demoRanksExplainsAndExcludes() throws {
        let r = try CLITests.run(["demo", "--imgt-dir", CLITests.imgt])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n")
        let ranked = lines.filter { $0.split(separator: " ").first.map { Int($0) != nil } == true && $0.contains("CB-") }
            .map { $0.split(separator: " ")[1] }
        #expect(ranked == ["CB-001", "CB-002", "CB-008", "CB-004", "CB-003"])
        #expect(r.out.contains("Imported 8 units into a temporary database and indexed them."))
        #expect(lines.contains { $0.contains("CB-007") && $0.contains("NOT ELIGIBLE: antibodies: carries B*07:02, recipient MFI 4000 ≥ 1000") })
        #expect(lines.contains { $0.contains("CB-005") && $0.contains("NOT ELIGIBLE: tnc_dose: TNC 4.44 ×10^7/kg (needs > 5.0 at 8/8)") })
        #expect(lines.contains { $0.contains("CB-006") && $0.contains("status RE") })
        #expect(r.out.contains("Why CB-001 ranks first:"))
    }
}

@Suite struct InventoryCLITests {
    @Test func importThenSearchAsJSON() throws {
        let dir = try TemporaryFolder("cordmatch-cli")
        let db = dir.url("inv.sqlite").path
        let fixtures = PackageFolder.fixture("inventory").path
        let bad = try CLITests.run(["import", "units", "\(fixtures)/units-bad.csv", "--db", db, "--imgt-dir", CLITests.imgt])
        #expect(bad.status == 1 && bad.err.contains("8 problems; nothing was imported") && bad.err.contains("units-bad.csv:3: STATUS:"))
        #expect(try CLITests.run(["import", "units", "\(fixtures)/units.csv", "--db", db, "--imgt-dir", CLITests.imgt]).status == 0)
        #expect(try CLITests.run(["import", "recipients", "\(fixtures)/recipients.csv", "--db", db, "--imgt-dir", CLITests.imgt]).status == 0)
        let r = try CLITests.run(["search", "--db", db, "--recipient", "R-0001", "--search-date", "2026-01-15", "--format", "json",
                                  "--include-ineligible", "--imgt-dir", CLITests.imgt])
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "cordmatch.search/1" && doc["policy"] as? String == "non-malignant")
        let results = try #require(doc["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["rank"] as? Int } == [1, 2, 3, 4, 5])
        let second = results[1]
        #expect(second["unit_id"] as? String == "DEMO-0002")
        let match = try #require(second["match"] as? [String: Int])
        #expect(match["x6"] == 5 && match["x6_potential"] == 1 && match["x8"] == 1 && match["x8_potential"] == 7)
        let ineligible = results.filter { $0["eligible"] as? Bool == false }
        #expect(ineligible.map { $0["unit_id"] as! String } == ["DEMO-0005", "DEMO-0006", "DEMO-0007"])
        #expect((ineligible[2]["reasons"] as? [String])?.first?.contains("carries B*07:02") == true)
        let explain = try CLITests.run(["explain", "--db", db, "--recipient", "R-0001", "--unit", "DEMO-0005", "--search-date", "2026-01-15",
                                        "--imgt-dir", CLITests.imgt])
        #expect(explain.out.contains("FAILED: tnc_dose — TNC 4.44 ×10^7/kg (needs > 5.0 at 8/8)"))
    }
}

@Suite struct KillDuringImportTests {
    /// `kill -9` while the import's transaction is being written: the database must be exactly as before.
    @Test func killedImportLeavesTheDatabaseAsItWas() throws {
        let dir = try TemporaryFolder("cordmatch-kill")
        let db = dir.url("inv.sqlite").path
        let big = dir.url("big.csv")
        let gen = try CLITests.run(["gen", "units", "--count", "30000", "--seed", "3", "--imgt-dir", CLITests.imgt])
        try gen.out.write(to: big, atomically: true, encoding: .utf8)
        let fixtures = PackageFolder.fixture("inventory").path
        #expect(try CLITests.run(["import", "units", "\(fixtures)/units.csv", "--db", db, "--imgt-dir", CLITests.imgt]).status == 0)

        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = ["import", "units", big.path, "--db", db, "--imgt-dir", CLITests.imgt]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the write transaction has spilled pages into the WAL, then kill the process.
        let wal = db + "-wal"
        let deadline = Date().addingTimeInterval(120)
        var killedMidWrite = false
        while p.isRunning && Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size > 2_000_000 {
                kill(p.processIdentifier, SIGKILL)
                killedMidWrite = true
                break
            }
            usleep(5_000)
        }
        p.waitUntilExit()
        #expect(killedMidWrite, "the import finished before it could be killed mid-write")
        #expect(p.terminationReason == .uncaughtSignal)

        // The next reader sees the database as it was: the eight fixture units, nothing of the killed import.
        let search = try CLITests.run(["search", "--db", db, "--hla", "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01",
                                       "--format", "json", "--imgt-dir", CLITests.imgt])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(search.out.utf8)) as? [String: Any])
        #expect(doc["scanned"] as? Int == 8, "\(search.err)")
    }
}
