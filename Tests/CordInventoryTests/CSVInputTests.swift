import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import GRDB
import HLA
import Testing
import TestSupport

/// CSV text that cannot be read as written — a NUL byte, bytes that are not UTF-8, a UTF-16 file, a field beyond
/// `InputLimits.fieldBytes` — is an error naming the line (and the column), and nothing is imported; a UTF-8
/// byte-order mark is read. Real files, real SQLite databases.
@Suite struct CSVInputTests {
    static let header = "ID,BANK_MANUF_ID,STATUS,BIRTH_DATE,X_HLA_GL,TNC,CD34PC,COLL_DATE"
    static let gl = "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01"
    static func row(_ id: String, bank: String = "BANK1") -> String { "\(id),\(bank),AV,2020-01-01,\(gl),1.2E9,4.0E6,2020-01-01" }

    /// Writes `bytes` to a file in a new folder, imports it as units into a new database, and gives the outcome and
    /// the unit ids stored.
    static func importUnits(_ bytes: [UInt8], skipInvalid: Bool = false) throws -> (Result<UnitImporter.Summary, Error>, [String]) {
        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let file = dir.url("units.csv")
        try Data(bytes).write(to: file)
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        let outcome = Result { try importer.importFile(file.path, into: store, skipInvalid: skipInvalid) }
        return (outcome, try store.read { try String.fetchAll($0, sql: "SELECT id FROM units ORDER BY id") })
    }

    static func rejected(_ outcome: Result<UnitImporter.Summary, Error>) -> [String] {
        switch outcome {
        case .failure(let e as ImportRejected): return e.issues.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line): \($0.column): \($0.reason)" }
        case .failure(let e): return ["not an import rejection: \(e)"]
        case .success(let s): return s.rejected.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line): \($0.column): \($0.reason)" }
        }
    }

    static func text(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    @Test func aNULByteIsAnErrorNotACutField() throws {
        var bytes = Self.text([Self.header, Self.row("U1"), Self.row("U2", bank: "BA@NK")])
        bytes[bytes.firstIndex(of: UInt8(ascii: "@"))!] = 0
        for skip in [false, true] {
            let (outcome, stored) = try Self.importUnits(bytes, skipInvalid: skip)
            #expect(Self.rejected(outcome) == ["units.csv:3: BANK_MANUF_ID: a NUL byte (0x00): a text file has none (is it UTF-16, or damaged?)"])
            #expect(stored.isEmpty)
        }
        // Also inside a quoted field that spans lines: the NUL's own line.
        var quoted = Self.text([Self.header, "U1,\"BANK\nLINE@\",AV,2020-01-01,\(Self.gl),1.2E9,4.0E6,2020-01-01"])
        quoted[quoted.firstIndex(of: UInt8(ascii: "@"))!] = 0
        let (outcome, stored) = try Self.importUnits(quoted)
        #expect(Self.rejected(outcome).first?.hasPrefix("units.csv:3: BANK_MANUF_ID: a NUL byte") == true, "\(Self.rejected(outcome))")
        #expect(stored.isEmpty)
    }

    @Test func bytesThatAreNotUTF8AreAnErrorNotReplacementCharacters() throws {
        // "Zürich" written in Latin-1: ü is the single byte 0xFC.
        let bytes = Self.text([Self.header, Self.row("U1")]) + Array("U2,Z".utf8) + [0xFC] + Array("rich,AV,2020-01-01,\(Self.gl),1.2E9,4.0E6,2020-01-01\n".utf8)
        let (outcome, stored) = try Self.importUnits(bytes)
        #expect(Self.rejected(outcome) == ["units.csv:3: BANK_MANUF_ID: not UTF-8 text (byte 0xFC at byte 2 of the field); save the file as UTF-8"])
        #expect(stored.isEmpty)
    }

    @Test func aUTF8ByteOrderMarkIsRead() throws {
        let (outcome, stored) = try Self.importUnits([0xEF, 0xBB, 0xBF] + Self.text([Self.header, Self.row("U1")]))
        #expect(Self.rejected(outcome).isEmpty)
        #expect(stored == ["U1"])
    }

    @Test func aUTF16FileIsRefusedAsAWhole() throws {
        let text = [Self.header, Self.row("U1")].joined(separator: "\n") + "\n"
        for (bom, units) in [([0xFF, 0xFE] as [UInt8], text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
                             ([0xFE, 0xFF], text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })] {
            let (outcome, stored) = try Self.importUnits(bom + units)
            #expect(Self.rejected(outcome) == ["units.csv:1: : the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"])
            #expect(stored.isEmpty)
        }
    }

    @Test func aFieldLongerThanTheLimitNamesLineAndColumn() throws {
        let long = String(repeating: "B", count: InputLimits.fieldBytes + 1)
        let (outcome, stored) = try Self.importUnits(Self.text([Self.header, Self.row("U1"), Self.row("U2", bank: long)]))
        #expect(Self.rejected(outcome) == ["units.csv:3: BANK_MANUF_ID: the field is \(InputLimits.fieldBytes + 1) bytes, more than the limit of \(InputLimits.fieldBytes) (InputLimits.fieldBytes)"])
        #expect(stored.isEmpty)
        // A field of exactly the limit is read.
        let (ok, _) = try Self.importUnits(Self.text([Self.header, Self.row("U1", bank: String(long.dropFirst()))]))
        #expect(Self.rejected(ok).contains { $0.contains("more than the limit") } == false)
    }

    /// The recipient importer reads its file through the same reader.
    @Test func recipientFilesAreReadTheSameWay() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let importer = RecipientCSVImporter(resolver: try SharedReleases.resolver())
        let header = "ID,WEIGHT_KG,DISEASE,HLA,DSA,ABO,POLICY,ACTIVE"
        func attempt(_ bytes: [UInt8]) throws -> [String] {
            let file = dir.url("recipients.csv")
            try Data(bytes).write(to: file)
            do {
                _ = try importer.importFile(file.path, into: store, skipInvalid: false)
                return []
            } catch let e as ImportRejected { return e.issues.map { "\($0.line): \($0.column): \($0.reason)" } }
        }
        var nul = Self.text([header, "R1,18,malignant,\(Self.gl),,,,Y", "R@2,18,malignant,\(Self.gl),,,,Y"])
        nul[nul.firstIndex(of: UInt8(ascii: "@"))!] = 0
        #expect(try attempt(nul) == ["3: ID: a NUL byte (0x00): a text file has none (is it UTF-16, or damaged?)"])
        var latin1 = Self.text([header, "R1,18,malignant,\(Self.gl),B7=3500,,,Y"])
        latin1[latin1.firstIndex(of: UInt8(ascii: "7"))!] = 0xB7
        #expect(try attempt(latin1).first?.hasPrefix("2: DSA: not UTF-8 text") == true)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM recipients") } == 0)
        #expect(try attempt([0xEF, 0xBB, 0xBF] + Self.text([header, "R1,18,malignant,\(Self.gl),,,,Y"])) == [])
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT id FROM recipients") } == ["R1"])
    }
}
