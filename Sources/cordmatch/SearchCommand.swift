import ArgumentParser
import CordInventory
import CordMatch
import Foundation

/// The recipient of a search or explanation: a stored one (`--recipient ID`) or one given on the command line.
struct RecipientOptions: ParsableArguments {
    @Option(help: "A recipient stored in the database.") var recipient: String?
    @Option(help: "Or a typing (GL string) for an ad-hoc recipient.") var hla: String?
    @Option(help: "Ad-hoc recipient weight (\(WeightKg.range)).") var weight: WeightKg = 70
    @Option(help: "Ad-hoc recipient disease: malignant or non-malignant.") var disease: String = "malignant"
    @Option(help: "Ad-hoc recipient antibodies, TARGET=MFI separated by ';'.") var dsa = ""
    @Option(help: "Policy: a preset or a policy file (default: the recipient's, else the preset of the disease).") var policy: String?
    @Option(help: "Search date for date rules (YYYY-MM-DD, \(SearchDate.range); default today).") var searchDate: SearchDate?

    func validate() throws {
        if (recipient == nil) == (hla == nil) { throw ValidationError("give either --recipient ID or --hla GL") }
        do { _ = try SearchRequest.disease(disease, parameter: "--disease") } catch { throw ValidationError("\(error)") }
    }

    /// The library's form of these options: whom to search for, under which policy, at which date.
    var request: SearchRequest {
        let subject: SearchRequest.Subject = recipient.map { .stored(id: $0) }
            ?? .adHoc(hla: hla!, weightKg: weight.value, disease: Recipient.DiseaseClass(rawValue: disease)!, dsa: dsa)
        return SearchRequest(subject: subject, policy: policy, searchDate: searchDate?.date ?? CalendarDate.today())
    }

    /// Opens the database (read-only) and the release, loads the inventory's search index, and runs `body` with
    /// the search and the request. A recipient or unit that is not stored, or a typing or antibodies that are not
    /// valid, is a problem of the input (exit code 1).
    func withSearch(_ database: DatabaseOptions, _ reference: ReferenceOptions,
                    _ body: (InventorySearch, SearchRequest) throws -> Void) throws {
        let store = try database.open(.readOnly)
        let index = StoredIndexLoad(store)  // read while the reference data load
        let resolver = try reference.resolver()
        do {
            try body(try InventorySearch(store: store, resolver: resolver, loading: index), request)
        } catch let e as InventoryNotFound {
            throw InputProblems("\(e) \(store.path)")
        }
    }
}

enum SearchFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

enum ExplainFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Rank the inventory's units for a recipient under a policy.",
        discussion: """
            Examples:
              cordmatch search --db inventory.sqlite --recipient R1 --limit 20
              cordmatch search --hla 'A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01' \\
                --weight 18 --disease non-malignant --dsa 'B7=3500' --format json

            The table shows rank, unit, bank, x/6 and x/8 (p = potential), known GvH/HvG mismatches, TNC/kg, CD34/kg \
            and warnings. Only available (AV) units are eligible; --include-ineligible lists the others with reasons. \
            Double units are proposed when no single unit passes.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var who: RecipientOptions
    @Option(help: "How many ranked units (and pairs) to show (\(ResultLimit.range)).") var limit: ResultLimit = 20
    @Flag(help: "Also list ineligible units, with the reasons.") var includeIneligible = false
    @Option(help: "Output: table, json or csv.") var format: SearchFormat = .table
    @OptionGroup var reference: ReferenceOptions

    func run() async throws {
        try who.withSearch(database, reference) { search, request in
            let report = try search.report(request, limit: limit.count, includeIneligible: includeIneligible)
            switch format {
            case .json: print(report.json())
            case .csv: print(SearchTable.csv(report))
            case .table: print(SearchTable.text(report))
            }
        }
    }
}

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one unit for a recipient: every locus, count, dose, antibody and policy rule.",
        discussion: "Example: cordmatch explain --db inventory.sqlite --recipient R1 --unit CB-0042 [--format json]")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var who: RecipientOptions
    @Option(help: "The unit id.") var unit: String
    @Option(help: "Output: text, or json (cordmatch.explain/1).") var format: ExplainFormat = .text
    @OptionGroup var reference: ReferenceOptions

    func run() async throws {
        try who.withSearch(database, reference) { search, request in
            let report = try search.explainReport(request, unitID: unit)
            switch format {
            case .json: print(report.json())
            case .text: print(report.explanation.joined(separator: "\n"))
            }
        }
    }
}

/// Text and CSV renderings of a search report.
enum SearchTable {
    static func text(_ r: SearchReport) -> String {
        var lines = ["Recipient \(r.recipient), policy \(r.policy), IPD-IMGT/HLA \(r.imgtVersion), search date \(r.searchDate): "
                     + "\(r.scanned) units scanned, \(r.assessed) assessed"]
        lines.append("rank  unit              bank        x/6      x/8      GvH HvG  TNC/kg  CD34/kg  status / warnings")
        for u in r.results {
            let rank = u.rank.map { String(format: "%4d", $0) } ?? "   -"
            let status = u.eligible ? u.warnings.joined(separator: "; ") : "NOT ELIGIBLE: " + u.reasons.joined(separator: "; ")
            let tnc: String = u.tncPerKg.map { String(format: "%.2f", $0) } ?? "—"
            let cd34: String = u.cd34PerKg.map { String(format: "%.2f", $0) } ?? "—"
            let columns: [String] = [
                rank, pad(u.unitId, 16), pad(u.bank ?? "", 10), pad(count(u.match.x6, u.match.x6Potential, 6), 7),
                pad(count(u.match.x8, u.match.x8Potential, 8), 7) + String(format: "  %3d %3d", u.match.gvh, u.match.hvg),
                pad(tnc, 6), pad(cd34, 7), status,
            ]
            lines.append(columns.joined(separator: "  "))
        }
        if r.results.isEmpty { lines.append("  (no unit passes the policy)") }
        for p in r.pairs {
            lines.append("double unit \(p.rank): \(p.units.joined(separator: " + ")), combined TNC \(String(format: "%.2f", p.combinedTncPerKg)) ×10^7/kg, "
                         + "unit-to-unit \(count(p.unitToUnitX8, p.unitToUnitX8Potential, 8))")
        }
        return lines.joined(separator: "\n")
    }

    static func csv(_ r: SearchReport) -> String {
        let header = "rank,unit_id,bank,eligible,x6,x6_potential,x8,x8_potential,gvh,hvg,tnc_per_kg,cd34_per_kg,reasons"
        var lines = [header]
        for u in r.results {
            let m = u.match
            var fields: [String] = [u.rank.map(String.init) ?? "", u.unitId, u.bank ?? "", String(u.eligible)]
            fields += [m.x6, m.x6Potential, m.x8, m.x8Potential, m.gvh, m.hvg].map(String.init)
            fields += [u.tncPerKg.map { String($0) } ?? "", u.cd34PerKg.map { String($0) } ?? "", u.reasons.joined(separator: "; ")]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
    static func count(_ d: Int, _ p: Int, _ of: Int) -> String { p > 0 ? "\(d)+\(p)p/\(of)" : "\(d)/\(of)" }
}
