import CordInventory
import CordMatch
import CordService

/// `/recipients/{id}/compare?units=A,B`: two to four units side by side for one recipient, locus by locus, with
/// the counts, doses and every rule (`CompareReport`, `cordmatch.compare/1`); ids the inventory does not hold are
/// named.
enum ComparePage {
    static func page(_ c: CompareReport, identity: Identity) -> HTMLPage {
        let units = c.units
        func row(_ label: String, _ value: (SearchReport.UnitResult) -> HTMLTable.Cell) -> HTMLTable.Row {
            HTMLTable.Row(attributes: ["data-row": label], cells: [HTMLTable.Cell(content: .tag("strong", text: label))] + units.map(value))
        }
        var rows = [
            row("bank") { .text($0.bank ?? "") },
            row("eligible") { .text($0.eligible ? "yes" : "no: " + $0.reasons.joined(separator: "; ")) },
            row("x/6") { .text(UnitFigures.x6($0)) }, row("x/8") { .text(UnitFigures.x8($0)) },
            row("x/10") { .text(UnitFigures.x10($0)) }, row("x/12") { .text(UnitFigures.x12($0)) },
            row("GvH / HvG") { .text(UnitFigures.directions($0)) },
        ]
        rows += PositionMarkup.loci.map { locus in row(locus) { PositionMarkup.cell($0, locus, antigen: nil) } }
        rows += [row("TNC/kg") { .text(UnitFigures.tnc($0.tncPerKg)) }, row("CD34/kg") { .text(UnitFigures.cd34($0.cd34PerKg)) },
                 row("ABO") { .text($0.abo) }]
        let ruleNames = units.flatMap { $0.rules.map(\.name) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        rows += ruleNames.map { name in
            row("rule \(name)") { u in
                guard let rule = u.rules.first(where: { $0.name == name }) else { return .text("") }
                return HTMLTable.Cell(content: .group([.tag("span", ["class": UnitFigures.outcomeClass(rule.outcome)], text: rule.outcome.rawValue),
                                                       .text(": " + rule.detail)]))
            }
        }
        rows.append(row("warnings") { HTMLTable.Cell(content: .list(UnitFigures.warnings($0), class: "warn")) })
        let columns = [HTMLTable.Column(label: "")] + units.map { HTMLTable.Column(label: $0.unitId) }
        var body: [HTMLPage.HTML] = [
            .tag("p", [:], [.link("← the search of \(c.recipient)", to: WorkspacePaths.recipient(c.recipient))]),
            .facts([("Recipient", c.recipient), ("Policy", c.policy), ("IPD-IMGT/HLA", c.imgtVersion), ("Search date", c.searchDate)]),
            .tag("p", [:], units.map { .group([.link("explain \($0.unitId)", to: WorkspacePaths.unit($0.unitId, of: c.recipient)), .text(" ")]) }),
            HTMLTable(id: "compare", columns: columns, rows: rows).html,
        ]
        if !c.missing.isEmpty { body.append(.tag("p", ["class": "reason", "id": "missing"], text: "Not in the inventory: " + c.missing.joined(separator: ", "))) }
        return WorkspaceLayout.page("Compare \(units.map(\.unitId).joined(separator: ", ")) for \(c.recipient)", identity, body)
    }
}
