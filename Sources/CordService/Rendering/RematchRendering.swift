import CordInventory
import CordMatch
import Foundation

/// Table, CSV and HTML renderings of a rematch report.
public enum RematchRendering {
    /// The report's first lines: run, previous run, policy, release, search date and limit.
    ///
    /// - Parameter r: The report.
    /// - Returns: One line.
    public static func header(_ r: RematchReport) -> String {
        "Rematch run \(r.runId)" + (r.previousRunId.map { " compared with run \($0)" } ?? " (first run)")
            + ", policy \(r.policy), IPD-IMGT/HLA \(r.imgtVersion), search date \(r.searchDate), top \(r.limit)"
    }

    /// One line of totals: recipients, with changes, gained, lost, needing a double unit, computed incrementally, errors.
    ///
    /// - Parameter r: The report.
    /// - Returns: One line.
    public static func summaryLine(_ r: RematchReport) -> String {
        let s = r.summary
        return "\(s.recipients) recipients: \(s.withChanges) with changes, \(s.gainedACandidate) gained a unit, \(s.lostAllCandidates) lost every unit, "
            + "\(s.needDouble) need a double unit, \(s.computedIncrementally) computed incrementally, \(s.errors) errors"
    }

    /// The candidates' P(8/8) in one line (`DEMO-0001 0.480, DEMO-0004 unrep.`), nil when the report has no
    /// probabilities (no haplotype set installed).
    ///
    /// - Parameter p: One recipient's part of the report.
    /// - Returns: The line's text after its label.
    public static func probabilities(_ p: RematchReport.RecipientReport) -> String? {
        p.candidateProbabilities.map { $0.map { "\($0.unitId) \($0.probabilities.probability8of8Text)" }.joined(separator: ", ") }
    }

    /// Recipients with changes (and those needing attention), one block each; with a haplotype set installed, each
    /// block lists its candidates' P(8/8).
    ///
    /// - Parameter r: The report.
    /// - Returns: The header, the totals, and a block for each recipient with changes, needing a double unit or in
    ///   error; lines joined by line ends.
    public static func table(_ r: RematchReport) -> String {
        var lines = [header(r), summaryLine(r)]
        for p in r.recipients where p.hasChanges || p.needsDouble || p.computed.failure != nil {
            lines.append("")
            var head = "\(p.recipientId): \(p.candidates.count) candidate\(p.candidates.count == 1 ? "" : "s")"
            if let c = p.change { head += " — \(c.uppercased())" }
            if p.needsDouble { head += " — needs a double unit" + (p.pairs.first.map { " (best pair \($0.joined(separator: " + ")))" } ?? " (no pair found)") }
            if p.computed.failure != nil { head += " — \(p.computed)" }
            lines.append(head)
            for a in p.added { lines.append("  + \(a.unitId)  \(a.reason)") }
            for a in p.removed { lines.append("  - \(a.unitId)  \(a.reason)") }
            for c in p.rankChanges { lines.append("  ~ \(c.unitId)  rank \(c.from) → \(c.to)" + (c.reason.map { "  \($0)" } ?? "")) }
            if !p.confirmatoryTyping.isEmpty {
                lines.append("  confirmatory typing would settle: " + p.confirmatoryTyping.map { "\($0.unitId) (\($0.loci.joined(separator: " ")))" }.joined(separator: ", "))
            }
            if let line = probabilities(p), !p.candidates.isEmpty { lines.append("  \(ProbabilityText.heading): \(line)") }
        }
        if r.summary.withChanges == 0 && r.summary.needDouble == 0 { lines.append("No changes.") }
        return lines.joined(separator: "\n")
    }

    /// One row per change: recipient, kind (added, removed, rank, gained, lost, new recipient, needs double, error), unit, detail;
    /// with a haplotype set installed, one `p_8of8` row per candidate (its P(8/8) as the detail).
    ///
    /// - Parameter r: The report.
    /// - Returns: The header row and one row per change, each with the run id first.
    public static func csv(_ r: RematchReport) -> String {
        var lines = ["run_id,recipient_id,kind,unit_id,detail"]
        func row(_ fields: [String]) { lines.append(CSVText.row([String(r.runId)] + fields)) }
        for p in r.recipients {
            if let c = p.change { row([p.recipientId, c, "", ""]) }
            for a in p.added { row([p.recipientId, "added", a.unitId, a.reason]) }
            for a in p.removed { row([p.recipientId, "removed", a.unitId, a.reason]) }
            for c in p.rankChanges { row([p.recipientId, "rank", c.unitId, "\(c.from) → \(c.to)" + (c.reason.map { ": \($0)" } ?? "")]) }
            if p.needsDouble { row([p.recipientId, "needs double", p.pairs.first?.joined(separator: "+") ?? "", p.pairs.isEmpty ? "no pair found" : "best pair"]) }
            for c in p.confirmatoryTyping { row([p.recipientId, "confirm", c.unitId, c.loci.joined(separator: " ")]) }
            if p.computed.failure != nil { row([p.recipientId, "error", "", p.computed.description]) }
            for c in p.candidateProbabilities ?? [] { row([p.recipientId, "p_8of8", c.unitId, ProbabilityText.csv(c.probabilities)]) }
        }
        return lines.joined(separator: "\n")
    }

    /// A single self-contained page: a sortable summary table (click a column head) and the changes per recipient;
    /// with a haplotype set installed, a P(8/8) column (the best unit's, and every candidate's).
    ///
    /// - Parameter r: The report.
    /// - Returns: The HTML page, every value from the report escaped.
    public static func html(_ r: RematchReport) -> String {
        func e(_ s: String) -> String { s.markupEscaped }
        let shown = r.recipients.contains { $0.candidateProbabilities != nil }
        var rows: [String] = []
        for p in r.recipients {
            let changes = (p.added.map { "<li class=add>+ \(e($0.unitId)): \(e($0.reason))</li>" }
                + p.removed.map { "<li class=del>− \(e($0.unitId)): \(e($0.reason))</li>" }
                + p.rankChanges.map { "<li>\(e($0.unitId)): rank \($0.from) → \($0.to)\($0.reason.map { ": " + e($0) } ?? "")</li>" }).joined()
            let confirm = p.confirmatoryTyping.map { "\(e($0.unitId)) (\(e($0.loci.joined(separator: " "))))" }.joined(separator: ", ")
            let status = p.computed.failure != nil ? "error" : p.change ?? (p.hasChanges ? "changed" : "")
            rows.append("<tr class=\"\(p.hasChanges || p.needsDouble ? "hot" : "")\"><td>\(e(p.recipientId))</td><td>\(e(status))</td>"
                + "<td data-n=\"\(p.candidates.count)\">\(p.candidates.count)</td><td>\(e(p.candidates.first ?? "—"))</td>"
                + "<td data-n=\"\(p.added.count)\">\(p.added.count)</td><td data-n=\"\(p.removed.count)\">\(p.removed.count)</td>"
                + "<td data-n=\"\(p.rankChanges.count)\">\(p.rankChanges.count)</td>"
                + "<td>\(p.needsDouble ? "yes" + (p.pairs.first.map { ": " + e($0.joined(separator: " + ")) } ?? " (no pair)") : "")</td>"
                + (shown ? probabilityCell(p) : "")
                + "<td>\(confirm)</td><td>\(changes.isEmpty ? "" : "<ul>\(changes)</ul>")\(p.computed.failure != nil ? e(p.computed.description) : "")</td></tr>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>cordmatch rematch run \(r.runId)</title>
            <style>
            body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
            th{background:#eee;cursor:pointer;user-select:none}th:after{content:" ⇅";color:#999}
            tr.hot{background:#fffbe6}ul{margin:0;padding-left:1em}li.add{color:#05620f}li.del{color:#a00}
            #filter{margin:.5em 0}
            </style></head><body>
            <h1>Rematch run \(r.runId)</h1>
            <p>\(e(header(r)))</p>
            <p><strong>\(e(summaryLine(r)))</strong></p>
            <label id="filter"><input type="checkbox" id="only" onchange="filter()"> only recipients with changes or needing a double unit</label>
            <table id="t"><thead><tr><th>recipient</th><th>status</th><th>candidates</th><th>best unit</th><th>added</th><th>removed</th><th>rank changes</th><th>double unit</th>\(shown ? "<th>\(ProbabilityText.heading)</th>" : "")<th>confirmatory typing</th><th>changes</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table>
            <script>
            document.querySelectorAll('#t th').forEach((th, i) => th.addEventListener('click', () => {
              const body = document.querySelector('#t tbody'), rows = Array.from(body.rows);
              const dir = th.dataset.dir === 'asc' ? -1 : 1; th.dataset.dir = dir === 1 ? 'asc' : 'desc';
              const key = r => { const c = r.cells[i]; return c.dataset.n !== undefined ? Number(c.dataset.n) : c.textContent; };
              rows.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
              rows.forEach(r => body.appendChild(r));
            }));
            function filter() {
              const only = document.getElementById('only').checked;
              document.querySelectorAll('#t tbody tr').forEach(r => r.style.display = only && !r.classList.contains('hot') ? 'none' : '');
            }
            </script>
            </body></html>
            """
    }

    /// The P(8/8) cell of one recipient's row: sorted by the best unit's P(8/8), listing every candidate's.
    static func probabilityCell(_ p: RematchReport.RecipientReport) -> String {
        let best = p.candidateProbabilities?.first?.probabilities.probabilities.map { CountDistribution.rounded($0.probabilityOf8of8) } ?? -1
        return "<td data-n=\"\(best)\">\((probabilities(p) ?? "").markupEscaped)</td>"
    }
}
