import CordInventory
import CordMatch
import Foundation
import Testing
import TestSupport

/// Inputs the `unit-csv` and `recipient-csv` fuzz targets found (docs/reliability/fuzzing.md), minimised; each is
/// also a seed in `fixtures/fuzz/<target>/`, so the fuzz replay checks every oracle on it too.
@Suite struct CSVFuzzRegressionTests {
    /// A header whose column name holds a control character, and a NUL in that column's field below: the reader's
    /// error named the column as the header wrote it, raw (the header is checked only after the file is read).
    static let unitFile = Array("ID,ST\u{17}ATUS,BIRTH_DATE\nU1,A\u{0}V,2021-01-01\n".utf8)
    /// A column name with a control character, and a byte that is not UTF-8 in its field.
    static let recipientFile = Array("ID,WEIGH\u{11}T_KG,DISEASE,HLA\nR1,".utf8) + [0xC6] + Array(".5,malignant,A2+A24\n".utf8)

    static func hasNoControlCharacter(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    @Test func aUnitFileErrorNamesAColumnOfTheHeaderAsAnExcerpt() throws {
        let (rows, issues) = UnitImporter(resolver: try SharedReleases.resolver()).parse(Data(Self.unitFile), file: "u.csv")
        #expect(rows.isEmpty)
        #expect(issues.map(\.description) == ["u.csv:2: ST\\u{17}ATUS: a NUL byte (0x00): a text file has none (is it UTF-16, or damaged?)"])
        #expect(issues.allSatisfy { Self.hasNoControlCharacter($0.description) })
    }

    @Test func aRecipientFileErrorNamesAColumnOfTheHeaderAsAnExcerpt() throws {
        let (rows, issues) = RecipientCSVImporter(resolver: try SharedReleases.resolver()).parse(Data(Self.recipientFile), file: "r.csv")
        #expect(rows.isEmpty)
        #expect(issues.count == 1)
        #expect(issues.first?.column == "WEIGH\\u{11}T_KG")
        #expect(issues.first.map { $0.reason.hasPrefix("not UTF-8 text (byte 0xC6 at byte 1 of the field)") } == true)
        #expect(issues.allSatisfy { Self.hasNoControlCharacter($0.description) })
    }

    /// A recipient header naming a column twice (also once with spaces around it) trapped the process: its rows
    /// became maps through `Dictionary(uniqueKeysWithValues:)`. It is refused as the unit importer refuses it.
    @Test func aRecipientHeaderNamingAColumnTwiceIsAProblemNotATrap() throws {
        let importer = RecipientCSVImporter(resolver: try SharedReleases.resolver())
        for header in ["ID,WEIGHT_KG,DISEASE,HLA,HLA", "ID,WEIGHT_KG,DISEASE,HLA, HLA "] {
            let (rows, issues) = importer.parse(Data("\(header)\nR1,20,malignant,A2+A24,A2+A24\n".utf8), file: "r.csv")
            #expect(rows.isEmpty)
            #expect(issues.map(\.description) == ["r.csv:1: a column name appears twice"])
        }
    }

    /// A recipient ID of control characters, given twice, was quoted raw in "recipient … appears again"
    /// (`recipient-csv`, 2026-12-07), and such an ID was accepted: an ID of either file holds no control character.
    @Test func anIDWithAControlCharacterIsRefusedAndQuotedAsAnExcerpt() throws {
        let resolver = try SharedReleases.resolver()
        let recipients = "ID,WEIGHT_KG,DISEASE,HLA\n\u{5}\u{5}R1,20,malignant,A2+A24\n\u{5}\u{5}R1,20,malignant,A2+A24\n"
        let (rows, issues) = RecipientCSVImporter(resolver: resolver).parse(Data(recipients.utf8), file: "r.csv")
        #expect(rows.isEmpty)
        #expect(issues.map(\.description) == [
            "r.csv:2: ID: '\\u{5}\\u{5}R1' is not a recipient ID (at most 64 characters, no control characters)",
            "r.csv:3: ID: '\\u{5}\\u{5}R1' is not a recipient ID (at most 64 characters, no control characters)",
        ])
        let units = "ID,STATUS,BIRTH_DATE\nU\u{7F}1,AV,2021-01-01\nU\u{85}2,AV,2021-01-01\n"
        let (unitRows, unitIssues) = UnitImporter(resolver: resolver).parse(Data(units.utf8), file: "u.csv")
        #expect(unitRows.isEmpty)
        #expect(unitIssues.filter { $0.column == "ID" && $0.reason.contains("is not a unit ID") }.map(\.line) == [2, 3], "\(unitIssues)")
        #expect((issues + unitIssues).allSatisfy { Self.hasNoControlCharacter($0.description) })
    }
}
