import CordMatch
import Foundation
import GRDB
import HLA

/// Imports recipients from a CSV file with columns `ID, WEIGHT_KG, DISEASE, HLA, DSA, ABO, POLICY, ACTIVE, POPULATION`
/// (`HLA` a GL string; `DSA` a `;`-separated list of `TARGET=MFI`; `POPULATION` the code that chooses the haplotype
/// frequency set). Validation, all-or-nothing and upsert as for
/// units.
public struct RecipientCSVImporter: Sendable {
    /// Resolves the recipients' typings and antibody targets.
    public let resolver: TypingResolver
    /// Asked, with its absolute path, before a `POLICY` file is read: why it may not be (nil: it may). A scenario
    /// run allows only files inside its `ScenarioRoot`; `cordmatch import` reads any.
    public let policyFileRefusal: @Sendable (String) -> String?

    /// Makes an importer.
    ///
    /// - Parameters:
    ///   - resolver: The resolver of the inventory's release.
    ///   - policyFileRefusal: Why a `POLICY` file may not be read, given its absolute path (nil: it may).
    public init(resolver: TypingResolver, policyFileRefusal: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.resolver = resolver
        self.policyFileRefusal = policyFileRefusal
    }

    static let columns = ["ID", "WEIGHT_KG", "DISEASE", "HLA", "DSA", "ABO", "POLICY", "ACTIVE", "POPULATION"]
    static let required = ["ID", "WEIGHT_KG", "DISEASE", "HLA"]
    static let kind = CSVHeaderKind(name: "recipient", examples: columns, isKnown: { columns.contains($0) })

    /// Parses and validates a recipient CSV file.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - file: The file's name; a `POLICY` path is taken relative to its folder.
    /// - Returns: The valid rows and every problem (a problem of the whole file gives no rows).
    public func parse(_ text: String, file: String) -> (rows: [RecipientRow], issues: [ImportIssue]) {
        parse(Data(text.utf8), file: file)
    }

    /// `parse` of a file's bytes (UTF-8: `CSVReader`).
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The file's name.
    /// - Returns: The valid rows and every problem.
    public func parse(_ data: Data, file: String) -> (rows: [RecipientRow], issues: [ImportIssue]) {
        let header: CSVReader.Record, body: [CSVReader.Record]
        switch CSVReader.table(data, file: file) {
        case .success(let t): (header, body) = t
        case .failure(let issue): return ([], [issue])
        }
        let cols = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        if let foreign = Self.kind.foreignFileIssue(cols, line: header.line, file: file) { return ([], [foreign]) }
        var issues: [ImportIssue] = []
        for c in cols where !Self.columns.contains(c) {
            issues.append(ImportIssue(file: file, line: header.line, column: InputExcerpt.of(c), reason: "unknown column (expected \(Self.columns.joined(separator: ", ")))"))
        }
        for c in Self.required where !cols.contains(c) {
            issues.append(ImportIssue(file: file, line: header.line, column: c, reason: "required column missing"))
        }
        if let repeated = CSVHeaderKind.repeatedColumnIssue(cols, line: header.line, file: file) { issues.append(repeated) }
        if !issues.isEmpty { return ([], issues) }
        var items: [UnitImporter.Item] = []
        for r in body {
            guard r.fields.count == cols.count else {
                issues.append(ImportIssue(file: file, line: r.line, column: "", reason: "\(r.fields.count) fields, the header has \(cols.count)"))
                continue
            }
            items.append(UnitImporter.Item(line: r.line, values: Dictionary(uniqueKeysWithValues: zip(cols, r.fields.map { $0.trimmingCharacters(in: .whitespaces) }))))
        }
        let (rows, rowIssues) = validate(items, file: file)
        return (rows, (issues + rowIssues).sorted { $0.line < $1.line })
    }

    /// The problems with the column names of one record given as a map (rows that do not come from a CSV header).
    ///
    /// - Parameters:
    ///   - item: A record.
    ///   - file: The file's name, for issues.
    /// - Returns: An issue for each unknown column.
    public static func columnIssues(_ item: UnitImporter.Item, file: String) -> [ImportIssue] {
        item.values.keys.sorted().filter { !columns.contains($0) }.map {
            ImportIssue(file: file, line: item.line, column: InputExcerpt.of($0), reason: "unknown column (expected \(columns.joined(separator: ", ")))")
        }
    }

    /// Validates records (column → value) and checks duplicate ids in order. A `POLICY` that names a file is
    /// taken relative to the folder of `file` (the CSV file, or the scenario that holds the rows), must load and
    /// validate as the search will load it (`PolicyLoader`), and is stored as an absolute path
    /// (`PolicyLoader.reference`).
    ///
    /// - Parameters:
    ///   - items: The records.
    ///   - file: The file (or scenario) they come from.
    /// - Returns: The valid rows and every problem.
    public func validate(_ items: [UnitImporter.Item], file: String) -> (rows: [RecipientRow], issues: [ImportIssue]) {
        var rows: [RecipientRow] = []
        var issues: [ImportIssue] = []
        var seen: [String: Int] = [:]
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        var policies: [String: String?] = [:]  // reference → why it does not load (nil: it does)
        for r in items {
            let v = r.values
            var rowIssues: [ImportIssue] = []
            func issue(_ c: String, _ why: String) { rowIssues.append(ImportIssue(file: file, line: r.line, column: c, reason: why)) }
            let id = v["ID"] ?? ""
            if id.isEmpty { issue("ID", "required") } else if id.count > 64 || UnitRowValidator.hasControlCharacter(id) {
                issue("ID", "'\(InputExcerpt.of(id))' is not a recipient ID (at most 64 characters, no control characters)")
            }
            var weight = 0.0
            switch FieldParsers.number(v["WEIGHT_KG"] ?? "", .recipientWeight) {
            case .value(let w): weight = w
            case .absent: issue("WEIGHT_KG", "required")
            case .invalid(let why): issue("WEIGHT_KG", why)
            }
            let disease = Recipient.DiseaseClass(rawValue: v["DISEASE"] ?? "")
            if disease == nil { issue("DISEASE", "'\(InputExcerpt.of(v["DISEASE"] ?? ""))' is not malignant or non-malignant") }
            let hla = v["HLA"] ?? ""
            if hla.isEmpty { issue("HLA", "required (a GL string)") } else {
                do { _ = try resolver.resolve(hla) } catch { issue("HLA", "\(error)") }
            }
            let dsa = v["DSA"] ?? ""
            do { _ = try AntibodyList.parse(dsa, resolver: resolver) } catch { issue("DSA", "\(error)") }
            if case .invalid(let why) = FieldParsers.code(v["ABO"] ?? "", UnitCSVLayout.abo) { issue("ABO", why) }
            let policy = v["POLICY"] ?? ""
            let reference = policy.isEmpty ? "" : PolicyReference(policy, relativeTo: folder).description
            if !policy.isEmpty {
                if policies[reference] == nil {
                    if PolicyPresets.named(reference) == nil, let refusal = policyFileRefusal(reference) {
                        policies[reference] = refusal
                    } else {
                        do { _ = try PolicyReference(reference).load(); policies[reference] = .some(nil) } catch { policies[reference] = "does not load: \(error)" }
                    }
                }
                if let why = policies[reference]! { issue("POLICY", "'\(InputExcerpt.of(policy))' \(why)") }
            }
            var population: String?
            switch FieldParsers.population(v["POPULATION"] ?? "") {
            case .value(let p): population = p
            case .absent: break
            case .invalid(let why): issue("POPULATION", why)
            }
            let active = v["ACTIVE"] ?? ""
            if case .invalid(let why) = FieldParsers.code(active, ["Y", "N", "true", "false", "1", "0"]) { issue("ACTIVE", why) }
            if rowIssues.isEmpty, let disease {
                if let first = seen[id] {
                    issues.append(ImportIssue(file: file, line: r.line, column: "ID", reason: "recipient \(InputExcerpt.of(id)) appears again (first on line \(first))"))
                    continue
                }
                seen[id] = r.line
                rows.append(RecipientRow(id: id, hla: hla, release: resolver.data.version, weightKg: weight, disease: disease, dsa: dsa,
                                         abo: (v["ABO"] ?? "").isEmpty ? nil : v["ABO"], policy: policy.isEmpty ? nil : reference,
                                         active: !["N", "false", "0"].contains(active), population: population))
            }
            issues += rowIssues
        }
        return (rows, issues)
    }

    /// Parses, validates and stores a recipient CSV file, in one transaction. Without `skipInvalid` any problem
    /// rejects the whole file.
    ///
    /// - Parameters:
    ///   - path: The file, or `-` for standard input.
    ///   - store: The inventory.
    ///   - skipInvalid: Whether to import the valid rows when some are invalid.
    /// - Returns: How many rows were imported and changed, and the rejected ones.
    /// - Throws: `InventoryError` when the file cannot be read; `ImportRejected` when a row is invalid and
    ///   `skipInvalid` is false; a database error when the write fails.
    public func importFile(_ path: String, into store: InventoryStore, skipInvalid: Bool) throws -> UnitImporter.Summary {
        guard let data = InputFile.contents(path) else { throw InventoryError("cannot read \(path)") }
        let path = InputFile.name(path)
        let (rows, issues) = parse(data, file: path)
        if !issues.isEmpty && !skipInvalid { throw ImportRejected(issues: issues) }
        let changed = try write(rows, into: store, source: path)
        return UnitImporter.Summary(imported: rows.count, rejected: issues, changed: changed)
    }

    /// Upserts validated rows in one transaction, with an audit entry naming `source`; returns how many changed.
    ///
    /// - Parameters:
    ///   - rows: Validated rows.
    ///   - store: The inventory.
    ///   - source: What the audit entry names as the source (the file).
    /// - Returns: How many rows were new or changed.
    /// - Throws: A database error when the transaction fails (nothing is written then).
    public func write(_ rows: [RecipientRow], into store: InventoryStore, source: String) throws -> Int {
        try store.write { db in
            let changed = try Upsert.rows(rows, in: db)
            try InventoryStore.audit(db, "import recipients", "\(source): \(rows.count) rows, \(changed) new or changed")
            return changed
        }
    }
}
