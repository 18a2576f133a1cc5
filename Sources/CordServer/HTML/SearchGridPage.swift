import CordInventory
import CordMatch
import CordService
import Foundation

/// `/recipients/{id}`: a recipient's search as a ranked grid — rank, unit, bank, x/6 and x/8 (definite +
/// potential), one cell per locus, GvH/HvG, doses, ABO, collection date and age, status, warnings, and why each
/// unit precedes the next — with the ranking rule in words, filters and sorting (query parameters, so that they
/// work without script), the near misses in their own section (shown unless `near_misses=off`), the double units
/// when no single unit suffices, the requests recorded for the recipient, and a form comparing the units ticked.
/// Every figure is the search report's (`SearchGrid.report`, `cordmatch.search/1`); each row carries them as
/// `data-*` attributes too.
enum SearchGridPage {
    /// The grid's filters and order, from the query.
    struct Options {
        /// Units with at least this many known x/8 matches.
        var minX8 = 0
        /// Units of this bank only (empty: every bank).
        var bank = ""
        /// Units with at least this TNC/kg (×10^7).
        var minTNC: Double?
        /// `rank` (the policy's order), `x8`, `tnc`, `cd34`, `collected` or `unit`.
        var sort = "rank"
        /// Whether the near-miss section is shown.
        var nearMisses = true

        static let sorts = ["rank": "rank (the policy's order)", "x8": "x/8, most matches first", "tnc": "TNC/kg, highest first",
                            "cd34": "CD34/kg, highest first", "collected": "collection date, most recent first", "unit": "unit id"]
        static let sortOrder = ["rank", "x8", "tnc", "cd34", "collected", "unit"]

        func admits(_ u: SearchReport.UnitResult) -> Bool {
            u.match.x8 >= minX8 && (bank.isEmpty || u.bank == bank) && (minTNC.map { (u.tncPerKg ?? -1) >= $0 } ?? true)
        }

        /// `units` in this order (stable: ties keep the policy's order).
        func ordered(_ units: [SearchReport.UnitResult], _ grid: SearchGrid) -> [SearchReport.UnitResult] {
            let indexed = Array(units.enumerated())
            func key(_ u: SearchReport.UnitResult) -> Double {
                switch sort {
                case "x8": -Double(u.match.x8 * 10 + u.match.x8Potential)
                case "tnc": -(u.tncPerKg ?? -1)
                case "cd34": -(u.cd34PerKg ?? -1)
                case "collected": -Double(grid.collectionDates[u.unitId].map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? 0)
                default: 0
                }
            }
            if sort == "unit" { return indexed.sorted { ($0.element.unitId, $0.offset) < ($1.element.unitId, $1.offset) }.map(\.element) }
            return indexed.sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }.map(\.element)
        }
    }

    static func page(_ row: RecipientRow, _ grid: SearchGrid, requests: [UnitRequestRow], options: Options, identity: Identity) -> HTMLPage {
        let r = grid.report
        let shown = options.ordered(r.results.filter(options.admits), grid)
        let id = row.id
        var body: [HTMLPage.HTML] = [
            .facts([("Weight", "\(row.weightKg) kg"), ("Disease", row.disease.rawValue), ("Antibodies", row.dsa.isEmpty ? "none recorded" : row.dsa),
                    ("ABO", row.abo ?? "not recorded"), ("Policy", r.policy), ("IPD-IMGT/HLA", r.imgtVersion), ("Search date", r.searchDate),
                    ("Units", "\(r.scanned) scanned, \(r.assessed) assessed, \(r.results.count) eligible listed")]),
            .tag("p", ["class": "rule", "id": "ranking-rule"], text: grid.rankingRule),
            filters(id, options),
        ]
        let table = HTMLTable(id: "grid", columns: columns(first: "rank", probabilities: r.probabilitiesShown), rows: shown.map { gridRow($0, grid, recipient: id, first: .number($0.rank.map(String.init) ?? "", $0.rank.map(Double.init))) })
        body.append(WorkspaceLayout.section("Ranked units (\(shown.count) of \(r.results.count))", id: "ranked", [
            .tag("form", ["method": "get", "action": WorkspacePaths.compare(for: id)], [
                shown.isEmpty ? .element("p", r.results.isEmpty ? "No single unit meets the policy." : "No unit passes these filters.") : table.html,
                .tag("button", ["type": "submit"], text: "Compare the units ticked (2 to 4)"),
            ]),
        ]))
        if !r.pairs.isEmpty { body.append(doubleUnits(grid, recipient: id)) }
        body.append(.tag("p", ["class": "script-only no-print", "hidden": "hidden"], [
            .tag("label", [:], [.void("input", ["type": "checkbox", "id": "show-near-misses", "checked": "checked"]), .text(" show near misses")]),
        ]))
        if options.nearMisses {
            let near = HTMLTable(id: "near-miss-grid", columns: columns(first: "fails", probabilities: r.probabilitiesShown), rows: grid.nearMisses.map {
                gridRow($0, grid, recipient: id, first: HTMLTable.Cell(content: .tag("span", ["class": "reason"], text: $0.reasons.joined(separator: "; "))))
            })
            body.append(.tag("section", ["id": "near-misses"], [
                .element("h2", "Near misses (\(grid.nearMisses.count)): units failing exactly one rule"),
                grid.nearMisses.isEmpty ? .element("p", "No unit fails exactly one rule.") : near.html,
                .tag("p", ["class": "no-print"], [.link("Hide near misses", to: WorkspacePaths.query(WorkspacePaths.recipient(id), optionItems(options, nearMisses: false)))]),
            ]))
        } else {
            body.append(.tag("p", ["class": "no-print"], [.link("Show near misses", to: WorkspacePaths.query(WorkspacePaths.recipient(id), optionItems(options, nearMisses: true)))]))
        }
        body.append(WorkspaceLayout.section("Requests for \(id)", id: "requests", [RequestsPage.table(requests)]))
        return WorkspaceLayout.page("Recipient \(id)", identity, body)
    }

    /// The grid's columns; `probabilities`: a P(8/8) column after x/8 (a haplotype frequency set is installed).
    static func columns(first: String, probabilities: Bool) -> [HTMLTable.Column] {
        [HTMLTable.Column(label: "compare"), .init(label: first, sort: first == "rank" ? "number" : "text"), .init(label: "unit", sort: "text"),
         .init(label: "bank", sort: "text"), .init(label: "x/6", sort: "number"), .init(label: "x/8", sort: "number")]
            + (probabilities ? [HTMLTable.Column(label: "P(8/8)", sort: "number")] : [])
            + PositionMarkup.loci.map { HTMLTable.Column(label: $0) }
            + [.init(label: "GvH / HvG"), .init(label: "TNC/kg", sort: "number"), .init(label: "CD34/kg", sort: "number"), .init(label: "ABO", sort: "text"),
               .init(label: "collected (age)", sort: "text"), .init(label: "status"), .init(label: "warnings"), .init(label: "order")]
    }

    static func gridRow(_ u: SearchReport.UnitResult, _ grid: SearchGrid, recipient: String, first: HTMLTable.Cell) -> HTMLTable.Row {
        let m = u.match
        let collected = grid.collectionDates[u.unitId].map { "\($0) (\(grid.age(u.unitId) ?? ""))" } ?? "not reported"
        let cells: [HTMLTable.Cell] = [
            HTMLTable.Cell(content: .void("input", ["type": "checkbox", "name": "units", "value": u.unitId, "aria-label": "compare \(u.unitId)"])),
            first,
            HTMLTable.Cell(content: .link(u.unitId, to: WorkspacePaths.unit(u.unitId, of: recipient))),
            .text(u.bank ?? ""),
            .number(UnitFigures.x6(u), Double(m.x6) + Double(m.x6Potential) / 10),
            .number(UnitFigures.x8(u), Double(m.x8) + Double(m.x8Potential) / 10),
        ] + (grid.report.probabilitiesShown ? [probabilityCell(u.probabilities)] : []) + PositionMarkup.loci.map { PositionMarkup.cell(u, $0, antigen: grid.antigenConfidence[u.unitId]?[$0]) } + [
            .text(UnitFigures.directions(u)),
            .number(UnitFigures.tnc(u.tncPerKg), u.tncPerKg),
            .number(UnitFigures.cd34(u.cd34PerKg), u.cd34PerKg),
            .text(u.abo),
            HTMLTable.Cell(content: .text(collected), attributes: ["data-v": grid.collectionDates[u.unitId]?.description ?? ""]),
            .text(UnitFigures.status(u)),
            HTMLTable.Cell(content: .list(UnitFigures.warnings(u), class: "warn")),
            HTMLTable.Cell(content: .tag("span", ["class": "why"], text: grid.orderReason(after: u.unitId) ?? "")),
        ]
        return HTMLTable.Row(attributes: [
            "data-unit": u.unitId, "data-rank": u.rank.map(String.init) ?? "", "data-bank": u.bank ?? "",
            "data-x6": String(m.x6), "data-x6-potential": String(m.x6Potential), "data-x8": String(m.x8), "data-x8-potential": String(m.x8Potential),
            "data-gvh": String(m.gvh), "data-hvg": String(m.hvg),
            "data-tnc": u.tncPerKg.map { String($0) } ?? "", "data-cd34": u.cd34PerKg.map { String($0) } ?? "", "data-abo": u.abo,
        ], cells: cells)
    }

    /// P(8/8) as the CLI's table prints it (`0.480`, `unrep.`, `—`), sorted by the probability (none: last).
    static func probabilityCell(_ p: MatchPrediction) -> HTMLTable.Cell {
        let value: Double? = if case .probabilities(let q) = p { q.probabilityOf8of8 } else { nil }
        return .number(p.probability8of8Text, value)
    }

    static func doubleUnits(_ grid: SearchGrid, recipient: String) -> HTMLPage.HTML {
        let rows = grid.report.pairs.map { p in
            HTMLTable.Row(attributes: ["data-pair": p.units.joined(separator: "+")], cells: [
                .text(String(p.rank)),
            ] + p.units.map { id -> HTMLTable.Cell in
                let u = grid.pairUnits[id]
                let figures = u.map { "\(UnitFigures.x8($0)) · TNC \(UnitFigures.tnc($0.tncPerKg)) · CD34 \(UnitFigures.cd34($0.cd34PerKg))" } ?? ""
                return HTMLTable.Cell(content: .group([.link(id, to: WorkspacePaths.unit(id, of: recipient)), .tag("span", ["class": "why"], text: " " + figures)]))
            } + [
                .text(String(format: "%.2f ×10^7/kg", p.combinedTncPerKg)),
                .text(SearchTable.count(p.unitToUnitX8, p.unitToUnitX8Potential, 8)),
                HTMLTable.Cell(content: .link("compare", to: WorkspacePaths.compare(p.units, for: recipient))),
            ])
        }
        return WorkspaceLayout.section("Double units: no single unit suffices", id: "double-units", [
            HTMLTable(id: "pairs", columns: [.init(label: "pair"), .init(label: "first unit"), .init(label: "second unit"), .init(label: "combined TNC/kg"),
                                             .init(label: "unit to unit x/8"), .init(label: "")], rows: rows).html,
        ])
    }

    static func filters(_ id: String, _ o: Options) -> HTMLPage.HTML {
        .tag("form", ["method": "get", "action": WorkspacePaths.recipient(id), "class": "filters"], [
            .tag("label", [:], [.text("minimum x/8"), .tag("select", ["name": "min_x8"], (0...8).map { n in
                n == o.minX8 ? .tag("option", ["value": String(n), "selected": "selected"], text: String(n)) : .tag("option", ["value": String(n)], text: String(n))
            })]),
            .tag("label", [:], [.text("bank"), .void("input", ["name": "bank", "value": o.bank, "size": "10"])]),
            .tag("label", [:], [.text("minimum TNC/kg (×10^7)"), .void("input", ["name": "min_tnc", "value": o.minTNC.map { String($0) } ?? "", "size": "6"])]),
            .tag("label", [:], [.text("sort by"), .tag("select", ["name": "sort"], Options.sortOrder.map { key in
                key == o.sort ? .tag("option", ["value": key, "selected": "selected"], text: Options.sorts[key]!) : .tag("option", ["value": key], text: Options.sorts[key]!)
            })]),
            o.nearMisses ? .group([]) : .void("input", ["type": "hidden", "name": "near_misses", "value": "off"]),
            .tag("button", ["type": "submit"], text: "Apply"),
        ])
    }

    static func optionItems(_ o: Options, nearMisses: Bool) -> [(String, String)] {
        [("min_x8", o.minX8 == 0 ? "" : String(o.minX8)), ("bank", o.bank), ("min_tnc", o.minTNC.map { String($0) } ?? ""),
         ("sort", o.sort == "rank" ? "" : o.sort), ("near_misses", nearMisses ? "" : "off")]
    }
}
