import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// The real binary: impossible numbers and dates on the command line are usage errors naming the option, before
/// anything runs; in files they are errors naming file, line and column, and nothing is imported.
@Suite struct ValuesCLITests {
    static let typing = "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01"
    static let match = ["match", "--recipient", typing, "--unit", typing, "--imgt-dir", CLITests.imgt, "--tnc", "1.2e9"]

    /// A refused option value: a failed exit, nothing on stdout, the option named on stderr with its range in the help.
    static func expectRefused(_ args: [String], option: String, range: String, _ comment: String) throws {
        let r = try CLITests.run(args)
        #expect(r.status != 0 && r.status != 1, "\(comment): status \(r.status)")
        #expect(r.out.isEmpty, "\(comment): \(r.out)")
        #expect(r.err.contains("is invalid for '\(option) "), "\(comment): \(r.err)")
        #expect(r.err.contains(range), "\(comment): \(r.err)")
    }

    @Test(arguments: ["0", "-0", "-3", "nan", "inf", "1e-320", "0x10", "3500", "18kg"])
    func impossibleWeightsAreUsageErrors(weight: String) throws {
        try Self.expectRefused(Self.match + ["--weight=\(weight)"], option: "--weight", range: "0.5 to 400 kg", "match \(weight)")
        try Self.expectRefused(["search", "--hla", Self.typing, "--weight=\(weight)", "--db", "/nonexistent/x.sqlite"],
                               option: "--weight", range: "0.5 to 400 kg", "search \(weight)")
    }

    @Test func impossibleCountsAreUsageErrors() throws {
        for tnc in ["0x1p30", "1e-320", "-0", "120"] { try Self.expectRefused(Self.match + ["--tnc=\(tnc)"], option: "--tnc", range: "1E7 to 1E11 cells", tnc) }
        for cd34 in ["0", "nan"] { try Self.expectRefused(Self.match + ["--cd34=\(cd34)"], option: "--cd34", range: "1000 to 1E10 cells", cd34) }
        for limit in ["0", "-1", "2.5"] {
            try Self.expectRefused(["search", "--hla", Self.typing, "--limit=\(limit)", "--db", "/nonexistent/x.sqlite"], option: "--limit", range: "a whole number from 1 to 100000", "search \(limit)")
        }
        for count in ["0", "-5", "1e6"] {
            try Self.expectRefused(["gen", "units", "--count=\(count)", "--imgt-dir", CLITests.imgt], option: "--count", range: "a whole number from 1 to 10000000", "gen \(count)")
        }
        try Self.expectRefused(["rematch", "--batch-size=0", "--db", "/nonexistent/x.sqlite"], option: "--batch-size", range: "a whole number from 1 to 100000", "rematch")
    }

    @Test(arguments: ["2026-02-30", "2026-04-31", "2026-02-29", "1900-02-29", "0000-01-01", "2026-1-15"])
    func impossibleSearchDatesAreUsageErrors(date: String) throws {
        try Self.expectRefused(Self.match + ["--search-date", date], option: "--search-date", range: "a real date from 1988-01-01", "match \(date)")
        try Self.expectRefused(["rematch", "--search-date", date, "--db", "/nonexistent/x.sqlite"], option: "--search-date", range: "a real date from 1988-01-01", "rematch \(date)")
    }

    @Test func plausibleValuesStillWork() throws {
        let r = try CLITests.run(Self.match + ["--weight", "0.5", "--cd34", "4e6", "--search-date", "2024-02-29", "--dsa", "B7=3500"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("ELIGIBLE"))
    }

    @Test func anImpossibleMFIIsAnError() throws {
        let r = try CLITests.run(Self.match + ["--dsa", "B7=0x10"])
        #expect(r.status == 1 && r.err.contains("MFI 0x10 is not a number"), "\(r.err)")
        #expect(r.out.isEmpty)
    }

    @Test func fileValuesAreErrorsNamingLineAndColumn() throws {
        let dir = try TemporaryFolder("cordmatch-values")
        let db = dir.url("inv.sqlite").path
        let units = dir.url("units.csv")
        try """
            ID,STATUS,BIRTH_DATE,X_HLA_GL,TNC,COLL_DATE
            U1,AV,2020-01-01,\(Self.typing),1.2E9,2020-01-01
            U2,AV,2024-02-29,\(Self.typing),0x1p30,2026-02-30

            """.write(to: units, atomically: true, encoding: .utf8)
        let r = try CLITests.run(["import", "units", units.path, "--db", db, "--imgt-dir", CLITests.imgt])
        #expect(r.status == 1)
        #expect(r.err.contains("units.csv:3: TNC: 0x1p30 is not a number"), "\(r.err)")
        #expect(r.err.contains("units.csv:3: COLL_DATE: 2026-02-30 is not a date: February 2026 has 28 days"), "\(r.err)")
        #expect(r.err.contains("nothing was imported"))

        let recipients = dir.url("recipients.csv")
        try "ID,WEIGHT_KG,DISEASE,HLA,DSA,ABO,POLICY,ACTIVE\nR1,0,malignant,\(Self.typing),,,centre.json,Y\n"
            .write(to: recipients, atomically: true, encoding: .utf8)
        let rr = try CLITests.run(["import", "recipients", recipients.path, "--db", db, "--imgt-dir", CLITests.imgt])
        #expect(rr.status == 1)
        #expect(rr.err.contains("recipients.csv:2: WEIGHT_KG: 0 is outside the plausible range of a recipient's weight, 0.5 to 400 kg"), "\(rr.err)")
        #expect(rr.err.contains("recipients.csv:2: POLICY: 'centre.json' does not load"), "\(rr.err)")

        let policy = dir.url("centre.json")
        let shown = try CLITests.run(["policy", "show", "malignant"])
        try shown.out.replacingOccurrences(of: "\"min_x8\" : 4", with: "\"min_x8\" : 1e300").write(to: policy, atomically: true, encoding: .utf8)
        let check = try CLITests.run(["policy", "check", policy.path])
        #expect(check.status == 1)
        #expect(check.out == "ERROR: \(policy.path): hla_floor.min_x8: 1e300 is not a whole number from 0 to 8\n", "\(check.out)")
    }
}
