@testable import CordInventory
import CordMatch
import Foundation
import HLA
import Testing
import TestSupport

/// What an import says about a file's first line: a file that is not of the importer's kind gets one short issue
/// that repeats none of it, and a column name in an issue is an `InputExcerpt`.
@Suite struct ImportHeaderTests {
    static let passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"

    @Test func aFileOfAnotherKindIsSaidBriefly() throws {
        let resolver = try SharedReleases.resolver()
        let units = UnitImporter(resolver: resolver).parse(Self.passwd, file: "f")
        #expect(units.issues.count == 1 && units.issues[0].reason.hasPrefix("not a unit CSV file"), "\(units.issues)")
        let recipients = RecipientCSVImporter(resolver: resolver).parse(Self.passwd, file: "f")
        #expect(recipients.issues.count == 1 && recipients.issues[0].reason.hasPrefix("not a recipient CSV file"), "\(recipients.issues)")
        for issue in units.issues + recipients.issues { #expect(!issue.description.contains("root:x"), "\(issue)") }
    }

    @Test func aFileWithSomeKnownColumnsListsTheUnknownOnesAsExcerpts() throws {
        let resolver = try SharedReleases.resolver()
        let header = "ID,STATUS,BIRTH_DATE,caf\u{E9}\t\"x\",\(String(repeating: "Q", count: 200))\n"
        let issues = UnitImporter(resolver: resolver).parse(header, file: "f").issues
        #expect(issues.map(\.column) == ["caf\\u{E9}\\t\\\"x\\\"", String(repeating: "Q", count: 80) + "… (200 bytes)"], "\(issues)")
        #expect(issues.allSatisfy { $0.reason.hasPrefix("unknown column") })
    }

    /// Rows given as maps (a scenario's inline rows, whose keys are the scenario's text): unknown names as excerpts.
    @Test func unknownNamesOfRowsGivenAsMapsAreExcerpts() {
        let name = "A\u{1B}[2J" + String(repeating: "y", count: 100)
        let item = UnitImporter.Item(line: 3, values: [name: "x"])
        for issue in UnitImporter.columnIssues(item, file: "s.json") + RecipientCSVImporter.columnIssues(item, file: "s.json") {
            #expect(issue.column == InputExcerpt.of(name) && !issue.description.contains("\u{1B}"), "\(issue)")
        }
    }
}
