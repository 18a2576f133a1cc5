import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a WMDA inventory XML file (schema 2.2/2.3, `CONTENT_TYPE` C): the header (`POOL`, `UPDATE_MODE`, …) and
/// every `<CBU>` as the column → value map of the CSV layout — each leaf element's path below `<CBU>` with `/`
/// replaced by `_` (`HLA/A/DNA/FIELD1` → `HLA_A_DNA_FIELD1`, `MAT/HLA/…` → `MAT_HLA_…`). `DONOR` blocks are
/// counted and skipped. Syntax errors name their line.
public struct WMDAInventoryXML {
    public struct Inventory {
        public var pool: String?
        public var updateMode: String?
        public var contentType: String?
        public var schemaVersion: String?
        public var items: [UnitImporter.Item] = []
        public var issues: [ImportIssue] = []
        public var donorsSkipped = 0
    }

    public static func parse(_ data: Data, file: String) -> Inventory {
        let handler = Handler(file: file)
        let parser = XMLParser(data: data)
        parser.delegate = handler
        if !parser.parse(), handler.inventory.issues.isEmpty {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML"
            handler.inventory.issues.append(ImportIssue(file: file, line: parser.lineNumber, column: "", reason: "XML: \(reason)"))
        }
        var inv = handler.inventory
        let line = 1
        if inv.contentType != "C" {
            inv.issues.append(ImportIssue(file: file, line: line, column: "CONTENT_TYPE", reason: "'\(inv.contentType ?? "")' — only cord blood inventories (C) are imported"))
        }
        if !["FULL", "DIFF"].contains(inv.updateMode ?? "") {
            inv.issues.append(ImportIssue(file: file, line: line, column: "UPDATE_MODE", reason: "'\(inv.updateMode ?? "")' is not FULL or DIFF"))
        }
        if inv.updateMode == "FULL" && (inv.pool ?? "").isEmpty {
            inv.issues.append(ImportIssue(file: file, line: line, column: "POOL", reason: "a FULL inventory names its POOL"))
        }
        if let v = inv.schemaVersion, !v.hasPrefix("2.") {
            inv.issues.append(ImportIssue(file: file, line: line, column: "SCHEMA_VERSION", reason: "'\(v)' — versions 2.2 and 2.3 are read"))
        }
        return inv
    }

    final class Handler: NSObject, XMLParserDelegate {
        let file: String
        var inventory = Inventory()
        private var path: [String] = []
        private var hadChild: [Bool] = []
        private var text = ""
        private var cbuDepth: Int?
        private var cbuLine = 0
        private var values: [String: String] = [:]
        private var inDonor = false

        init(file: String) { self.file = file }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if !hadChild.isEmpty { hadChild[hadChild.count - 1] = true }
            path.append(name)
            hadChild.append(false)
            text = ""
            if name == "CBU" && cbuDepth == nil {
                cbuDepth = path.count
                cbuLine = parser.lineNumber
                values = [:]
            } else if name == "DONOR" && cbuDepth == nil {
                inDonor = true
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let leaf = !(hadChild.last ?? false)
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let depth = cbuDepth {
                if path.count == depth {
                    inventory.items.append(UnitImporter.Item(line: cbuLine, values: values))
                    cbuDepth = nil
                } else if leaf && !value.isEmpty {
                    values[path[depth...].joined(separator: "_")] = value
                }
            } else if name == "DONOR" {
                inDonor = false
                inventory.donorsSkipped += 1
            } else if leaf && !inDonor {
                switch name {
                case "POOL": inventory.pool = value
                case "UPDATE_MODE": inventory.updateMode = value
                case "CONTENT_TYPE": inventory.contentType = value
                case "SCHEMA_VERSION": inventory.schemaVersion = value
                default: break
                }
            }
            path.removeLast()
            hadChild.removeLast()
            text = ""
        }

        func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
            inventory.issues.append(ImportIssue(file: file, line: parser.lineNumber, column: "", reason: "XML: \(error.localizedDescription)"))
        }
    }
}
