import CordInventory
import CordMatch
import CordService

/// `/recipients/{id}/units/{unit}`: one unit for one recipient, explained in full — the figures, every position
/// with both typings, every rule with its outcome, antibodies and warnings, the loci confirmatory typing would
/// settle, the account in words (`ExplanationReport.explanation`), the requests recorded on the unit, and for a
/// coordinator the form recording a new one.
enum UnitPage {
    static func page(_ e: ExplanationReport, requests: [UnitRequestRow], identity: Identity) -> HTMLPage {
        let u = e.unit
        let confirm = RematchCandidate(e.assessment).confirmLoci
        var body: [HTMLPage.HTML] = [
            .tag("p", [:], [.link("← the search of \(e.recipient)", to: WorkspacePaths.recipient(e.recipient))]),
            .facts([("Recipient", e.recipient), ("Bank", u.bank ?? "not reported"), ("Eligible", u.eligible ? "yes" : "no: " + u.reasons.joined(separator: "; ")),
                    ("Match", "\(UnitFigures.x6(u)) · \(UnitFigures.x8(u)) · \(UnitFigures.x10(u)) · \(UnitFigures.x12(u))"),
                    ("Known mismatches", UnitFigures.directions(u)), ("TNC", UnitFigures.tnc(u.tncPerKg)), ("CD34+", UnitFigures.cd34(u.cd34PerKg)),
                    ("ABO", u.abo), ("NIMA", u.nimaMatched.map { $0 ? "matched" : "not matched" } ?? "no maternal typing or no GvH mismatch"),
                    ("Policy", e.policy), ("IPD-IMGT/HLA", e.imgtVersion), ("Search date", e.searchDate)]),
            .tag("p", ["id": "confirmatory"], text: confirm.isEmpty ? "No locus of x/8 is matched only potentially: confirmatory typing would settle nothing."
                : "Confirmatory typing of the unit would settle: \(confirm.joined(separator: ", ")).")
        ]
        let antigen = Dictionary(uniqueKeysWithValues: e.assessment.match.loci.map { ($0.locus.rawValue, $0.positions.map(\.antigenConfidence.rawValue)) })
        let positions = PositionMarkup.loci.flatMap { locus in
            (u.loci[locus] ?? []).enumerated().map { i, p in
                let known = p.confidence == "potential" && p.grade == "allele" ? antigen[locus].map { PositionMarkup.knownWords(antigen: $0[i]) } : nil
                return HTMLTable.Row(attributes: ["data-locus": locus], cells: [
                    .text(locus), .text(String(i + 1)), .text(PositionMarkup.shown(p.recipient)), .text(PositionMarkup.shown(p.unit)),
                    HTMLTable.Cell(content: .text(PositionMarkup.words(p)), attributes: ["class": "c-\(p.confidence) g-\(p.grade)"]),
                    .text(p.confidence + (known.map { " (\($0))" } ?? "")), .text(p.direction ?? ""), .text(p.detail ?? ""),
                ])
            }
        }
        body.append(WorkspaceLayout.section("Every position", id: "positions", [
            HTMLTable(id: "positions-table", columns: ["locus", "position", "recipient typing", "unit typing", "grade", "confidence", "direction", "detail"]
                .map { HTMLTable.Column(label: $0) }, rows: positions).html,
        ]))
        body.append(WorkspaceLayout.section("Every rule", id: "rules", [
            HTMLTable(id: "rules-table", columns: ["rule", "outcome", "detail"].map { HTMLTable.Column(label: $0) }, rows: u.rules.map { rule in
                HTMLTable.Row(attributes: ["data-rule": rule.name], cells: [
                    .text(rule.name), HTMLTable.Cell(content: .text(rule.outcome.rawValue), attributes: ["class": UnitFigures.outcomeClass(rule.outcome)]),
                    .text(rule.detail),
                ])
            }).html,
            UnitFigures.warnings(u).isEmpty ? .element("p", "No warnings.") : .list(UnitFigures.warnings(u), class: "warn"),
        ]))
        body.append(WorkspaceLayout.section("The account in words", id: "explanation", [.tag("pre", [:], text: e.explanation.joined(separator: "\n"))]))
        body.append(WorkspaceLayout.section("Requests on \(u.unitId)", id: "requests", [
            RequestsPage.table(requests.filter { $0.unitId == u.unitId }),
            RequestsPage.form(recipient: e.recipient, unit: u.unitId, identity: identity),
        ]))
        return WorkspaceLayout.page("Unit \(u.unitId) for \(e.recipient)", identity, body)
    }
}
