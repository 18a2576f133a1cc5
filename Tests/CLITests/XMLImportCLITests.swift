import Foundation
import Testing
import TestSupport
import CordMatchTesting

/// `cordmatch import units` of WMDA inventory XML through the real binary: bytes that crashed the process, the
/// encodings it reads, and a file that must not be half-imported.
@Suite struct XMLImportCLITests {
    static let header = "<POOL>9999</POOL><CONTENT_TYPE>C</CONTENT_TYPE><UPDATE_MODE>DIFF</UPDATE_MODE>"
    static let cbu = "<CBU><ID>U1</ID><BIRTH_DATE>2020-01-01</BIRTH_DATE><STATUS>AV</STATUS><LOCAL_ID>Cr\u{E8}che</LOCAL_ID>"
        + "<HLA><A><DNA><FIELD1>02:01</FIELD1></DNA></A><B><DNA><FIELD1>44:02</FIELD1></DNA></B><DRB1><DNA><FIELD1>15:01</FIELD1></DNA></DRB1></HLA></CBU>"

    /// A file in a temporary folder of its own, with a database path beside it; the folder goes with the value.
    struct XMLFile {
        let folder: TemporaryFolder
        let path: String
        var db: String { folder.path("inv.sqlite") }
    }

    /// A new temporary folder with `bytes` as `name`.
    static func file(_ name: String, _ bytes: [UInt8]) throws -> XMLFile {
        let folder = try TemporaryFolder("cordmatch-xml")
        return XMLFile(folder: folder, path: try folder.write(Data(bytes), to: name).path)
    }

    static func latin1(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8($0.value) } }

    static func importUnits(_ file: String, db: String) throws -> CLITests.Run {
        try CLITests.run(["import", "units", file, "--db", db, "--quiet", "--imgt-dir", CLITests.imgt])
    }

    @Test func aLatin1ByteInACommentOrAnElementNameExitsWith1NamingTheLineWithoutACrash() throws {
        let documents = [
            ("comment.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- caf\u{E9} -->\n<INVENTORIES><INVENTORY>\(Self.header)</INVENTORY></INVENTORIES>\n", 2),
            ("name.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<INVENTORIES><INVENTORY>\(Self.header)\n\n<CBU><ID\u{E9}>U1</ID\u{E9}></CBU></INVENTORY></INVENTORIES>\n", 4),
        ]
        for (name, text, line) in documents {
            let xml = try Self.file(name, Self.latin1(text))
            let r = try Self.importUnits(xml.path, db: xml.db)
            #expect(r.status == 1, "\(name): \(r.status) \(r.err)")
            #expect(r.err.contains("\(xml.path):\(line): XML: byte 0xE9 is not valid UTF-8") && r.err.contains("nothing was imported"), "\(r.err)")
            #expect(!r.err.contains("Fatal error") && !r.err.contains("Backtrace") && r.err.utf8.count < 1_000, "\(r.err)")
        }
    }

    @Test func declaredLatin1AndUTF16FilesImport() throws {
        let text = "<INVENTORIES><INVENTORY>\(Self.header)\n\(Self.cbu)\n</INVENTORY></INVENTORIES>\n"
        var utf16 = [UInt8]([0xFE, 0xFF])
        for unit in ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + text).utf16 { utf16 += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        for (name, bytes) in [("latin1.xml", Self.latin1("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + text)), ("utf16.xml", utf16)] {
            let xml = try Self.file(name, bytes)
            let r = try Self.importUnits(xml.path, db: xml.db)
            #expect(r.status == 0 && r.out.hasPrefix("imported 1 units"), "\(name): \(r.out) \(r.err)")
        }
    }

    @Test func aTruncatedFileImportsNothingEvenWithSkipInvalid() throws {
        let text = "<?xml version=\"1.0\"?>\n<INVENTORIES><INVENTORY>\(Self.header)\n\(Self.cbu)\n\(Self.cbu.replacingOccurrences(of: "U1", with: "U2"))"
        let xml = try Self.file("truncated.xml", Array(text.utf8))
        let rejects = xml.folder.path("rejects.csv")
        let r = try CLITests.run(["import", "units", xml.path, "--db", xml.db, "--quiet", "--skip-invalid", "--rejects", rejects, "--imgt-dir", CLITests.imgt])
        #expect(r.out.hasPrefix("imported 0 units"), "\(r.out) \(r.err)")
        #expect(r.err.contains("\(xml.path):4: XML: the file ends inside <INVENTORY> (opened on line 2)"), "\(r.err)")
    }
}
