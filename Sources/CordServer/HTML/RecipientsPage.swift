import CordInventory
import CordMatch
import CordService

/// `/recipients`: the stored recipients — a search box (an id or the start of one), weight, disease, antibodies,
/// policy, and what changed for each in the latest rematch run (`RematchReport`); a page at a time.
enum RecipientsPage {
    static func page(_ rows: [RecipientRow], rematch: RematchReport?, query: String, next: String?, identity: Identity) -> HTMLPage {
        let byID = Dictionary((rematch?.recipients ?? []).map { ($0.recipientId, $0) }) { a, _ in a }
        let table = HTMLTable(id: "recipients-table", columns: [
            .init(label: "recipient", sort: "text"), .init(label: "weight (kg)", sort: "number"), .init(label: "disease", sort: "text"),
            .init(label: "antibodies"), .init(label: "policy", sort: "text"), .init(label: "active", sort: "text"),
            .init(label: "latest rematch", sort: "text"),
        ], rows: rows.map { row in
            let change = byID[row.id].map(RematchPage.changeWords) ?? (rematch == nil ? "no rematch run yet" : "not in the latest run")
            return HTMLTable.Row(attributes: ["data-recipient": row.id, "class": byID[row.id].map(RematchPage.rowClass) ?? ""], cells: [
                HTMLTable.Cell(content: .link(row.id, to: WorkspacePaths.recipient(row.id))),
                .number(String(row.weightKg), row.weightKg), .text(row.disease.rawValue), .text(row.dsa.isEmpty ? "none" : row.dsa),
                .text(row.policyName), .text(row.active ? "yes" : "no"), .text(change),
            ])
        })
        var body: [HTMLPage.HTML] = [
            .tag("form", ["method": "get", "action": WorkspacePaths.recipients, "class": "filters", "role": "search"], [
                .tag("label", [:], [.text("recipient id (or its start)"), .void("input", ["name": "q", "value": query, "type": "search", "size": "20"])]),
                .tag("button", ["type": "submit"], text: "Search"),
            ]),
            rematch.map { .tag("p", [:], text: RematchRendering.header($0)) } ?? .element("p", "No rematch run has finished yet."),
            rows.isEmpty ? .element("p", query.isEmpty ? "No recipient is stored." : "No recipient id starts with \(query).") : table.html,
        ]
        if let next { body.append(.tag("p", ["class": "no-print"], [.link("Next recipients →", to: WorkspacePaths.query(WorkspacePaths.recipients, [("after", next), ("q", query)]))])) }
        return WorkspaceLayout.page("Recipients", identity, body)
    }
}
