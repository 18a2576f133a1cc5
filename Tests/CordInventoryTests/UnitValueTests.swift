import CordInventory
import CordMatch
import Foundation
import Testing
import TestSupport

/// Every number and date of a unit record goes through the number grammar, the plausible ranges and the calendar:
/// a bad value is `file:line: COLUMN: reason` and nothing is imported; good values are stored as before. CSV rows
/// and WMDA XML `<CBU>`s share the rules.
@Suite struct UnitValueTests {
    static let header = "ID,STATUS,BIRTH_DATE,X_HLA_GL,TNC,CD34PC,VOL,COLL_DATE,ATT_SEG,PROC_DATE,STAT_END_DATE,VIABILITY,TNC_FRZN"
    static let good = ["TNC": "1.2E9", "CD34PC": "4.0E6", "VOL": "95", "COLL_DATE": "2020-01-01", "BIRTH_DATE": "2020-01-01", "ATT_SEG": "2",
                       "PROC_DATE": "2020-01-02", "STAT_END_DATE": "", "VIABILITY": "98.5", "TNC_FRZN": "1.0E9"]

    /// A file of one good unit and one with `column` set to `value`, imported; the issues (without the folder).
    static func issues(_ column: String, _ value: String) throws -> (issues: [String], stored: Int) {
        func line(_ id: String, _ values: [String: String]) -> String {
            let v = values.merging(["ID": id, "STATUS": "AV", "X_HLA_GL": CSVInputTests.gl]) { a, _ in a }
            return header.split(separator: ",").map { v[String($0)] ?? "" }.joined(separator: ",")
        }
        var bad = good
        bad[column] = value
        let (outcome, stored) = try CSVInputTests.importUnits(CSVInputTests.text([header, line("U1", good), line("U2", bad)]))
        return (CSVInputTests.rejected(outcome), stored.count)
    }

    @Test func impossibleNumbersAreRefusedByColumn() throws {
        let cases: [(String, [String])] = [
            ("TNC", ["0x1p30", "1e-320", "-0", "0", "inf", "nan", "-1.2E9", "120", "\"1,2E9\"", "1.2E9 cells", "1e400"]),
            ("CD34PC", ["0x10", "-4e6", "0", "NaN", "4e16"]),
            ("VOL", ["0", "-95", "0x5f", "1e9"]),
            ("ATT_SEG", ["-1", "1.5", "2.0", "100", "0x2"]),
            ("VIABILITY", ["101", "-1", "inf"]),
            ("TNC_FRZN", ["0x1p30", "0"]),
        ]
        for (column, values) in cases {
            for value in values {
                let (issues, stored) = try Self.issues(column, value)
                #expect(issues.count == 1 && issues[0].hasPrefix("units.csv:3: \(column): "), "\(column) \(value): \(issues)")
                #expect(stored == 0, "\(column) \(value)")
            }
        }
        #expect(try Self.issues("TNC", "0x1p30").issues == ["units.csv:3: TNC: 0x1p30 is not a number: write digits with an optional decimal point and exponent, such as 18, 0.5 or 1.2E9 (no hexadecimal, inf or nan)"])
        #expect(try Self.issues("TNC", "120").issues == ["units.csv:3: TNC: 120 is outside the plausible range of a unit's TNC, 1E7 to 1E11 cells (an absolute pre-cryopreservation count such as 1.2E9, not ×10^7)"])
    }

    @Test func impossibleDatesAreRefusedByColumn() throws {
        let today = CalendarDate.today()
        let future = today.adding(years: 1).description
        for column in ["COLL_DATE", "BIRTH_DATE", "PROC_DATE"] {
            for value in ["2026-02-30", "2026-04-31", "2026-02-29", "1900-02-29", "0000-01-01", "2021-13-02", "20200101", future, "1987-06-01"] {
                let (issues, stored) = try Self.issues(column, value)
                #expect(issues.count == 1 && issues[0].hasPrefix("units.csv:3: \(column): \(value) is "), "\(column) \(value): \(issues)")
                #expect(stored == 0)
            }
        }
        #expect(try Self.issues("COLL_DATE", "2026-02-30").issues == ["units.csv:3: COLL_DATE: 2026-02-30 is not a date: February 2026 has 28 days"])
        #expect(try Self.issues("BIRTH_DATE", future).issues == ["units.csv:3: BIRTH_DATE: \(future) is in the future (today is \(today), UTC)"])
    }

    @Test func realEdgeValuesAreStored() throws {
        for (column, value) in [("COLL_DATE", "2000-02-29"), ("COLL_DATE", "2024-02-29"), ("BIRTH_DATE", CalendarDate.today().description),
                                ("STAT_END_DATE", CalendarDate.today().adding(years: 3).description), ("TNC", "1e7"), ("TNC", "1E11"),
                                ("CD34PC", "+4.0e6"), ("VOL", "1"), ("ATT_SEG", "0"), ("ATT_SEG", "99"), ("VIABILITY", "0")] {
            let (issues, stored) = try Self.issues(column, value)
            #expect(issues.isEmpty && stored == 2, "\(column) \(value): \(issues)")
        }
    }

    /// A WMDA XML `<CBU>` is validated by the same rules, naming the line where it starts.
    @Test func xmlValuesGetTheSameRules() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <INVENTORY><HEADER><POOL>9999</POOL><CONTENT_TYPE>C</CONTENT_TYPE><UPDATE_MODE>DIFF</UPDATE_MODE></HEADER>
            <CBU><ID>X1</ID><BIRTH_DATE>2026-02-29</BIRTH_DATE><STATUS>AV</STATUS>
            <HLA><A><DNA><FIELD1>02:01</FIELD1></DNA></A><B><DNA><FIELD1>44:02</FIELD1></DNA></B><DRB1><DNA><FIELD1>15:01</FIELD1></DNA></DRB1></HLA>
            <TNC>0x1p30</TNC><COLL_DATE>2026-04-31</COLL_DATE></CBU>
            </INVENTORY>
            """
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        let (rows, issues, _) = importer.parseXML(Data(xml.utf8), file: "inv.xml")
        #expect(rows.isEmpty)
        #expect(Set(issues.map { "\($0.line): \($0.column)" }) == ["3: BIRTH_DATE", "3: TNC", "3: COLL_DATE"], "\(issues)")
    }
}
