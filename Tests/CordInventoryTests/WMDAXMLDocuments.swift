import CordInventory
import Foundation

/// Small WMDA inventory documents for the XML reader's tests, and the encodings they are written in.
enum WMDAXMLDocuments {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#
    static let header = "<POOL>9999</POOL><CONTENT_TYPE>C</CONTENT_TYPE><UPDATE_MODE>DIFF</UPDATE_MODE>"

    /// A valid CBU; `extra` goes before its HLA.
    static func cbu(_ id: String = "U1", extra: String = "") -> String {
        "<CBU><ID>\(id)</ID><BIRTH_DATE>2020-01-01</BIRTH_DATE><STATUS>AV</STATUS>\(extra)"
            + "<HLA><A><DNA><FIELD1>02:01</FIELD1></DNA></A><B><DNA><FIELD1>44:02</FIELD1></DNA></B>"
            + "<DRB1><DNA><FIELD1>15:01</FIELD1></DNA></DRB1></HLA></CBU>"
    }

    /// A whole inventory: the declaration on line 1, `<INVENTORIES>` on 2, `<INVENTORY>` and the header on 3,
    /// `body` from line 4.
    static func inventory(_ body: String, declaration: String = declaration, header: String = header) -> String {
        declaration + "\n<INVENTORIES>\n<INVENTORY>" + header + "\n" + body + "\n</INVENTORY>\n</INVENTORIES>\n"
    }

    static func parse(_ text: String) -> WMDAInventoryXML.Inventory { WMDAInventoryXML.parse(Data(text.utf8), file: "t.xml") }
    static func parse(_ bytes: [UInt8]) -> WMDAInventoryXML.Inventory { WMDAInventoryXML.parse(Data(bytes), file: "t.xml") }

    /// `text` in UTF-16, little- or big-endian, with or without a byte order mark.
    static func utf16(_ text: String, bigEndian: Bool, bom: Bool = true) -> Data {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            bytes += bigEndian ? pair : pair.reversed()
        }
        return Data(bytes)
    }

    /// `text` in ISO-8859-1 (every character below U+0100).
    static func latin1(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8($0.value) } }

    /// The WMDA inventory XML of a unit CSV file (WMDA-path columns): each `HLA_L_KIND_FIELDn` column nested as
    /// `HLA/L/KIND/FIELDn`, the others as elements of their name; empty cells left out.
    static func inventory(fromCSV csv: String, pool: String = "9999") throws -> String {
        let records = try CSVReader.records(csv)
        guard let columns = records.first?.fields else { return "" }
        func escaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var out = declaration + "\n<INVENTORIES>\n  <INVENTORY>\n    <POOL>\(pool)</POOL><CONTENT_TYPE>C</CONTENT_TYPE><UPDATE_MODE>DIFF</UPDATE_MODE>\n"
        for record in records.dropFirst() {
            out += "    <CBU>\n"
            var loci: [(locus: String, kinds: [(kind: String, fields: [(String, String)])])] = []
            for (column, value) in zip(columns, record.fields) where !value.isEmpty {
                let parts = column.split(separator: "_").map(String.init)
                if parts.count == 4 && parts[0] == "HLA" {
                    let (locus, kind, field) = (parts[1], parts[2], parts[3])
                    if loci.last?.locus != locus { loci.append((locus, [])) }
                    if loci[loci.count - 1].kinds.last?.kind != kind { loci[loci.count - 1].kinds.append((kind, [])) }
                    let k = loci[loci.count - 1].kinds.count - 1
                    loci[loci.count - 1].kinds[k].fields.append((field, value))
                } else {
                    out += "      <\(column)>\(escaped(value))</\(column)>\n"
                }
            }
            out += "      <HLA>\n"
            for (locus, kinds) in loci {
                out += "        <\(locus)>" + kinds.map { kind, fields in
                    "<\(kind)>" + fields.map { "<\($0)>\(escaped($1))</\($0)>" }.joined() + "</\(kind)>"
                }.joined() + "</\(locus)>\n"
            }
            out += "      </HLA>\n    </CBU>\n"
        }
        return out + "  </INVENTORY>\n</INVENTORIES>\n"
    }
}
