import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// No kill point loses a night's report: the real binary is killed (SIGKILL, by `CORDMATCH_TEST_KILL_AT`) at
/// every phase of a rematch and of delivering its report, then the documented cron line runs, and the report file
/// must hold the night's report — the same bytes as an uninterrupted run's. A report that cannot be written (a
/// full disk) is likewise delivered by the next `--resume`.
@Suite struct ReportDeliveryCLITests {
    static let imgt = CLITests.imgt
    static let date = "2026-03-01"

    /// Every named point, in the order a run passes them (docs/RELIABILITY.md).
    static let phases = ["lock-taken", "run-begun", "batch-committed", "run-finished", "report-rendered", "report-staged",
                         "report-written", "delivery-recorded"]

    /// A generated inventory (units and recipients) in a template database, and the report of an uninterrupted run.
    struct Night {
        let dir: URL
        let template: String
        /// The report of the night's run (its search date fixed), and of a run the cron line makes itself (today).
        let straight: String, straightToday: String
    }

    static let night: Result<Night, Error> = Result {
        let dir = try CLIProcess.sharedFolder("delivery")
        let units = dir.appendingPathComponent("units.csv"), recipients = dir.appendingPathComponent("recipients.csv")
        try CLIProcess.run(["gen", "units", "--count", "400", "--seed", "5", "--imgt-dir", imgt]).out.write(to: units, atomically: true, encoding: .utf8)
        try CLIProcess.run(["gen", "recipients", "--count", "30", "--seed", "5", "--like-units", "400", "--units-seed", "5", "--imgt-dir", imgt])
            .out.write(to: recipients, atomically: true, encoding: .utf8)
        let template = dir.appendingPathComponent("template.sqlite").path
        for (kind, file) in [("units", units), ("recipients", recipients)] {
            let r = try CLIProcess.run(["import", kind, file.path, "--db", template, "--imgt-dir", imgt])
            guard r.status == 0 else { throw Failed(reason: r.summary) }
        }
        var reports: [String] = []
        for name in ["straight", "today"] {
            let copy = dir.appendingPathComponent("\(name).sqlite").path
            try FileManager.default.copyItem(atPath: template, toPath: copy)
            let args = name == "straight" ? nightly(copy, out: nil) : ["rematch", "--db", copy, "--quiet", "--format", "json", "--imgt-dir", imgt]
            let r = try CLIProcess.run(args)
            guard r.status == 0, r.out.contains("\"schema\" : \"cordmatch.rematch/1\"") else { throw Failed(reason: r.summary) }
            reports.append(String(r.out.dropLast()))  // (standard output ends the report with a newline; a file holds it alone)
        }
        return Night(dir: dir, template: template, straight: reports[0], straightToday: reports[1])
    }

    struct Failed: Error { let reason: String }

    /// The night's run as the test starts it (a fixed search date, small batches so that there are several).
    static func nightly(_ db: String, out: String?) -> [String] {
        ["rematch", "--db", db, "--search-date", date, "--quiet", "--format", "json", "--batch-size", "7", "--imgt-dir", imgt]
            + (out.map { ["--out", $0] } ?? [])
    }

    /// The documented cron line (docs/OPERATIONS.md), with this test's release.
    static func cronLine(_ db: String, out: String) -> String {
        let bin = "'\(CLITests.binary.path)'", common = "--quiet --format json --out '\(out)' --imgt-dir '\(imgt)'"
        return "\(bin) rematch --db '\(db)' --resume \(common) || \(bin) rematch --db '\(db)' \(common)"
    }

    static func shell(_ line: String, killAt: String? = nil) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", line]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CORDMATCH_IMGT_DIR")
        env["CORDMATCH_TEST_KILL_AT"] = killAt
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    static func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// The run ids in `--status` that are finished, with whether their report was delivered.
    static func finishedRuns(_ db: String) throws -> [(id: Int, delivered: Bool)] {
        let r = try CLIProcess.run(["rematch", "--db", db, "--status", "--imgt-dir", imgt])
        return r.out.split(separator: "\n").compactMap { line in
            guard let m = line.firstMatch(of: /^run (\d+): finished,/) else { return nil }
            return (Int(m.1)!, line.hasSuffix("report delivered"))
        }
    }

    /// Killed at `phase`; then, when `twice`, the cron line's first half killed at the same point; then the cron
    /// line: the night's report is delivered.
    @Test(arguments: phases, [false, true])
    func aKillAtAnyPhaseLosesNoReport(_ phase: String, twice: Bool) throws {
        let night = try Self.night.get()
        let dir = night.dir.appendingPathComponent("\(phase)-\(twice)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("bank.sqlite").path, out = dir.appendingPathComponent("rematch.json").path
        try FileManager.default.copyItem(atPath: night.template, toPath: db)

        let killed = try CLIProcess.run(Self.nightly(db, out: out), environment: ["CORDMATCH_TEST_KILL_AT": phase])
        #expect(killed.signalled && killed.status == SIGKILL, "\(phase): \(killed.summary)")
        let deliveredBeforeKill = Self.contents(out) == night.straight
        #expect(deliveredBeforeKill == (Self.phases.firstIndex(of: phase)! >= Self.phases.firstIndex(of: "report-written")!),
                "\(phase): the report file \(deliveredBeforeKill ? "was" : "was not") written")
        // The report files seen after each step: one of them must be the night's report.
        var seen = [Self.contents(out)]
        if twice {
            let firstHalf = Self.cronLine(db, out: out).components(separatedBy: " || ")[0]
            _ = try Self.shell(firstHalf, killAt: phase)
            seen.append(Self.contents(out))
        }
        let status = try Self.shell(Self.cronLine(db, out: out))
        #expect(status == 0, "\(phase): the cron line ended with \(status)")
        seen.append(Self.contents(out))
        // Killed before it began, the night's run is the one the cron line starts (with today's date).
        let nightsReport = phase == "lock-taken" ? night.straightToday : night.straight
        #expect(seen.contains(nightsReport), "\(phase): the night's report was never delivered")
        let runs = try Self.finishedRuns(db)
        let listed = try CLIProcess.run(["rematch", "--db", db, "--status", "--imgt-dir", Self.imgt]).out
        #expect(runs.last?.id == 1 && runs.allSatisfy(\.delivered), "\(phase): \(listed)")
        if runs.count > 1 {
            // A later night's run (the night's report was delivered first) compares with run 1.
            #expect(Self.contents(out)?.contains("\"previous_run_id\" : 1") == true)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(phase): temporary files left: \(leftovers)")
    }

    /// `--out` on a full disk: exit 2 with the reason, the run is kept as finished but not delivered, and the next
    /// `--resume` delivers its report.
    @Test func aReportThatCouldNotBeWrittenIsDeliveredByResume() throws {
        let night = try Self.night.get()
        let dir = night.dir.appendingPathComponent("full-disk")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("bank.sqlite").path, out = dir.appendingPathComponent("rematch.json").path
        try FileManager.default.copyItem(atPath: night.template, toPath: db)

        let full = try MountedStorage.run(.full(kilobytes: 64), [Self.nightly(db, out: "\(MountedStorage.placeholder)/rematch.json")], cwd: dir)[0]
        #expect(!full.signalled && full.status == 2 && full.err.contains("the disk is full"), "\(full.summary)")
        #expect(try Self.finishedRuns(db).map { "\($0.id) \($0.delivered)" } == ["1 false"])
        let status = try CLIProcess.run(["rematch", "--db", db, "--status", "--imgt-dir", Self.imgt])
        #expect(status.out.contains("report NOT delivered (rematch --resume delivers it)"), "\(status.out)")

        let resumed = try CLIProcess.run(["rematch", "--db", db, "--resume", "--format", "json", "--out", out, "--imgt-dir", Self.imgt])
        #expect(resumed.status == 0 && resumed.err.contains("its report was not delivered: delivering it now"), "\(resumed.summary)")
        #expect(Self.contents(out) == night.straight)
        #expect(try Self.finishedRuns(db).map { "\($0.id) \($0.delivered)" } == ["1 true"])
        let again = try CLIProcess.run(["rematch", "--db", db, "--resume", "--imgt-dir", Self.imgt])
        #expect(again.status == 4, "\(again.summary)")
    }

    /// A report lost anyway (a plain run started before `--resume` delivered it) is not lost for the coordinator:
    /// the next run compares with the last delivered run, so its report still names the changes.
    @Test func aNewRunComparesWithTheRunWhoseReportWasDelivered() throws {
        let dir = try TemporaryFolder("cordmatch-compared")
        let days = PackageFolder.fixture("rematch")
        let db = dir.url("bank.sqlite").path, out = dir.url("r.json").path
        func run(_ args: [String], killAt: String? = nil) throws -> CLIProcess.Outcome {
            try CLIProcess.run(args + ["--db", db, "--imgt-dir", Self.imgt], environment: ["CORDMATCH_TEST_KILL_AT": killAt])
        }
        _ = try run(["import", "units", days.appendingPathComponent("day1-units.csv").path])
        _ = try run(["import", "recipients", days.appendingPathComponent("day1-recipients.csv").path])
        #expect(try run(["rematch", "--search-date", "2026-03-01", "--quiet", "--out", out]).status == 0)
        // Day 2: a unit reserved, a new unit; the run finishes but is killed before its report is written.
        _ = try run(["import", "units", days.appendingPathComponent("day2-units.csv").path])
        #expect(try run(["rematch", "--search-date", "2026-03-02", "--quiet", "--out", out], killAt: "run-finished").signalled)
        // Day 3: a plain run (not --resume): its report compares with day 1, so day 2's changes are in it.
        #expect(try run(["rematch", "--search-date", "2026-03-03", "--quiet", "--format", "json", "--out", out]).status == 0)
        let report = Self.contents(out) ?? ""
        #expect(report.contains("\"previous_run_id\" : 1"), "\(report.prefix(300))")
        // Day 2's changes (U10 new, U01 reserved) are in it, as day 2's report had them.
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        let recipients = try #require(doc["recipients"] as? [[String: Any]])
        func entries(_ key: String) -> [(String, String)] {
            recipients.flatMap { ($0[key] as? [[String: String]] ?? []).map { ($0["unit_id"] ?? "", $0["reason"] ?? "") } }
        }
        #expect(entries("added").contains { $0 == ("U10", "new unit") }, "\(entries("added"))")
        #expect(entries("removed").contains { $0.0 == "U01" && $0.1.hasPrefix("status change (AV → RE)") }, "\(entries("removed"))")
    }
}
