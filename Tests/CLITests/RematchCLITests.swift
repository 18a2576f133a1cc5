import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// `cordmatch rematch` through the real binary: a sequence of days against golden reports, kill -9 and
/// resume, and the lock against a second run.
@Suite struct RematchCLITests {
    static let days = PackageFolder.fixture("rematch")

    static func ok(_ args: [String]) throws -> CLITests.Run {
        let r = try CLITests.run(args + ["--imgt-dir", CLITests.imgt])
        #expect(r.status == 0, "\(args.joined(separator: " ")): \(r.err)")
        return r
    }

    /// Day 1 import, day 2 a unit reserved and a new unit, day 3 a typing upgrade, day 4 a new antibody and a
    /// deleted unit: each morning's JSON report must equal the golden file (CORDMATCH_UPDATE_GOLDEN=1 rewrites
    /// them; review the diff before committing).
    @Test func aSequenceOfDaysGivesTheGoldenReports() throws {
        let dir = try TemporaryFolder("cordmatch-days")
        let db = dir.url("bank.sqlite").path
        let update = ProcessInfo.processInfo.environment["CORDMATCH_UPDATE_GOLDEN"] == "1"
        for day in 1...4 {
            for kind in ["units", "recipients"] {
                let file = Self.days.appendingPathComponent("day\(day)-\(kind).csv")
                if FileManager.default.fileExists(atPath: file.path) { _ = try Self.ok(["import", kind, file.path, "--db", db]) }
            }
            let r = try Self.ok(["rematch", "--db", db, "--search-date", "2026-03-0\(day)", "--format", "json", "--quiet"])
            let golden = Self.days.appendingPathComponent("expected/day\(day).json")
            if update { try r.out.write(to: golden, atomically: true, encoding: .utf8) }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(r.out == expected, "day \(day) differs from \(golden.path):\n\(r.out)")
        }
        // The other formats render the same run.
        let html = try Self.ok(["rematch", "--db", db, "--report-only", "--format", "html"]).out
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("U05: recipient changed (antibodies)") && !html.contains("http"))
        let csv = try Self.ok(["rematch", "--db", db, "--report-only", "--format", "csv"]).out
        #expect(csv.contains("4,R2,removed,U05,\"recipient changed (antibodies); no longer eligible: antibodies: carries C*07:01, recipient MFI 5000 ≥ 1000\""), "\(csv)")
    }

    /// Kill the process at several points and resume: the finished run's report equals an uninterrupted run's.
    @Test func killedRunsResumeToTheSameResult() throws {
        let dir = try TemporaryFolder("cordmatch-resume")
        let units = dir.url("units.csv"), recipients = dir.url("recipients.csv")
        try Self.ok(["gen", "units", "--count", "3000", "--seed", "11"]).out.write(to: units, atomically: true, encoding: .utf8)
        try Self.ok(["gen", "recipients", "--count", "300", "--seed", "11"]).out.write(to: recipients, atomically: true, encoding: .utf8)
        var dbs: [String] = []
        for name in ["straight", "killed"] {
            let db = dir.url("\(name).sqlite").path
            _ = try Self.ok(["import", "units", units.path, "--db", db])
            _ = try Self.ok(["import", "recipients", recipients.path, "--db", db])
            dbs.append(db)
        }
        let run = ["rematch", "--search-date", "2026-03-01", "--quiet", "--format", "json", "--batch-size", "10"]
        let straight = try Self.ok(run + ["--db", dbs[0]]).out

        // The latest run's recipients done, from `--status` ("run N: unfinished, 120/300 recipients, …").
        func latest() throws -> (unfinished: Bool, done: Int) {
            let line = try Self.ok(["rematch", "--db", dbs[1], "--status"]).out.split(separator: "\n").first.map(String.init) ?? ""
            let done = line.firstMatch(of: /, (\d+)\/\d+ recipients/).flatMap { Int($0.1) } ?? 0
            return (line.contains("unfinished"), done)
        }
        // Three times: start (or resume) the run, wait until it has stored more results, kill it. Then finish it.
        var partialKills = 0, finished = false, attempt = 0
        while !finished && attempt < 12 {
            attempt += 1
            let before = try latest()
            let resume = before.unfinished
            let p = Process()
            p.executableURL = CLITests.binary
            p.arguments = (resume ? ["rematch", "--db", dbs[1], "--resume", "--quiet", "--batch-size", "10"] : run + ["--db", dbs[1]])
                + ["--imgt-dir", CLITests.imgt]
            p.standardOutput = FileHandle.nullDevice
            let errors = dir.url("attempt-\(attempt).err")
            try Data().write(to: errors)
            p.standardError = try FileHandle(forWritingTo: errors)
            try p.run()
            var killed = false
            while partialKills < 3 && p.isRunning {
                usleep(20_000)
                if try latest().done > (resume ? before.done : 0), p.isRunning {
                    kill(p.processIdentifier, SIGKILL)
                    killed = true
                    break
                }
            }
            p.waitUntilExit()
            if killed {
                let after = try latest()
                if after.unfinished { partialKills += 1 } else { finished = true }  // (it finished just before the kill)
            } else {
                #expect(p.terminationStatus == 0, "attempt \(attempt) (\(resume ? "resume" : "start")): exit \(p.terminationStatus): \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
                finished = true
            }
        }
        #expect(finished)
        #expect(partialKills >= 2, "the run was not killed mid-way often enough to test resuming")
        let resumed = try Self.ok(["rematch", "--db", dbs[1], "--report-only", "--format", "json"]).out
        #expect(resumed == straight)
        // Exactly one finished run, and no recipient counted twice (the primary key would refuse it; the report
        // lists each once).
        let runs = try Self.ok(["rematch", "--db", dbs[1], "--status"]).out
        #expect(runs.split(separator: "\n").filter { $0.contains("finished") && !$0.contains("unfinished") }.count == 1, "\(runs)")
        #expect(runs.contains("300/300 recipients"))
    }

    @Test func aSecondRunIsRefusedWhileOneIsGoingAndALockDoesNotOutliveItsProcess() throws {
        let dir = try TemporaryFolder("cordmatch-lock")
        let db = dir.url("bank.sqlite").path
        let units = dir.url("units.csv")
        try Self.ok(["gen", "units", "--count", "3000", "--seed", "3"]).out.write(to: units, atomically: true, encoding: .utf8)
        let recipients = dir.url("recipients.csv")
        try Self.ok(["gen", "recipients", "--count", "400", "--seed", "3"]).out.write(to: recipients, atomically: true, encoding: .utf8)
        _ = try Self.ok(["import", "units", units.path, "--db", db])
        _ = try Self.ok(["import", "recipients", recipients.path, "--db", db])

        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = ["rematch", "--db", db, "--quiet", "--batch-size", "5", "--imgt-dir", CLITests.imgt]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        usleep(600_000)
        let second = try CLITests.run(["rematch", "--db", db, "--imgt-dir", CLITests.imgt])
        #expect(p.isRunning, "the first run ended before the second started")
        #expect(second.status == 3 && second.err.contains("another rematch is running on this database (pid \(p.processIdentifier)"), "\(second.err)")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // The lock died with its process: resuming works at once.
        let resumed = try CLITests.run(["rematch", "--db", db, "--resume", "--quiet", "--imgt-dir", CLITests.imgt])
        #expect(resumed.status == 0, "\(resumed.err)")
        let nothing = try CLITests.run(["rematch", "--db", db, "--resume", "--imgt-dir", CLITests.imgt])
        #expect(nothing.status == 4 && nothing.err.contains("no interrupted rematch run"))
    }
}
