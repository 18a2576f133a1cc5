import CordInventory
import CordMatch
import CordService

/// `/requests`: the requests coordinators recorded on units (confirmatory typing requested, reserved) with their
/// notes, who recorded them and when — for the whole registry or one recipient (`?recipient=`), and as CSV
/// (`/requests.csv`). The table and the form are also part of the recipient's and the unit's pages.
enum RequestsPage {
    static func page(_ requests: [UnitRequestRow], recipient: String?, identity: Identity) -> HTMLPage {
        let csv = WorkspacePaths.query(WorkspacePaths.requestsCSV, [("recipient", recipient ?? "")])
        return WorkspaceLayout.page(recipient.map { "Requests for \($0)" } ?? "Requests", identity, [
            .tag("form", ["method": "get", "action": WorkspacePaths.requests, "class": "filters"], [
                .tag("label", [:], [.text("recipient"), .void("input", ["name": "recipient", "value": recipient ?? "", "size": "14"])]),
                .tag("button", ["type": "submit"], text: "Show"),
            ]),
            .tag("p", ["class": "no-print"], [.link("Download as CSV", to: csv)]),
            table(requests),
        ])
    }

    /// The requests as a table, oldest first.
    static func table(_ requests: [UnitRequestRow]) -> HTMLPage.HTML {
        guard !requests.isEmpty else { return .tag("p", ["class": "requests-none"], text: "No request recorded.") }
        return HTMLTable(id: "requests-table", columns: ["recorded", "recipient", "unit", "request", "note", "by"].map { HTMLTable.Column(label: $0, sort: "text") },
                         rows: requests.map { q in
            HTMLTable.Row(attributes: ["data-request": String(q.id)], cells: [
                .text(q.createdAt), HTMLTable.Cell(content: .link(q.recipientId, to: WorkspacePaths.recipient(q.recipientId))),
                HTMLTable.Cell(content: .link(q.unitId, to: WorkspacePaths.unit(q.unitId, of: q.recipientId))), .text(q.kind.rawValue),
                HTMLTable.Cell(content: .text(q.note), attributes: ["class": "note"]), .text(q.account),
            ])
        }).html
    }

    /// The form recording a request on `unit` for `recipient`: for a coordinator (a viewer reads that it needs the
    /// role; the server refuses a viewer's post anyway).
    static func form(recipient: String, unit: String, identity: Identity) -> HTMLPage.HTML {
        guard identity.role.includes(.coordinator) else {
            return .tag("p", ["class": "no-print"], text: "Recording a request needs the coordinator role.")
        }
        return .tag("form", ["method": "post", "action": WorkspacePaths.requests(of: recipient), "class": "request"], [
            .void("input", ["type": "hidden", "name": "csrf", "value": identity.csrf ?? ""]),
            .void("input", ["type": "hidden", "name": "unit_id", "value": unit]),
            .tag("label", [:], [.text("request"), .tag("select", ["name": "kind"], UnitRequestRow.Kind.allCases.map { .tag("option", ["value": $0.rawValue], text: $0.rawValue) })]),
            .tag("label", [:], [.text("note"), .tag("textarea", ["name": "note", "rows": "2", "cols": "40", "maxlength": String(UnitRequestRow.noteBytes)], text: "")]),
            .tag("button", ["type": "submit"], text: "Record request"),
        ])
    }

    /// The requests as CSV: one row each, oldest first. A note that a spreadsheet would read as a formula (it
    /// begins with `=`, `+`, `-` or `@`) is written after an apostrophe.
    static func csv(_ requests: [UnitRequestRow]) -> String {
        (["id,recipient_id,unit_id,kind,note,account,created_at"]
            + requests.map { CSVText.row([String($0.id), $0.recipientId, $0.unitId, $0.kind.rawValue, inert($0.note), $0.account, $0.createdAt]) })
            .joined(separator: "\n") + "\n"
    }

    static func inert(_ text: String) -> String { text.first.map { "=+-@".contains($0) } == true ? "'" + text : text }
}
