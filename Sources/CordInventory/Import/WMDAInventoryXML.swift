import Foundation
import HLA

/// Reads a WMDA inventory XML file (schema 2.2/2.3, `CONTENT_TYPE` C): the header (`POOL`, `UPDATE_MODE`, …) and
/// every `<CBU>` as the column → value map of the CSV layout — each leaf element's path below `<CBU>` with `/`
/// replaced by `_` (`HLA/A/DNA/FIELD1` → `HLA_A_DNA_FIELD1`, `MAT/HLA/…` → `MAT_HLA_…`). `DONOR` blocks are
/// counted and skipped whole. Elements are matched by local name (`wmda:CBU` is `CBU`).
///
/// The bytes are read by `XMLReader` (our own strict reader: `docs/FORMATS.md` says why and what it refuses). A
/// file that is not well-formed XML in an encoding it reads gives one problem naming its line, and no units. A
/// header element given twice, or text beside child elements outside a CBU, is a problem of the whole file; an
/// element given twice in one `<CBU>` (which value would be meant?), text beside child elements in it or an element
/// path too long for a column name make that CBU flawed: reported, and never imported.
public struct WMDAInventoryXML {
    /// What a file holds.
    public struct Inventory {
        /// The header's `POOL`, if given.
        public var pool: String?
        /// The header's `UPDATE_MODE` (`FULL` replaces the pool's units, else units are added or updated), if given.
        public var updateMode: String?
        /// The header's `CONTENT_TYPE` (C for cord blood units), if given.
        public var contentType: String?
        /// The header's schema version (2.2 or 2.3), if given.
        public var schemaVersion: String?
        /// The CBUs read whole, in file order, with where each starts; empty elements are left out.
        public var items: [UnitImporter.Item] = []
        /// The CBUs whose structure is wrong (see `itemIssues`): validated for their other problems, never imported.
        public var flawedItems: [UnitImporter.Item] = []
        /// Problems of the file as a whole: it is not readable XML (then it gives no items at all), or a header
        /// element is missing, wrong or repeated. With any of them nothing of the file may be imported.
        public var fileIssues: [ImportIssue] = []
        /// Problems of single CBUs found in reading them (an element given twice, text beside child elements, an
        /// element path longer than `InputLimits.xmlNameBytes`); each such CBU is in `flawedItems`.
        public var itemIssues: [ImportIssue] = []
        /// How many `DONOR` blocks were skipped.
        public var donorsSkipped = 0

        /// Every problem, by line.
        public var issues: [ImportIssue] { (fileIssues + itemIssues).sorted { $0.line < $1.line } }
    }

    /// Reads `data` as an inventory. Any bytes may be given: the outcome is an inventory or problems, never a trap.
    /// - Parameters:
    ///   - data: the file's bytes, in any of the encodings `docs/FORMATS.md` lists.
    ///   - file: the name problems give as where they are.
    /// - Returns: the header, the CBUs (clean and flawed) and every problem found in reading them; no items at all
    ///   when the file is not readable XML.
    public static func parse(_ data: Data, file: String) -> Inventory {
        var builder = Builder(file: file)
        do {
            var reader = XMLReader(try XMLDocumentBytes(data))
            while let event = try reader.next() { builder.take(event, from: reader) }
        } catch {
            var failed = Inventory()
            failed.fileIssues = [ImportIssue(file: file, line: error.line, column: "", reason: "XML: \(error.reason)")]
            return failed
        }
        return builder.finished()
    }

    /// True when `data` is to be read as XML: it starts with `<` after a byte order mark and white space, in UTF-8,
    /// UTF-16 or an ASCII-compatible encoding (`UnitImporter` reads anything else as CSV).
    ///
    /// - Parameter data: The file's bytes.
    /// - Returns: Whether to read them as XML.
    public static func looksLikeXML(_ data: Data) -> Bool { XMLDocumentBytes.looksLikeXML(data) }

    /// Turns the reader's events into the inventory.
    private struct Builder {
        let file: String
        var inventory = Inventory()
        /// Where each header element was found.
        private var headerLines: [String: Int] = [:]

        /// What an element is to the inventory.
        private enum Place { case outside, cbu, inCBU, donor }

        /// An open element.
        private struct Frame {
            let place: Place
            let name: String
            let line: Int
            /// Where this element's part of `path` starts (inside a CBU).
            let pathStart: Int
            var hadChild = false
            var mixedReported = false
            /// Its text, trimmed, while it has no child element; and the line the text starts on.
            var value = ""
            var valueLine = 0
        }
        private var frames: [Frame] = []

        /// The open CBU: the column name of the current element (its path below `<CBU>` joined with `_`), as UTF-8.
        private var path: [UInt8] = []
        private var cbuLine = 0
        private var values: [String: String] = [:]
        private var cbuFlawed = false, cbuHasEmpty = false, pathTooLongReported = false

        init(file: String) { self.file = file }

        mutating func take(_ event: XMLReader.Event, from reader: XMLReader) {
            switch event {
            case .start(let name): start(name, line: reader.eventLine)
            case .text: text(reader.text, line: reader.eventLine)
            case .end: end()
            }
        }

        private mutating func start(_ name: String, line: Int) {
            var place = Place.outside
            if !frames.isEmpty {
                let p = frames.count - 1
                frames[p].hadChild = true
                if !frames[p].value.isEmpty {
                    let (value, line) = (frames[p].value, frames[p].valueLine)
                    mixed(at: p, value, line: line)
                    frames[p].value = ""
                }
                switch frames[p].place {
                case .donor: place = .donor
                case .cbu, .inCBU: place = .inCBU
                case .outside: break
                }
            }
            if place == .outside && name == "CBU" {
                place = .cbu
                (cbuLine, values, cbuFlawed, cbuHasEmpty, pathTooLongReported) = (line, [:], false, false, false)
                path.removeAll(keepingCapacity: true)
            } else if place == .outside && name == "DONOR" {
                place = .donor
            }
            let pathStart = path.count
            if place == .inCBU {
                if !path.isEmpty { path.append(UInt8(ascii: "_")) }
                path.append(contentsOf: name.utf8)
            }
            frames.append(Frame(place: place, name: name, line: line, pathStart: pathStart))
        }

        private mutating func text(_ text: ArraySlice<UInt8>, line: Int) {
            guard !frames.isEmpty, frames[frames.count - 1].place != .donor else { return }
            let top = frames.count - 1
            let value = Self.trimmed(text)
            if value.isEmpty { return }
            // The line the value starts on (the text's line ends are LF only).
            let line = line + text.prefix { XMLCharacters.isSpace($0) }.count { $0 == 0x0A }
            if frames[top].hadChild {
                mixed(at: top, value, line: line)
            } else {
                (frames[top].value, frames[top].valueLine) = (value, line)
            }
        }

        private mutating func end() {
            guard let frame = frames.popLast() else { return }
            switch frame.place {
            case .inCBU:
                if !frame.hadChild { storeLeaf(frame) }
                path.removeSubrange(min(frame.pathStart, path.count)...)
            case .cbu:
                if cbuHasEmpty { values = values.filter { !$0.value.isEmpty } }
                let item = UnitImporter.Item(line: cbuLine, values: values)
                if cbuFlawed { inventory.flawedItems.append(item) } else { inventory.items.append(item) }
                values = [:]
            case .donor:
                if frames.last?.place != .donor { inventory.donorsSkipped += 1 }
            case .outside:
                if !frame.hadChild { header(frame) }
            }
        }

        /// A leaf element inside a CBU: its value under its column name, once.
        private mutating func storeLeaf(_ frame: Frame) {
            guard path.count <= InputLimits.xmlNameBytes else {
                if !pathTooLongReported {
                    pathTooLongReported = true
                    flaw(line: frame.line, column: InputExcerpt.of(String(decoding: path, as: UTF8.self)),
                         reason: "the element path below <CBU> is longer than \(InputLimits.xmlNameBytes) bytes (InputLimits.xmlNameBytes)")
                }
                return
            }
            let column = String(decoding: path, as: UTF8.self)
            if values.updateValue(frame.value, forKey: column) != nil {
                flaw(line: frame.line, column: InputExcerpt.of(column),
                     reason: "given again in the <CBU> of line \(cbuLine): an element appears once in a CBU (which value would be meant?)")
            }
            if frame.value.isEmpty { cbuHasEmpty = true }
        }

        /// A leaf element outside CBUs and DONORs: a header value, once.
        private mutating func header(_ frame: Frame) {
            let name = frame.name
            guard ["POOL", "UPDATE_MODE", "CONTENT_TYPE", "SCHEMA_VERSION"].contains(name) else { return }
            if let first = headerLines[name] {
                inventory.fileIssues.append(ImportIssue(file: file, line: frame.line, column: name,
                                                        reason: "given again (first on line \(first)): a file holds one inventory, with one header"))
                return
            }
            headerLines[name] = frame.line
            switch name {
            case "POOL": inventory.pool = frame.value
            case "UPDATE_MODE": inventory.updateMode = frame.value
            case "CONTENT_TYPE": inventory.contentType = frame.value
            default: inventory.schemaVersion = frame.value
            }
        }

        /// Text beside child elements: a CBU's flaw, or the file's problem outside CBUs (DONOR blocks are skipped).
        private mutating func mixed(at index: Int, _ text: String, line: Int) {
            let frame = frames[index]
            guard !frame.mixedReported, frame.place != .donor else { return }
            frames[index].mixedReported = true
            let reason = "text ('\(InputExcerpt.of(text))') beside child elements: an element holds either a value or other elements"
            switch frame.place {
            case .cbu, .inCBU:
                flaw(line: line, column: frame.place == .cbu ? "CBU" : InputExcerpt.of(String(decoding: path, as: UTF8.self)), reason: reason)
            default:
                inventory.fileIssues.append(ImportIssue(file: file, line: line, column: InputExcerpt.of(frame.name), reason: reason))
            }
        }

        private mutating func flaw(line: Int, column: String, reason: String) {
            cbuFlawed = true
            inventory.itemIssues.append(ImportIssue(file: file, line: line, column: column, reason: reason))
        }

        /// The inventory, its header checked.
        func finished() -> Inventory {
            var inv = inventory
            func line(_ element: String) -> Int { headerLines[element] ?? 1 }
            func problem(_ element: String, _ reason: String) {
                inv.fileIssues.append(ImportIssue(file: file, line: line(element), column: element, reason: reason))
            }
            if inv.contentType != "C" {
                problem("CONTENT_TYPE", "'\(InputExcerpt.of(inv.contentType ?? ""))' — only cord blood inventories (C) are imported")
            }
            if !["FULL", "DIFF"].contains(inv.updateMode ?? "") {
                problem("UPDATE_MODE", "'\(InputExcerpt.of(inv.updateMode ?? ""))' is not FULL or DIFF")
            }
            if inv.updateMode == "FULL" && (inv.pool ?? "").isEmpty {
                problem("POOL", "a FULL inventory names its POOL")
            }
            if let v = inv.schemaVersion, !v.hasPrefix("2.") {
                problem("SCHEMA_VERSION", "'\(InputExcerpt.of(v))' — versions 2.2 and 2.3 are read")
            }
            return inv
        }

        /// Text as a value: without surrounding white space (XML's, and Unicode's, as `trimmingCharacters` has it).
        static func trimmed(_ text: ArraySlice<UInt8>) -> String {
            var lo = text.startIndex, hi = text.endIndex
            while lo < hi, XMLCharacters.isSpace(text[lo]) { lo += 1 }
            while hi > lo, XMLCharacters.isSpace(text[hi - 1]) { hi -= 1 }
            guard lo < hi else { return "" }
            let value = String(decoding: text[lo..<hi], as: UTF8.self)
            return text[lo] < 0x80 && text[hi - 1] < 0x80 ? value : value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
