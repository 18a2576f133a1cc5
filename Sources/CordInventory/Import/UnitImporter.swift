import CordMatch
import CordSupport
import Foundation
import GRDB
import HLA

/// Imports units from CSV (WMDA-path column layout) or WMDA inventory XML (`docs/FORMATS.md`); both become
/// records of the same columns (`UnitRecordLayout`), validated by one set of rules (`UnitRowValidator`). Every row is validated and every problem reported
/// (file, line, column, reason). By default one bad row means nothing is written; with
/// `skipInvalid` the valid rows are imported and the rejected ones written, with their reasons, to a rejects
/// file. All rows go in one transaction (a killed import leaves the database as it was); re-importing the same
/// file changes nothing (upsert by unit id).
public struct UnitImporter: Sendable {
    /// Resolves the units' typings.
    public let resolver: TypingResolver

    /// Makes an importer.
    ///
    /// - Parameter resolver: The resolver of the inventory's release.
    public init(resolver: TypingResolver) { self.resolver = resolver }

    /// The outcome of an import.
    public struct Summary: Sendable {
        /// Rows imported (valid rows written, changed or not).
        public let imported: Int
        /// The rows rejected, each with its problem (with `skipInvalid`; else the import throws).
        public let rejected: [ImportIssue]
        /// Rows whose stored values changed (new or different); re-importing the same file gives 0.
        public let changed: Int
    }

    /// Progress of an import, reported after each batch of records.
    public struct Progress: Sendable {
        /// Records read so far.
        public let records: Int
        /// Bytes of the file read so far, and its size.
        public let bytesRead: Int, bytesTotal: Int
        /// Seconds since the import started.
        public let seconds: Double
    }

    /// Parses and validates a file; returns the valid rows and every problem.
    ///
    /// - Parameters:
    ///   - text: The CSV text.
    ///   - file: The file's name, for issues.
    /// - Returns: The valid rows and every problem.
    public func parse(_ text: String, file: String) -> (rows: [UnitRow], issues: [ImportIssue]) {
        parse(Data(text.utf8), file: file)
    }

    /// `parse` of a file's bytes, read as `importFile` reads a CSV file (UTF-8: `CSVReader`).
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The file's name, for issues.
    /// - Returns: The valid rows and every problem (a problem that stops reading gives no rows).
    public func parse(_ data: Data, file: String) -> (rows: [UnitRow], issues: [ImportIssue]) {
        do {
            let batches = try UnitCSVBatches(data, file: file, resolver: resolver)
            var rows: [UnitRow] = []
            while let batch = try batches.next() { rows += batch.rows }
            return (rows, batches.issues)
        } catch {
            return ([], [CSVReader.issue(error, file: file)])
        }
    }

    /// One unit record of an input file: where it starts and its values by column name.
    public struct Item: Sendable {
        /// The 1-based line the record starts on.
        public let line: Int
        /// The record's values by column name (CSV) or element path (XML).
        public let values: [String: String]
        /// Makes a record.
        ///
        /// - Parameters:
        ///   - line: The line it starts on.
        ///   - values: Its values by column name.
        public init(line: Int, values: [String: String]) {
            self.line = line
            self.values = values
        }
    }

    /// Validates items (on every core; they are independent), then checks duplicate ids in file order.
    ///
    /// - Parameters:
    ///   - items: The records.
    ///   - file: The file (or scenario) they come from.
    ///   - pool: The WMDA pool the units belong to (from an XML header), or nil.
    /// - Returns: The valid rows and every problem.
    public func validate(_ items: [Item], file: String, pool: String? = nil) -> (rows: [UnitRow], issues: [ImportIssue]) {
        let (rows, issues, _) = validateItems(items, file: file, pool: pool)
        return (rows, issues)
    }

    /// `validate`, with the resolved typings of the rows.
    func validateItems(_ items: [Item], file: String, pool: String?) -> (rows: [UnitRow], issues: [ImportIssue], typings: ResolvedUnitTypings) {
        var layouts: [[String]: UnitRecordLayout] = [:]
        let records = items.map { item in
            let (columns, values) = UnitRecordLayout.of(item.values)
            let layout = layouts[columns] ?? UnitRecordLayout(columns: columns)
            layouts[columns] = layout
            return UnitValidationPass.Record(line: item.line, layout: layout, values: values)
        }
        var pass = UnitValidationPass(file: file, resolver: resolver)
        let rows = pass.validate(records, pool: pool)
        return (rows, pass.issues, pass.resolvedTypings)
    }

    /// The unknown column (or element) names of one record given as a map (rows that do not come from a CSV header).
    ///
    /// - Parameters:
    ///   - item: A record.
    ///   - file: The file's name, for issues.
    ///   - noun: What a key is called in the issue (`column`, `element`).
    /// - Returns: An issue for each unknown key.
    public static func columnIssues(_ item: Item, file: String, noun: String = "column") -> [ImportIssue] {
        item.values.keys.sorted().filter { !UnitCSVLayout.isKnown($0) }.map {
            ImportIssue(file: file, line: item.line, column: InputExcerpt.of($0), reason: "unknown \(noun) (see docs/FORMATS.md)")
        }
    }

    /// Parses and validates a WMDA inventory XML file.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The file's name, for issues.
    /// - Returns: The valid rows, every problem, and the inventory as read (its header and CBUs).
    public func parseXML(_ data: Data, file: String) -> (rows: [UnitRow], issues: [ImportIssue], inventory: WMDAInventoryXML.Inventory) {
        let (rows, issues, inventory, _) = readXML(data, file: file)
        return (rows, issues, inventory)
    }

    /// `parseXML`, with the resolved typings of the rows. A CBU with an unknown element, or one the reader found
    /// flawed (an element given twice …), is validated for its other problems but gives no row; a file with a
    /// problem of its own (not readable XML, a bad header) gives no rows at all.
    func readXML(_ data: Data, file: String) -> (rows: [UnitRow], issues: [ImportIssue], inventory: WMDAInventoryXML.Inventory, typings: ResolvedUnitTypings) {
        let inventory = WMDAInventoryXML.parse(data, file: file)
        var issues = inventory.issues, clean: [Item] = [], flawed = inventory.flawedItems
        issues += flawed.flatMap { Self.columnIssues($0, file: file, noun: "element") }
        for item in inventory.items {
            let unknown = Self.columnIssues(item, file: file, noun: "element")
            if unknown.isEmpty { clean.append(item) } else { flawed.append(item); issues += unknown }
        }
        var (rows, rowIssues, typings) = validateItems(clean, file: file, pool: inventory.pool)
        if !flawed.isEmpty { rowIssues += validateItems(flawed, file: file, pool: inventory.pool).issues }
        if !inventory.fileIssues.isEmpty { (rows, typings) = ([], .init()) }
        return (rows, (issues + rowIssues).sorted { $0.line < $1.line }, inventory, typings)
    }

    /// Parses, validates and stores a file (CSV, or WMDA XML when it starts with `<` in UTF-8, UTF-16 or an
    /// ASCII-compatible encoding, after a byte order mark and white space). Without `skipInvalid`, any
    /// problem rejects the whole file. An XML inventory with `UPDATE_MODE` FULL also removes the pool's units that
    /// it no longer lists, in the same transaction. A CSV file is read, validated and written a batch at a time,
    /// in one transaction; `progress` hears after each batch.
    ///
    /// - Parameters:
    ///   - path: The file, or `-` for standard input.
    ///   - store: The inventory.
    ///   - skipInvalid: Whether to import the valid rows when some are invalid.
    ///   - progress: Called after each batch of a CSV file.
    /// - Returns: How many rows were imported and changed, and the rejected ones.
    /// - Throws: `InventoryError` when the file cannot be read; `ImportRejected` when a row (or the file) is invalid
    ///   and `skipInvalid` is false; a database error when the write fails (nothing is written then).
    public func importFile(_ path: String, into store: InventoryStore, skipInvalid: Bool,
                           progress: @escaping @Sendable (Progress) -> Void = { _ in }) throws -> Summary {
        guard let data = InputFile.contents(path) else { throw InventoryError("cannot read \(path)") }
        let path = InputFile.name(path)
        if WMDAInventoryXML.looksLikeXML(data) {
            let (rows, issues, inventory, typings) = readXML(data, file: path)
            var replacePool = inventory.updateMode == "FULL" ? inventory.pool : nil
            // A FULL inventory with rejected rows must not delete the units those rows would have kept.
            if replacePool != nil && !issues.isEmpty { replacePool = nil }
            if !issues.isEmpty && !skipInvalid { throw ImportRejected(issues: issues) }
            let changed = try write(rows, into: store, source: path, replacingPool: replacePool, known: typings)
            return Summary(imported: rows.count, rejected: issues, changed: changed)
        }
        do {
            return try importCSV(data, path: path, into: store, skipInvalid: skipInvalid, progress: progress)
        } catch let e as CSVReader.SyntaxError {
            // Nothing of a file that cannot be read is imported (the transaction was rolled back).
            let issue = CSVReader.issue(e, file: path)
            if !skipInvalid { throw ImportRejected(issues: [issue]) }
            return Summary(imported: 0, rejected: [issue], changed: try write([], into: store, source: path))
        }
    }

    /// Reads, validates and upserts a CSV file in one transaction, a batch at a time (so a large file is never
    /// held in memory as rows): the next batch is read and validated on other threads while this one writes the
    /// last. Stops writing at the first problem unless `skipInvalid`, and then rolls back. The change log is
    /// written by the units' triggers, as for every other write (`InventorySchema`, v4).
    private func importCSV(_ data: Data, path: String, into store: InventoryStore, skipInvalid: Bool,
                           progress: @escaping @Sendable (Progress) -> Void) throws -> Summary {
        let batches = try UnitCSVBatches(data, file: path, resolver: resolver)
        return try store.bulkWrite { db in
            let since = try ChangeLogEntry.position(db)
            let upsert = Upsert(db, table: UnitRow.databaseTableName, columns: UnitRow.databaseColumns)
            var imported = 0, changed = 0
            // A batch's rows as statement values, made ahead of the writer (and on every core).
            @Sendable func next() throws -> (rows: Int, groups: [Upsert.Group], clean: Bool)? {
                try batches.next().map { ($0.rows.count, try Upsert.groups(of: $0.rows), $0.clean) }
            }
            var batch = try next()
            while let current = batch {
                let ahead = Prefetch {
                    progress(batches.progress)
                    return try next()
                }
                do {
                    if current.clean || skipInvalid {
                        changed += try upsert(current.groups)
                        imported += current.rows
                    }
                } catch {
                    _ = try? ahead.value()
                    throw error
                }
                batch = try ahead.value()
            }
            let issues = batches.issues
            if !issues.isEmpty && !skipInvalid { throw ImportRejected(issues: issues) }
            return Summary(imported: imported, rejected: issues,
                           changed: try finish(db, rows: imported, changed: changed, source: path, known: batches.typings, since: since))
        }
    }

    /// Upserts validated rows in one transaction and rebuilds the search index in it when anything changed;
    /// `replacingPool` also removes that pool's units the rows no longer list. Returns how many units changed.
    ///
    /// - Parameters:
    ///   - rows: Validated rows.
    ///   - store: The inventory.
    ///   - source: What the audit entry names as the source (the file).
    ///   - pool: The pool whose units not in `rows` are removed, or nil.
    /// - Returns: How many units changed.
    /// - Throws: A database error when the transaction fails (nothing is written then).
    public func write(_ rows: [UnitRow], into store: InventoryStore, source: String, replacingPool pool: String? = nil) throws -> Int {
        try write(rows, into: store, source: source, replacingPool: pool, known: .init())
    }

    /// `write`, with the resolved typings of the rows (for the index; others are resolved from the stored data).
    func write(_ rows: [UnitRow], into store: InventoryStore, source: String, replacingPool pool: String?, known: ResolvedUnitTypings) throws -> Int {
        try store.write { db in
            let since = try ChangeLogEntry.position(db)
            var changed = try Upsert.units(rows, in: db)
            if let pool {
                let listed = Set(rows.map(\.id))
                let stale = try UnitRow.ids(inPool: pool, db).filter { !listed.contains($0) }
                try UnitRow.delete(stale, db)
                changed += stale.count
                if !stale.isEmpty { try InventoryStore.audit(db, "full inventory", "\(source): pool \(pool) no longer lists \(stale.count) units; removed") }
            }
            return try finish(db, rows: rows.count, changed: changed, source: source, known: known, since: since)
        }
    }

    /// The end of an import's transaction (which began at change-log position `since`): the search index rebuilt
    /// when anything changed, and the audit entry. Returns `changed`.
    private func finish(_ db: Database, rows: Int, changed: Int, source: String, known: ResolvedUnitTypings, since: Int64) throws -> Int {
        if changed > 0 { try SearchIndexStore.rebuild(db, resolver: resolver, known: known, unchangedSince: since) }
        try InventoryStore.audit(db, "import units", "\(source): \(rows) rows, \(changed) new, changed or removed")
        return changed
    }
}
