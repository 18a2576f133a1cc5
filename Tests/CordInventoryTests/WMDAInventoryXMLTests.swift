import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import GRDB
import HLA
import PropertyBased
import Testing
import TestSupport

/// The WMDA inventory XML import on real bytes: encodings, what the reader refuses and where, repeated elements,
/// limits, truncated and mutated files (which must never trap), and the fixtures read exactly as before.
@Suite struct WMDAInventoryXMLTests {
    typealias Docs = WMDAXMLDocuments

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The one problem of a document that cannot be read.
    static func failure(_ inventory: WMDAInventoryXML.Inventory) -> ImportIssue? {
        inventory.issues.count == 1 && inventory.items.isEmpty ? inventory.issues[0] : nil
    }

    // MARK: - Encodings

    @Test func aLatin1ByteInACommentOrAnElementNameIsAnErrorNamingItsLine() throws {
        // Each of these crashed the process (SIGILL) inside Foundation's XML parser.
        let comment = Self.bytes(Docs.declaration + "\n<!-- caf") + [0xE9] + Self.bytes(" -->\n<INVENTORIES><INVENTORY>\(Docs.header)</INVENTORY></INVENTORIES>\n")
        let c = try #require(Self.failure(Docs.parse(comment)))
        #expect(c.line == 2 && c.reason.hasPrefix("XML: byte 0xE9 is not valid UTF-8"), "\(c)")

        let named = Docs.latin1(Docs.inventory(Docs.cbu(extra: "<LOCAL_ID\u{E9}>x</LOCAL_ID\u{E9}>")))
        let e = try #require(Self.failure(Docs.parse(named)))
        #expect(e.line == 4 && e.reason.contains("0xE9"), "\(e)")
    }

    @Test func aDeclaredISO88591FileIsReadAsTheCharactersItMeans() throws {
        let text = Docs.inventory("<!-- é -->\n" + Docs.cbu(extra: "<LOCAL_ID>Crèche-42</LOCAL_ID><BANK_MANUF_ID>Séville</BANK_MANUF_ID>"),
                                  declaration: #"<?xml version="1.0" encoding="ISO-8859-1"?>"#)
        let latin1 = Docs.latin1(text)
        #expect(latin1.contains(0xE8) && !latin1.contains(0xC3))  // really Latin-1 bytes
        let read = Docs.parse(latin1)
        #expect(read.issues.isEmpty, "\(read.issues)")
        #expect(read.items.first?.values["LOCAL_ID"] == "Crèche-42" && read.items.first?.values["BANK_MANUF_ID"] == "Séville")

        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let file = dir.url("latin1.xml")
        try Data(latin1).write(to: file)
        let summary = try UnitImporter(resolver: try SharedReleases.resolver()).importFile(file.path, into: store, skipInvalid: false)
        #expect(summary.imported == 1)
        let unit = try #require(try store.read { try UnitRow.fetchOne($0, key: "U1") })
        #expect(unit.bank == "Séville" && unit.extra.contains("\"LOCAL_ID\":\"Crèche-42\""), "\(unit)")
    }

    @Test func encodingsThatAreNotReadOrDoNotMatchTheBytesAreRefused() throws {
        let body = Docs.cbu(extra: "<LOCAL_ID>Crèche</LOCAL_ID>")
        let cases: [(bytes: [UInt8], line: Int, says: String)] = [
            (Self.bytes(Docs.inventory(body, declaration: #"<?xml version="1.0" encoding="windows-1252"?>"#)), 1, "encoding 'windows-1252' is not read"),
            (Self.bytes(Docs.inventory(body, declaration: #"<?xml version="1.0" encoding="US-ASCII"?>"#)), 4, "byte 0xC3 is not US-ASCII"),
            (Docs.latin1(Docs.inventory(body)), 4, "byte 0xE8 is not valid UTF-8"),
            // 0x80 is a C1 control in ISO-8859-1 (and '€' in Windows-1252): refused, not read as U+0080.
            (Docs.latin1(Docs.inventory(Docs.cbu(extra: "<LOCAL_ID>\u{80}</LOCAL_ID>"), declaration: #"<?xml version="1.0" encoding="ISO-8859-1"?>"#)), 4, "control character U+0080"),
            ([0xEF, 0xBB, 0xBF] + Self.bytes(Docs.inventory(body, declaration: #"<?xml version="1.0" encoding="ISO-8859-1"?>"#)), 1, "UTF-8 byte order mark but declares ISO-8859-1"),
            (Self.bytes(Docs.inventory(body, declaration: #"<?xml version="1.0" encoding="UTF-16"?>"#)), 1, "no UTF-16 byte order mark"),
            ([UInt8](Docs.utf16(Docs.inventory(body), bigEndian: false)), 1, "is UTF-16LE but declares UTF-8"),
            ([0xFF, 0xFE, 0x00, 0x00, 0x3C, 0x00, 0x00, 0x00], 1, "UTF-32"),
            ([UInt8](Docs.utf16(Docs.inventory(body, declaration: "<?xml version=\"1.0\"?>"), bigEndian: true)).dropLast(), 6, "odd number of bytes"),
            ([0xFF, 0xFE, 0x3C, 0x00, 0x41, 0x00, 0x00, 0xD8, 0x3E, 0x00], 1, "high surrogate"),
        ]
        for (bytes, line, says) in cases {
            let issue = try #require(Self.failure(Docs.parse(bytes)), "\(says)")
            #expect(issue.line == line && issue.reason.contains(says), "\(issue) — expected line \(line): \(says)")
        }
    }

    @Test func utf16AndAUTF8ByteOrderMarkAreReadAsUTF8Is() throws {
        let text = try String(contentsOfFile: InventoryFixtures.file("inventory-full.xml"), encoding: .utf8)
        let utf8 = Docs.parse(text)
        #expect(utf8.issues.isEmpty && utf8.items.count == 2)
        let asUTF16 = text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        let variants: [(String, Data)] = [
            ("UTF-8 BOM", Data([0xEF, 0xBB, 0xBF] + Self.bytes(text))),
            ("UTF-16LE BOM", Docs.utf16(asUTF16, bigEndian: false)),
            ("UTF-16BE BOM", Docs.utf16(asUTF16, bigEndian: true)),
            ("UTF-16LE", Docs.utf16(asUTF16, bigEndian: false, bom: false)),
            ("UTF-16BE", Docs.utf16(asUTF16, bigEndian: true, bom: false)),
            ("UTF-16BE, declared UTF-16BE", Docs.utf16(text.replacingOccurrences(of: "UTF-8", with: "UTF-16BE"), bigEndian: true, bom: false)),
        ]
        for (name, data) in variants {
            let read = WMDAInventoryXML.parse(data, file: "t.xml")
            #expect(read.issues.isEmpty, "\(name): \(read.issues)")
            #expect(read.items.map(\.line) == utf8.items.map(\.line) && read.items.map(\.values) == utf8.items.map(\.values), "\(name)")
            #expect(read.pool == "9999" && read.updateMode == "FULL" && read.donorsSkipped == 1, "\(name)")
        }
    }

    @Test func utf16FilesAreImportedAsXMLNotCSV() throws {
        let resolver = try SharedReleases.resolver()
        let importer = UnitImporter(resolver: resolver)
        let text = try String(contentsOfFile: InventoryFixtures.file("inventory-full.xml"), encoding: .utf8)
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var stored: [[UnitRow]] = []
        for (bigEndian, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
            let file = dir.url("utf16.xml")
            try Docs.utf16(text, bigEndian: bigEndian, bom: bom).write(to: file)
            let summary = try importer.importFile(file.path, into: store, skipInvalid: false)
            #expect(summary.imported == 2 && summary.rejected.isEmpty)
            stored.append(try store.read { try UnitRow.fetchAll($0, sql: "SELECT * FROM units ORDER BY id") })
        }
        let expected = try Self.golden([UnitRow].self, "inventory-full.rows.json")
        #expect(stored.allSatisfy { $0 == expected })
    }

    // MARK: - What is read

    @Test func cdataPredefinedEntitiesCharacterReferencesAndCommentsInValuesAreRead() {
        let inventory = Docs.parse(Docs.inventory(Docs.cbu(extra: """
            <LOCAL_ID><![CDATA[A<B>&C]]></LOCAL_ID><BANK_MANUF_ID>&#x42;&#65;NK&amp;&lt;&gt;&apos;&quot;&#xE9;&#233;</BANK_MANUF_ID>
            <PROC_METH>H<!-- a comment -->E<?pi skipped?>S</PROC_METH><BAG_ID>
              <![CDATA[ x ]]> <![CDATA[y]]>
            </BAG_ID>
            """)))
        #expect(inventory.issues.isEmpty, "\(inventory.issues)")
        let values = inventory.items.first?.values ?? [:]
        #expect(values["LOCAL_ID"] == "A<B>&C")
        #expect(values["BANK_MANUF_ID"] == "BANK&<>'\"éé")
        #expect(values["PROC_METH"] == "HES")
        #expect(values["BAG_ID"] == "x  y")
    }

    @Test func namespacesAreReadByLocalNameAndPrefixesMustBeDeclared() throws {
        let root = #"<w:INVENTORIES xmlns="urn:wmda:inventory" xmlns:w="urn:wmda:inventory" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:wmda:inventory Inventories.xsd">"#
        let text = Docs.declaration + "\n" + root + "\n<w:INVENTORY>" + Docs.header + "\n" + Docs.cbu().replacingOccurrences(of: "CBU>", with: "w:CBU>")
            + "\n</w:INVENTORY>\n</w:INVENTORIES>\n"
        let inventory = Docs.parse(text)
        #expect(inventory.issues.isEmpty && inventory.items.first?.values["ID"] == "U1", "\(inventory.issues)")

        let undeclared = try #require(Self.failure(Docs.parse(Docs.inventory("<x:CBU></x:CBU>"))))
        #expect(undeclared.line == 4 && undeclared.reason.contains("prefix of element x:CBU is not declared"), "\(undeclared)")
    }

    @Test func aDoctypeWithoutInternalSubsetIsIgnoredAndTheFileRead() {
        for doctype in ["<!DOCTYPE INVENTORIES>", #"<!DOCTYPE INVENTORIES SYSTEM "Inventories.dtd">"#,
                        #"<!DOCTYPE INVENTORIES PUBLIC "-//WMDA//Inventory" 'inv.dtd' >"#] {
            let inventory = Docs.parse(Docs.inventory(Docs.cbu(), declaration: Docs.declaration + "\n<!-- a comment -->" + doctype))
            #expect(inventory.issues.isEmpty && inventory.items.count == 1, "\(doctype): \(inventory.issues)")
        }
    }

    // MARK: - What is refused

    @Test func entityReferencesAndDoctypeSubsetsAreRefusedNeverExpanded() throws {
        let xxe = try #require(Self.failure(Docs.parse(Docs.inventory(Docs.cbu(extra: "\n<LOCAL_ID>&xxe;</LOCAL_ID>")))))
        #expect(xxe.line == 5 && xxe.reason.contains("&xxe;") && xxe.reason.contains("not read"), "\(xxe)")

        let subset = #"<!DOCTYPE INVENTORIES [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#
        let declared = try #require(Self.failure(Docs.parse(Docs.inventory(Docs.cbu(extra: "<LOCAL_ID>&xxe;</LOCAL_ID>"),
                                                                            declaration: Docs.declaration + "\n" + subset))))
        #expect(declared.line == 2 && declared.reason.contains("internal subset"), "\(declared)")
        let bomb = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<lolz>&lol2;</lolz>"
        #expect(Self.failure(Docs.parse(Docs.declaration + "\n" + bomb))?.reason.contains("internal subset") == true)
    }

    /// Each document, the line its problem is on, and what the problem says.
    static let malformed: [(String, Int, String)] = [
        (Docs.inventory("<CBU><ID>U1</ID>\n</INVENTORY>"), 5, "</INVENTORY> does not close <CBU> (opened on line 4)"),
        (Docs.declaration + "\n<INVENTORIES>\n<INVENTORY>", 3, "ends inside <INVENTORY> (opened on line 3)"),
        (Docs.declaration + "\nx<INVENTORIES/>", 2, "text outside the root element"),
        (Docs.inventory("") + "<INVENTORIES/>", 7, "a second root element"),
        (Docs.inventory("") + "trailing", 7, "text outside the root element"),
        (Docs.declaration + "\n<!-- only a comment -->\n", 3, "no root element"),
        (Docs.inventory("<CBU>\u{0}</CBU>"), 4, "NUL"),
        (Docs.inventory("<CBU>\u{1}</CBU>"), 4, "control character U+0001"),
        (Docs.inventory("<CBU>&#0;</CBU>"), 4, "NUL"),
        (Docs.inventory("<CBU>&#xD800;</CBU>"), 4, "surrogate"),
        (Docs.inventory("<CBU>&#x110000;</CBU>"), 4, "&#x110000;"),
        (Docs.inventory("<CBU>&#99999999999999999999;</CBU>"), 4, "refused"),
        (Docs.inventory("<CBU>&#;</CBU>"), 4, "digits"),
        (Docs.inventory("<CBU>A & B</CBU>"), 4, "'&' does not start a reference"),
        (Docs.inventory("<CBU a=\"1\" b='2' a=\"3\"/>"), 4, "attribute a twice"),
        (Docs.inventory("<CBU a=\"1\"b=\"2\"/>"), 4, "white space must separate"),
        (Docs.inventory("<CBU a/>"), 4, "no '='"),
        (Docs.inventory("<CBU a=1/>"), 4, "must be quoted"),
        (Docs.inventory("<CBU a=\"<\"/>"), 4, "'<' in the value"),
        (Docs.inventory("<CBU>x ]]> y</CBU>"), 4, "']]>' in text"),
        (Docs.inventory("<!-- a -- b -->"), 4, "'--' inside a comment"),
        (Docs.inventory("<!-- open\n\n"), 9, "comment opened on line 4 is not closed"),
        (Docs.inventory("<?xml version=\"1.0\"?>"), 4, "may only start the file"),
        (Docs.inventory("<CBU><![CDATA[x</CBU>"), 7, "CDATA section opened on line 4 is not closed"),
        (Docs.inventory("< CBU/>"), 4, "'<' is not followed by an element name"),
        (Docs.inventory("<1CBU/>"), 4, "may not start with '1'"),
        (Docs.inventory("<a:b:c/>"), 4, "one ':'"),
        (Docs.inventory("<CBU/ >"), 4, "not followed by '>'"),
        (Docs.inventory("<p:X xmlns:p=\"urn:x\"><p:Y/></p:X>\n<p:Y/>"), 5, "prefix of element p:Y is not declared"),
        (Docs.inventory("<X xmlns:p=\"\"/>"), 4, "prefix p is declared empty"),
        (Docs.inventory("</CBU>"), 4, "does not close <INVENTORY>"),
        (Docs.inventory("<!ELEMENT x ANY>"), 4, "'<!' starts neither"),
        (Docs.inventory("<!DOCTYPE x>"), 4, "a DOCTYPE may only come once, before the root element"),
        ("<?xml version=\"2.0\"?><a/>", 1, "version '2.0' is not 1.x"),
        ("<?xml encoding=\"UTF-8\" version=\"1.0\"?><a/>", 1, "in that order"),
        ("<?xml version=\"1.0\" standalone=\"maybe\"?><a/>", 1, "standalone is 'yes' or 'no'"),
        ("<?xml version=\"1.0\"\n\n encoding=\"UTF-8\"", 3, "does not end with '?>'"),
        (" <?xml version=\"1.0\"?><a/>", 1, "may only start the file"),
        // Line ends: CR LF and a lone CR each end one line.
        ("<a>\r\n\r\n<b></c></a>", 3, "</c> does not close <b>"),
        ("<a>\r\r<b></c></a>", 3, "</c> does not close <b>"),
        ("<a x='\r\n'>\n<![CDATA[\r\n]]><!--\r-->\r\n<b></c></a>", 6, "</c> does not close <b>"),
    ]

    @Test(arguments: 0..<malformed.count) func malformedDocumentsAreRefusedNamingTheLine(_ index: Int) throws {
        let (text, line, says) = Self.malformed[index]
        let issue = try #require(Self.failure(Docs.parse(text)), "\(text)")
        #expect(issue.line == line && issue.reason.hasPrefix("XML: ") && issue.reason.contains(says),
                "\(InputExcerpt.of(text)): \(issue) — expected line \(line): \(says)")
    }

    @Test func limitsAreErrorsThatNameThem() throws {
        let deep = String(repeating: "<X>", count: InputLimits.xmlDepth - 2) + String(repeating: "</X>", count: InputLimits.xmlDepth - 2)
        #expect(Docs.parse(Docs.inventory(deep)).issues.isEmpty)  // INVENTORIES and INVENTORY make it exactly the limit
        let deeper = try #require(Self.failure(Docs.parse(Docs.inventory("<X>" + deep + "</X>"))))
        #expect(deeper.line == 4 && deeper.reason.contains("InputLimits.xmlDepth"), "\(deeper)")

        let name = String(repeating: "N", count: InputLimits.xmlNameBytes)
        #expect(Docs.parse(Docs.inventory("<\(name)/>")).issues.isEmpty)
        let longer = try #require(Self.failure(Docs.parse(Docs.inventory("<\(name)N/>"))))
        #expect(longer.reason.contains("InputLimits.xmlNameBytes") && longer.reason.utf8.count < 200, "\(longer)")

        let text = String(repeating: "t", count: InputLimits.fieldBytes)
        #expect(Docs.parse(Docs.inventory(Docs.cbu(extra: "<LOCAL_ID>\(text)</LOCAL_ID>"))).issues.isEmpty)
        for (extra, what) in [("<LOCAL_ID>\(text)&amp;</LOCAL_ID>", "text of <LOCAL_ID>"), ("<LOCAL_ID a='\(text)x'/>", "value of attribute a")] {
            let big = try #require(Self.failure(Docs.parse(Docs.inventory(Docs.cbu(extra: extra)))))
            #expect(big.line == 4 && big.reason.contains(what) && big.reason.contains("InputLimits.fieldBytes"), "\(big)")
        }
    }

    @Test func errorsQuoteTheInputOnlyAsAnExcerpt() throws {
        let entity = String(repeating: "e", count: 200)
        let issue = try #require(Self.failure(Docs.parse(Docs.inventory("<CBU>&\(entity);</CBU>"))))
        #expect(issue.reason.contains("(200 bytes)") && !issue.reason.contains(entity), "\(issue)")
        let long = String(repeating: "Q", count: 200)
        let unknown = try UnitImporter(resolver: SharedReleases.resolver()).parseXML(Data(Docs.inventory(Docs.cbu(extra: "<\(long)>v</\(long)>")).utf8), file: "t.xml")
        let column = try #require(unknown.issues.first { $0.reason.hasPrefix("unknown element") }?.column)
        #expect(column.hasSuffix("(200 bytes)") && column.utf8.count < 120, "\(column)")
    }

    // MARK: - Repeated elements, text beside elements

    @Test func anElementGivenTwiceInACBURejectsThatCBUNamingTheLine() throws {
        let text = Docs.inventory(Docs.cbu("U1", extra: "\n<STATUS>DE</STATUS>") + "\n" + Docs.cbu("U2")
                                  + "\n<CBU><ID>U3</ID><BIRTH_DATE>2020-01-01</BIRTH_DATE><STATUS>AV</STATUS><HLA><A><DNA><FIELD1>02:01</FIELD1></DNA></A>"
                                  + "<B><DNA><FIELD1>44:02</FIELD1></DNA></B><DRB1><DNA><FIELD1>15:01</FIELD1></DNA></DRB1></HLA>\n<HLA><A><DNA><FIELD1>03:01</FIELD1></DNA></A></HLA></CBU>")
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        let (rows, issues, _) = importer.parseXML(Data(text.utf8), file: "t.xml")
        #expect(issues.map { "\($0.line):\($0.column)" } == ["5:STATUS", "8:HLA_A_DNA_FIELD1"], "\(issues)")
        #expect(issues.allSatisfy { $0.reason.contains("given again") })
        #expect(rows.map(\.id) == ["U2"])

        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let file = dir.url("repeated.xml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ImportRejected.self) { try importer.importFile(file.path, into: store, skipInvalid: false) }
        let skipped = try importer.importFile(file.path, into: store, skipInvalid: true)
        #expect(skipped.imported == 1 && skipped.rejected.count == 2)
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT id || ':' || status FROM units") } == ["U2:AV"])
    }

    @Test func aCBUWithAnUnknownElementIsNotImportedEvenWithSkipInvalid() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let file = dir.url("unknown.xml")
        try Docs.inventory(Docs.cbu("U1", extra: "<COLOUR>red</COLOUR>") + "\n" + Docs.cbu("U2")).write(to: file, atomically: true, encoding: .utf8)
        let summary = try UnitImporter(resolver: try SharedReleases.resolver()).importFile(file.path, into: store, skipInvalid: true)
        #expect(summary.imported == 1 && summary.rejected.map(\.column) == ["COLOUR"])
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT id FROM units") } == ["U2"])
    }

    @Test func aRepeatedHeaderElementOrTextBesideElementsIsAProblemOfTheFile() throws {
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        let cases: [(String, String)] = [
            (Docs.inventory(Docs.cbu(), header: Docs.header + "\n<POOL>1234</POOL>"), "4:POOL"),
            (Docs.inventory("stray\n" + Docs.cbu()), "4:INVENTORY"),
        ]
        for (text, problem) in cases {
            let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
            let file = dir.url("header.xml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let summary = try importer.importFile(file.path, into: store, skipInvalid: true)
            #expect(summary.imported == 0 && summary.rejected.map { "\($0.line):\($0.column)" } == [problem], "\(summary.rejected)")
            #expect(try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM units") } == 0)
        }
        // The problem names the line the text is on (after a comment of two lines).
        let mixed = importer.parseXML(Data(Docs.inventory(Docs.cbu("U1", extra: "<HLA_NOTE><!--\n\n-->x<A/></HLA_NOTE>") + Docs.cbu("U2")).utf8), file: "t.xml")
        #expect(mixed.issues.map { "\($0.line):\($0.column)" } == ["6:HLA_NOTE"] && mixed.rows.map(\.id) == ["U2"], "\(mixed.issues)")
    }

    @Test func aFileThatIsNotWellFormedImportsNothingEvenWithSkipInvalid() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let file = dir.url("truncated.xml")
        let text = Docs.inventory(Docs.cbu("U1") + "\n" + Docs.cbu("U2"))
        try Data(text.utf8.dropLast(40)).write(to: file)
        let summary = try UnitImporter(resolver: try SharedReleases.resolver()).importFile(file.path, into: store, skipInvalid: true)
        #expect(summary.imported == 0 && summary.rejected.count == 1 && summary.rejected[0].reason.hasPrefix("XML: "), "\(summary.rejected)")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM units") } == 0)
    }

    // MARK: - Never a trap

    @Test func everyPrefixOfAValidDocumentIsReadOrRefusedWithALine() throws {
        let text = try String(contentsOfFile: InventoryFixtures.file("inventory-full.xml"), encoding: .utf8).replacingOccurrences(of: "LOCAL_ID>CB", with: "LOCAL_ID>Crèche &amp; <![CDATA[x]]>&#xE9;")
        let whole = Docs.parse(text)
        #expect(whole.issues.isEmpty && whole.items.count == 2)
        for data in [Data(text.utf8), Docs.utf16(text.replacingOccurrences(of: "UTF-8", with: "UTF-16"), bigEndian: true)] {
            for length in 0..<data.count {
                let read = WMDAInventoryXML.parse(data.prefix(length), file: "t.xml")
                if read.issues.isEmpty {
                    // Only a prefix that ends after the root element is a whole document.
                    #expect(read.items.map(\.values) == whole.items.map(\.values), "prefix \(length)")
                } else {
                    #expect(read.issues.allSatisfy { $0.line >= 1 } && read.items.isEmpty, "prefix \(length): \(read.issues)")
                }
            }
        }
    }

    /// Bytes that matter to the reader, for mutations to insert more often than random ones.
    static let markupBytes: [UInt8] = Array("<>&;/!?-[]\"'=:#x ".utf8) + [0x00, 0x0D, 0x0A, 0x80, 0xC3, 0xE9, 0xED, 0xF4, 0xFE, 0xFF]

    /// `document` changed by `picks`: each pair is one mutation (replace, insert or delete a byte at a position).
    static func mutated(_ document: [UInt8], by picks: [Int]) -> [UInt8] {
        var bytes = document
        for k in stride(from: 0, to: picks.count - 1, by: 2) {
            let at = picks[k] % (bytes.count + 1), pick = picks[k + 1]
            let byte = pick % 2 == 0 ? markupBytes[(pick / 2) % markupBytes.count] : UInt8((pick / 2) & 0xFF)
            if pick % 3 == 0 && at < bytes.count {
                bytes[at] = byte
            } else if pick % 3 == 1 {
                bytes.insert(byte, at: at)
            } else if at < bytes.count {
                bytes.remove(at: at)
            }
        }
        return bytes
    }

    /// Parses a mutated document and checks what any outcome must satisfy.
    static func checkMutation(_ documents: [[UInt8]], _ picks: [Int]) {
        let bytes = mutated(documents[picks[0] % documents.count], by: Array(picks.dropFirst()))
        let read = WMDAInventoryXML.parse(Data(bytes), file: "m.xml")
        // A problem names a line of the file (there are at most as many as bytes, plus one) and quotes little.
        #expect(read.issues.allSatisfy { $0.line >= 1 && $0.line <= 1 + bytes.count && $0.reason.utf8.count < 600 }, "\(read.issues)")
        if read.issues.contains(where: { $0.reason.hasPrefix("XML: ") }) { #expect(read.items.isEmpty && read.issues.count == 1) }
    }

    @Test func randomMutationsOfAValidDocumentNeverTrapAndProblemsNameALine() async throws {
        let text = try String(contentsOfFile: InventoryFixtures.file("inventory-full.xml"), encoding: .utf8)
        let documents = [Array(text.utf8), [UInt8](Docs.utf16(text.replacingOccurrences(of: "UTF-8", with: "UTF-16"), bigEndian: false)),
                         Docs.latin1(text.replacingOccurrences(of: "UTF-8", with: "ISO-8859-1"))]
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int(UInt32.max)).array(of: 3...30)) { picks in
            Self.checkMutation(documents, picks)
        }
    }

    // MARK: - As before

    static func golden<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: InventoryFixtures.file("expected/\(name)"))))
    }

    struct GoldenItem: Decodable, Equatable {
        let line: Int
        let values: [String: String]
    }

    /// The goldens in fixtures/inventory/expected/ are what the Foundation `XMLParser` reader gave (and stored).
    @Test func theFixturesAreReadAndStoredExactlyAsBefore() throws {
        for name in ["inventory-full", "inventory-full-2", "inventory-bad"] {
            let read = WMDAInventoryXML.parse(try Data(contentsOf: URL(fileURLWithPath: InventoryFixtures.file("\(name).xml"))), file: "\(name).xml")
            #expect(read.items.map { GoldenItem(line: $0.line, values: $0.values) } == (try Self.golden([GoldenItem].self, "\(name).items.json")), "\(name)")
        }
        let inventory = try InventoryFixtures.empty(), store = inventory.store
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        for name in ["inventory-full", "inventory-full-2"] {
            _ = try importer.importFile(InventoryFixtures.file("\(name).xml"), into: store, skipInvalid: false)
            let rows = try store.read { try UnitRow.fetchAll($0, sql: "SELECT * FROM units ORDER BY id") }
            #expect(rows == (try Self.golden([UnitRow].self, "\(name).rows.json")), "\(name)")
        }
    }

    /// A generated inventory written as WMDA XML, in every encoding read, gives the rows its CSV gives.
    @Test func aGeneratedInventoryReadsAsItsCSVInEveryEncoding() throws {
        let resolver = try SharedReleases.resolver()
        let importer = UnitImporter(resolver: resolver)
        let csv = InventoryGenerator(data: resolver.data).unitsCSV(count: 300, seed: 11)
        let (expected, csvIssues) = importer.parse(csv, file: "units.csv")
        #expect(csvIssues.isEmpty && expected.count == 300)
        let xml = try Docs.inventory(fromCSV: csv)
        let asUTF16 = xml.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        let crlf = xml.replacingOccurrences(of: "\n", with: "\r\n")
        for (name, data) in [("UTF-8", Data(xml.utf8)), ("UTF-8 CRLF", Data(crlf.utf8)), ("UTF-16LE", Docs.utf16(asUTF16, bigEndian: false)),
                             ("UTF-16BE", Docs.utf16(asUTF16, bigEndian: true)),
                             ("ISO-8859-1", Data(Docs.latin1(xml.replacingOccurrences(of: "UTF-8", with: "ISO-8859-1"))))] {
            let (rows, issues, _) = importer.parseXML(data, file: "units.xml")
            #expect(issues.isEmpty, "\(name): \(issues.prefix(3))")
            #expect(rows.map { var r = $0; r.pool = nil; return r } == expected && rows.allSatisfy { $0.pool == "9999" }, "\(name)")
        }
    }
}
