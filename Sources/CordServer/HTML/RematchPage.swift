import CordInventory
import CordMatch
import CordService

/// `/rematch/latest`: the morning report of the latest nightly rematch (`RematchReport`): the totals, then every
/// recipient — those whose list changed highlighted (`changed`), one with no candidate standing out (`none`, "no
/// candidate"), each change with its reason, the units confirmatory typing would settle, and the requests recorded
/// for the recipient.
enum RematchPage {
    static func page(_ r: RematchReport, requests: [UnitRequestRow], identity: Identity) -> HTMLPage {
        let byRecipient = Dictionary(grouping: requests, by: \.recipientId)
        let table = HTMLTable(id: "rematch-table", columns: [
            .init(label: "recipient", sort: "text"), .init(label: "status", sort: "text"), .init(label: "candidates", sort: "number"),
            .init(label: "best unit"), .init(label: "what changed, and why"), .init(label: "double unit"), .init(label: "confirmatory typing"),
            .init(label: "requests"),
        ], rows: r.recipients.map { p in
            let changes = p.added.map { "+ \($0.unitId): \($0.reason)" } + p.removed.map { "− \($0.unitId): \($0.reason)" }
                + p.rankChanges.map { "\($0.unitId): rank \($0.from) → \($0.to)" + ($0.reason.map { ": \($0)" } ?? "") }
            let status = statusWords(p)
            return HTMLTable.Row(attributes: ["data-recipient": p.recipientId, "class": rowClass(p)], cells: [
                HTMLTable.Cell(content: .link(p.recipientId, to: WorkspacePaths.recipient(p.recipientId))),
                HTMLTable.Cell(content: status.isEmpty ? .group([]) : .tag("span", ["class": "badge \(rowClass(p))"], text: status)),
                .number(String(p.candidates.count), Double(p.candidates.count)),
                p.candidates.first.map { HTMLTable.Cell(content: .link($0, to: WorkspacePaths.unit($0, of: p.recipientId))) } ?? .text("—"),
                HTMLTable.Cell(content: changes.isEmpty ? .text(p.computed.failure != nil ? p.computed.description : "no change") : .list(changes)),
                .text(p.needsDouble ? (p.pairs.first.map { $0.joined(separator: " + ") } ?? "no pair found") : ""),
                .text(p.confirmatoryTyping.map { "\($0.unitId) (\($0.loci.joined(separator: " ")))" }.joined(separator: ", ")),
                HTMLTable.Cell(content: .list((byRecipient[p.recipientId] ?? []).map { "\($0.unitId): \($0.kind.rawValue) by \($0.account)" + ($0.note.isEmpty ? "" : " — \($0.note)") })),
            ])
        })
        return WorkspaceLayout.page("Morning report: rematch run \(r.runId)", identity, [
            .element("p", RematchRendering.header(r)),
            .tag("p", ["id": "summary"], [.tag("strong", text: RematchRendering.summaryLine(r))]),
            r.summary.withChanges == 0 && r.summary.needDouble == 0 ? .element("p", "No changes.") : .group([]),
            table.html,
        ])
    }

    /// The row's class: `none` (no candidate), `changed`, or empty.
    static func rowClass(_ p: RematchReport.RecipientReport) -> String { p.candidates.isEmpty ? "none" : p.hasChanges ? "changed" : "" }

    /// The status word: "no candidate", the change (gained, lost, new recipient), "changed", "error", or empty.
    static func statusWords(_ p: RematchReport.RecipientReport) -> String {
        if p.computed.failure != nil { return "error" }
        if p.candidates.isEmpty { return "no candidate" + (p.change.map { " (\($0))" } ?? "") }
        return p.change ?? (p.hasChanges ? "changed" : "")
    }

    /// What changed for a recipient in a few words, for the recipients' list.
    static func changeWords(_ p: RematchReport.RecipientReport) -> String {
        let counts = [(p.added.count, "added"), (p.removed.count, "removed"), (p.rankChanges.count, "moved")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        let head = statusWords(p)
        let parts = (head.isEmpty ? [] : [head]) + counts
        return parts.isEmpty ? "no change" : parts.joined(separator: ", ")
    }
}
