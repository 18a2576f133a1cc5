import CordInventory
import CordMatch
import Foundation

/// A WMDA inventory XML document through `UnitImporter.parseXML`: our XML reader, the header and CBU checks and
/// the row validation of `cordmatch import units FILE.xml`, without the database. Beyond the import oracles: a
/// file with a problem of its own gives no rows, and no CBU gives more than one row.
enum WMDAXMLFuzzing {
    static func run(_ input: [UInt8], resolver: TypingResolver) throws(FuzzViolation) {
        let (rows, issues, inventory) = UnitImporter(resolver: resolver).parseXML(Data(input), file: "fuzz.xml")
        try ImportOutcomeOracle.check(issues, of: input, target: "UnitImporter.parseXML")
        if !inventory.fileIssues.isEmpty && !rows.isEmpty {
            throw FuzzViolation("UnitImporter.parseXML: \(rows.count) rows from a file with a problem of its own")
        }
        if rows.count > inventory.items.count {
            throw FuzzViolation("UnitImporter.parseXML: \(rows.count) rows from \(inventory.items.count) CBUs")
        }
    }
}
