@testable import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import GRDB
import HLA
import Testing
import TestSupport

/// The domain values the store keeps as text columns — a unit's status, a recipient's disease class, how a rematch
/// run computed a recipient — are typed in Swift and stored as the very text earlier versions wrote, so databases
/// written before read unchanged (real SQLite files through GRDB).
@Suite struct StoredValuesTests {
    /// A computation's text is `full`, `incremental` or `error: <message>`, both ways; other text names none.
    @Test func computationsReadAndWriteTheirText() {
        let cases: [(RematchComputation, String)] = [(.full, "full"), (.incremental, "incremental"), (.failed("no such preset"), "error: no such preset")]
        for (computation, text) in cases {
            #expect(computation.description == text)
            #expect(RematchComputation(text: text) == computation)
            #expect(RematchComputation.fromDatabaseValue(text.databaseValue) == computation)
            #expect(computation.databaseValue == text.databaseValue)
        }
        #expect(RematchComputation.failed("x").failure == "x" && RematchComputation.full.failure == nil)
        for text in ["", "Full", "error", "errors: x", "partial"] { #expect(RematchComputation(text: text) == nil, "\(text)") }
        #expect(RematchComputation.fromDatabaseValue(1.databaseValue) == nil)
    }

    /// An import and a rematch run store the status, disease and computation texts of before.
    @Test func importsAndRunsStoreTheTextsOfBefore() throws {
        let resolver = try SharedReleases.resolver()
        let inventory = try InventoryFixtures.imported(recipients: true), store = inventory.store
        let rematch = Rematch(store: store, resolver: resolver)
        let date = CalendarDate(year: 2026, month: 6, day: 1)
        _ = try rematch.run(.init(searchDate: date, workers: 1))
        _ = try rematch.run(.init(searchDate: date, workers: 1))
        let (statuses, diseases, computed) = try store.read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT status FROM units ORDER BY status"),
             try String.fetchAll(db, sql: "SELECT disease FROM recipients ORDER BY id"),
             try String.fetchAll(db, sql: "SELECT computed FROM rematch_recipients ORDER BY run_id, recipient_id"))
        }
        #expect(Set(statuses).isSubset(of: ["AV", "TU", "RE", "DE"]) && statuses.contains("AV"))
        #expect(diseases == ["non-malignant", "malignant"])
        #expect(computed == ["full", "full", "incremental", "incremental"])
        let rows = try store.read { try UnitRow.fetchAll($0, sql: "SELECT * FROM units ORDER BY id") }
        #expect(rows.map(\.status.rawValue).sorted() == (try store.read { try String.fetchAll($0, sql: "SELECT status FROM units") }).sorted())
        let recipients = try store.recipients(after: nil, limit: 10)
        #expect(recipients.map(\.disease) == [.nonMalignant, .malignant])
        // R-0001 names no policy: the preset of its disease class.
        #expect(recipients.map(\.policyName) == ["non-malignant", "malignant"])
    }

    /// Rows as an earlier version wrote them (raw SQL, its texts) read back as their values: the report of a run
    /// with a failed recipient counts it as an error and writes its text as it was stored.
    @Test func rowsWrittenBeforeReadAsTheirValues() throws {
        let resolver = try SharedReleases.resolver()
        let inventory = try InventoryFixtures.imported(recipients: true), store = inventory.store
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO rematch_runs (id, started_at, finished_at, policy, release, search_date, result_limit, change_seq, previous_run, recipients_total)
                VALUES (1, '2026-06-01T02:00:00Z', '2026-06-01T02:01:00Z', NULL, ?, '2026-06-01', 20, 0, NULL, 3);
                INSERT INTO rematch_recipients (run_id, recipient_id, policy_hash, complete, needs_double, computed)
                VALUES (1, 'R-0001', 'abc', 1, 0, 'full'), (1, 'R-0002', 'def', 1, 1, 'incremental'), (1, 'R-0003', '', 1, 1, 'error: no such preset');
                INSERT INTO rematch_results (run_id, recipient_id, rank, unit_id, x6, x6_potential, x8, x8_potential, confirm_loci)
                VALUES (1, 'R-0001', 1, 'DEMO-0002', 6, 0, 7, 1, 'DRB1'), (1, 'R-0001', 2, 'DEMO-0001', 5, 0, 6, 0, '');
                INSERT INTO rematch_pairs (run_id, recipient_id, rank, first_unit, second_unit) VALUES (1, 'R-0002', 1, 'DEMO-0003', 'DEMO-0004');
                """, arguments: [resolver.data.version])
        }
        let report = try RematchReport.build(store, resolver: resolver)
        #expect(report.recipients.map(\.computed) == [.full, .incremental, .failed("no such preset")])
        #expect(report.summary.errors == 1 && report.summary.computedIncrementally == 1)
        #expect(report.recipients[0].candidates == ["DEMO-0002", "DEMO-0001"])
        #expect(report.recipients[0].confirmatoryTyping.map { "\($0.unitId) \($0.loci)" } == ["DEMO-0002 [\"DRB1\"]"])
        #expect(report.recipients[1].pairs == [["DEMO-0003", "DEMO-0004"]])
        #expect(report.json().contains("\"computed\" : \"error: no such preset\""))
        let runs = try Rematch(store: store, resolver: resolver).runs()
        #expect(runs.map { "\($0.id) \($0.state) \($0.done)/\($0.total)" } == ["1 finished 3/3"])
    }

    /// A stored text no version writes is refused when read, not taken for some value.
    @Test func anUnknownStoredTextIsRefused() throws {
        let inventory = try InventoryFixtures.imported(), store = inventory.store
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO rematch_runs (id, started_at, release, search_date, result_limit, change_seq, recipients_total)
                VALUES (1, '2026-06-01T02:00:00Z', '3.58.0', '2026-06-01', 20, 0, 1);
                INSERT INTO rematch_recipients (run_id, recipient_id, policy_hash, complete, needs_double, computed)
                VALUES (1, 'R-0001', 'abc', 1, 0, 'partial');
                """)
        }
        #expect(throws: (any Error).self) { try store.read { try RematchRecipientRecord.all(run: 1, $0) } }
    }
}
