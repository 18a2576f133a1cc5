import CordMatch
import Foundation
import GRDB

/// Imports units from CSV (WMDA-path column layout) or WMDA inventory XML (`docs/FORMATS.md`); both become the
/// same column → value maps, validated by one set of rules. Every row is validated and every problem reported
/// (file, line, column, reason). By default one bad row means nothing is written; with
/// `skipInvalid` the valid rows are imported and the rejected ones written, with their reasons, to a rejects
/// file. All rows go in one transaction (a killed import leaves the database as it was); re-importing the same
/// file changes nothing (upsert by unit id).
public struct UnitImporter: Sendable {
    public let resolver: TypingResolver

    public init(resolver: TypingResolver) { self.resolver = resolver }

    /// The outcome of an import.
    public struct Summary: Sendable {
        public let imported: Int
        public let rejected: [ImportIssue]
        /// Rows whose stored values changed (new or different); re-importing the same file gives 0.
        public let changed: Int
    }

    /// Parses and validates a file; returns the valid rows and every problem.
    public func parse(_ text: String, file: String) -> (rows: [UnitRow], issues: [ImportIssue]) {
        let header: CSVReader.Record, body: [CSVReader.Record]
        switch CSVReader.table(text, file: file) {
        case .success(let t): (header, body) = t
        case .failure(let issue): return ([], [issue])
        }
        var issues: [ImportIssue] = []
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        for c in columns where !UnitCSVLayout.isKnown(c) {
            issues.append(ImportIssue(file: file, line: header.line, column: c, reason: "unknown column (see docs/FORMATS.md)"))
        }
        for c in UnitCSVLayout.required where !columns.contains(c) {
            issues.append(ImportIssue(file: file, line: header.line, column: c, reason: "required column missing"))
        }
        if Set(columns).count != columns.count {
            issues.append(ImportIssue(file: file, line: header.line, column: "", reason: "a column name appears twice"))
        }
        if !issues.isEmpty { return ([], issues) }
        var items: [Item] = []
        for r in body {
            guard r.fields.count == columns.count else {
                issues.append(ImportIssue(file: file, line: r.line, column: "", reason: "\(r.fields.count) fields, the header has \(columns.count)"))
                continue
            }
            items.append(Item(line: r.line, values: Dictionary(uniqueKeysWithValues: zip(columns, r.fields.map(Self.trimmed)))))
        }
        let (rows, rowIssues) = validate(items, file: file)
        return (rows, (issues + rowIssues).sorted { $0.line < $1.line })
    }

    /// One unit record of an input file: where it starts and its values by column name.
    public struct Item: Sendable {
        public let line: Int
        public let values: [String: String]
        public init(line: Int, values: [String: String]) {
            self.line = line
            self.values = values
        }
    }

    /// Validates items (on every core; they are independent), then checks duplicate ids in file order.
    public func validate(_ items: [Item], file: String, pool: String? = nil) -> (rows: [UnitRow], issues: [ImportIssue]) {
        let parts = ProcessInfo.processInfo.activeProcessorCount
        let results = ParallelSlots<(UnitRow?, [ImportIssue])>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            for i in stride(from: part, to: items.count, by: parts) {
                results[i] = parseRow(items[i].values, line: items[i].line, file: file)
            }
        }
        var rows: [UnitRow] = []
        var issues: [ImportIssue] = []
        var seen: [String: Int] = [:]
        for (i, r) in items.enumerated() {
            var (row, rowIssues) = results[i]!
            row?.pool = pool
            if let row, rowIssues.isEmpty {
                if let first = seen[row.id] {
                    issues.append(ImportIssue(file: file, line: r.line, column: "ID", reason: "unit \(row.id) appears again (first on line \(first))"))
                    continue
                }
                seen[row.id] = r.line
                rows.append(row)
            }
            issues += rowIssues
        }
        return (rows, issues)
    }

    func parseRow(_ v: [String: String], line: Int, file: String) -> (UnitRow?, [ImportIssue]) {
        var issues: [ImportIssue] = []
        func issue(_ column: String, _ reason: String) { issues.append(ImportIssue(file: file, line: line, column: column, reason: reason)) }
        func value<T>(_ column: String, _ outcome: FieldParsers.Outcome<T>) -> T? {
            switch outcome {
            case .value(let x): return x
            case .absent: return nil
            case .invalid(let why): issue(column, why); return nil
            }
        }
        let s = { (c: String) in v[c] ?? "" }
        let id = s("ID")
        if id.isEmpty { issue("ID", "required") } else if id.count > 17 || id.contains(where: { $0.isWhitespace }) {
            issue("ID", "'\(id)' is not a unit ID (at most 17 characters, no spaces)")
        }
        let status = value("STATUS", FieldParsers.code(s("STATUS"), UnitCSVLayout.statuses))
        if s("STATUS").isEmpty { issue("STATUS", "required (AV, TU, RE or DE)") }
        let birth = value("BIRTH_DATE", FieldParsers.date(s("BIRTH_DATE")))
        if s("BIRTH_DATE").isEmpty { issue("BIRTH_DATE", "required (YYYY-MM-DD)") }
        let reason = value("STAT_REASON", FieldParsers.code(s("STAT_REASON"), UnitCSVLayout.statReasons))
        let tnc = value("TNC", FieldParsers.number(s("TNC")))
        let cd34 = value("CD34PC", FieldParsers.number(s("CD34PC")))
        let vol = value("VOL", FieldParsers.number(s("VOL"), allowZero: false))
        let coll = value("COLL_DATE", FieldParsers.date(s("COLL_DATE")))
        let prod = value("PROD_MOD", FieldParsers.code(s("PROD_MOD"), UnitCSVLayout.prodMods))
        let abo = value("ABO", FieldParsers.code(s("ABO"), UnitCSVLayout.abo))
        let rh = value("RHESUS", FieldParsers.code(s("RHESUS"), UnitCSVLayout.rhesus))
        let ethn = value("ETHN", FieldParsers.code(s("ETHN"), UnitCSVLayout.ethnicities))
        let seg = value("ATT_SEG", FieldParsers.integer(s("ATT_SEG")))
        let accredited = value("X_ACCREDITED", FieldParsers.code(s("X_ACCREDITED"), UnitCSVLayout.yesNo)).map { $0 == "Y" }
        _ = value("SEX", FieldParsers.code(s("SEX"), UnitCSVLayout.sexes))
        for c in ["STAT_END_DATE", "PROC_DATE", "FREEZE_DATE", "CT_COMPLETE_DATE", "VIABILITY_DATE"] { _ = value(c, FieldParsers.date(s(c))) }
        for c in ["VOL_FRZN", "TNC_FRZN", "CD34PC_FRZN", "CFU_FRZN", "MNC_FRZN", "RED_BC_FRZN", "VIABILITY"] { _ = value(c, FieldParsers.number(s(c))) }
        if let db = v["X_HLA_DB_VERSION"], !db.isEmpty, db != resolver.data.version {
            issue("X_HLA_DB_VERSION", "typed against IPD-IMGT/HLA \(db); this database uses \(resolver.data.version) (cordmatch data use \(db) to switch)")
        }

        let hla = typing(v, prefix: "", required: true, issue)
        let maternal = typing(v, prefix: "MAT_", required: false, issue)
        guard issues.isEmpty, let status, let birth, let hla else { return (nil, issues) }

        let hlaColumns = UnitCSVLayout.hlaColumns(prefix: "") + ["X_HLA_GL"]
        let hlaFields = v.filter { hlaColumns.contains($0.key) && !$0.value.isEmpty }
        let consumed = Set(["ID", "BANK_MANUF_ID", "STATUS", "STAT_REASON", "TNC", "CD34PC", "VOL", "COLL_DATE", "BIRTH_DATE", "PROD_MOD",
                            "ABO", "RHESUS", "ETHN", "ATT_SEG", "X_ACCREDITED"] + hlaColumns + UnitCSVLayout.hlaColumns(prefix: "MAT_"))
        let extra = v.filter { !consumed.contains($0.key) && !$0.value.isEmpty }
        return (UnitRow(id: id, bank: s("BANK_MANUF_ID").isEmpty ? nil : s("BANK_MANUF_ID"), pool: nil, status: status, statReason: reason,
                        hla: hla, hlaFields: Self.json(hlaFields), release: resolver.data.version, tnc: tnc, cd34: cd34, volume: vol,
                        collectionDate: coll?.description, birthDate: birth.description, productModification: prod, abo: abo,
                        rhesus: rh, ethnicity: ethn, attachedSegments: seg, accredited: accredited, maternalHLA: maternal,
                        extra: Self.json(extra)), issues)
    }

    /// The typing of a row as a GL string: `X_HLA_GL` when given, else built from the SER/DNA field columns (DNA
    /// wins over SER for a position; one value at a locus means homozygous). Each value is checked against the
    /// release, so an error names its column.
    func typing(_ v: [String: String], prefix: String, required: Bool, _ issue: (String, String) -> Void) -> String? {
        if prefix.isEmpty, let gl = v["X_HLA_GL"], !gl.isEmpty {
            do { _ = try resolver.resolve(gl); return gl } catch { issue("X_HLA_GL", "\(error)"); return nil }
        }
        var loci: [String] = []
        var ok = true
        for locus in UnitCSVLayout.loci {
            var values: [String] = []
            var given = false
            for n in ["1", "2"] {
                let dnaColumn = "\(prefix)HLA_\(locus)_DNA_FIELD\(n)", serColumn = "\(prefix)HLA_\(locus)_SER_FIELD\(n)"
                let dna = v[dnaColumn] ?? "", ser = v[serColumn] ?? ""
                let (column, token): (String, String?)
                if !dna.isEmpty { (column, token) = (dnaColumn, Self.dnaToken(dna, locus: locus)) }
                else if !ser.isEmpty { (column, token) = (serColumn, Self.serologyToken(ser, locus: locus)) }
                else { continue }
                given = true
                guard let token else { issue(column, "'\(column.hasSuffix("\(n)") && !dna.isEmpty ? dna : ser)' is not a typing for locus \(locus)"); ok = false; continue }
                do {
                    if let scored = MatchLocus(rawValue: locus) {
                        _ = try resolver.resolveValue(token, locus: scored)
                    } else {
                        _ = try resolver.resolve(token)
                    }
                    values.append(token)
                } catch {
                    issue(column, "\(error)")
                    ok = false
                }
            }
            if required && !given && ["A", "B", "DRB1"].contains(locus) {
                issue("\(prefix)HLA_\(locus)", "A, B and DRB1 need a SER or DNA value"); ok = false
            }
            if !values.isEmpty { loci.append(values.joined(separator: "+")) }
        }
        guard ok else { return nil }
        if loci.isEmpty { return required ? nil : nil }
        return loci.joined(separator: "^")
    }

    /// `A*02:01`, `HLA-A*02:01` or `02:01` (also `02:AB`, `02:XX`) → a full name at `locus`; nil for a wrong locus.
    static func dnaToken(_ s: String, locus: String) -> String? {
        let bare = s.hasPrefix("HLA-") ? String(s.dropFirst(4)) : s
        if let star = bare.firstIndex(of: "*") { return bare[..<star] == locus ? s : nil }
        return "\(locus)*\(bare)"
    }

    /// `2`, `A2` or `Cw7` → a serologic name at `locus`.
    static func serologyToken(_ s: String, locus: String) -> String? {
        let prefix = ["A": "A", "B": "B", "C": "Cw", "DRB1": "DR", "DQB1": "DQ"][locus] ?? locus
        if s.allSatisfy(\.isNumber) { return prefix + s }
        if locus == "C" && s.hasPrefix("C") && !s.hasPrefix("Cw") { return "Cw" + s.dropFirst() }
        return s.hasPrefix(prefix) ? s : nil
    }

    static func json(_ d: [String: String]) -> String { JSONObjectText.encode(d) }

    /// The field without surrounding spaces (most fields have none: no work then).
    static func trimmed(_ s: String) -> String {
        guard let f = s.first, let l = s.last, f == " " || l == " " || f == "\t" || l == "\t" else { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// The unknown column (or element) names of one record given as a map (rows that do not come from a CSV header).
    public static func columnIssues(_ item: Item, file: String, noun: String = "column") -> [ImportIssue] {
        item.values.keys.sorted().filter { !UnitCSVLayout.isKnown($0) }.map {
            ImportIssue(file: file, line: item.line, column: $0, reason: "unknown \(noun) (see docs/FORMATS.md)")
        }
    }

    /// Parses and validates a WMDA inventory XML file.
    public func parseXML(_ data: Data, file: String) -> (rows: [UnitRow], issues: [ImportIssue], inventory: WMDAInventoryXML.Inventory) {
        let inventory = WMDAInventoryXML.parse(data, file: file)
        let issues = inventory.issues + inventory.items.flatMap { Self.columnIssues($0, file: file, noun: "element") }
        let (rows, rowIssues) = validate(inventory.items, file: file, pool: inventory.pool)
        return (rows, (issues + rowIssues).sorted { $0.line < $1.line }, inventory)
    }

    /// Parses, validates and stores a file (CSV, or WMDA XML when it starts with `<`). Without `skipInvalid`, any
    /// problem rejects the whole file. An XML inventory with `UPDATE_MODE` FULL also removes the pool's units that
    /// it no longer lists, in the same transaction.
    public func importFile(_ path: String, into store: InventoryStore, skipInvalid: Bool) throws -> Summary {
        guard let data = FileManager.default.contents(atPath: path) else { throw InventoryError("cannot read \(path)") }
        let isXML = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) == UInt8(ascii: "<")
        let rows: [UnitRow], issues: [ImportIssue]
        var replacePool: String?
        if isXML {
            let parsed = parseXML(data, file: path)
            (rows, issues) = (parsed.rows, parsed.issues)
            if parsed.inventory.updateMode == "FULL" { replacePool = parsed.inventory.pool }
            // A FULL inventory with rejected rows must not delete the units those rows would have kept.
            if replacePool != nil && !issues.isEmpty { replacePool = nil }
        } else {
            (rows, issues) = parse(String(decoding: data, as: UTF8.self), file: path)
        }
        if !issues.isEmpty && !skipInvalid { throw ImportRejected(issues: issues) }
        let changed = try write(rows, into: store, source: path, replacingPool: replacePool)
        return Summary(imported: rows.count, rejected: issues, changed: changed)
    }

    /// Upserts validated rows in one transaction and rebuilds the search index in it when anything changed;
    /// `replacingPool` also removes that pool's units the rows no longer list. Returns how many units changed.
    public func write(_ rows: [UnitRow], into store: InventoryStore, source: String, replacingPool pool: String? = nil) throws -> Int {
        let resolver = resolver
        return try store.write { db in
            var changed = try Upsert.rows(rows, in: db)
            if let pool {
                let listed = Set(rows.map(\.id))
                let stale = try String.fetchAll(db, sql: "SELECT id FROM units WHERE pool = ?", arguments: [pool]).filter { !listed.contains($0) }
                for id in stale { try db.execute(sql: "DELETE FROM units WHERE id = ?", arguments: [id]) }
                changed += stale.count
                if !stale.isEmpty { try InventoryStore.audit(db, "full inventory", "\(source): pool \(pool) no longer lists \(stale.count) units; removed") }
            }
            if changed > 0 { try SearchIndexStore.rebuild(db, resolver: resolver) }
            try InventoryStore.audit(db, "import units", "\(source): \(rows.count) rows, \(changed) new, changed or removed")
            return changed
        }
    }
}
