import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import GRDB
import HLA
import Testing
import TestSupport

/// Incremental rematching equals a full run, on random changes to a generated inventory (real SQLite file).
@Suite struct RematchTests {
    /// Each recipient's stored candidates and pairs in a run.
    static func results(_ store: InventoryStore, run: Int64) throws -> [String: String] {
        try store.read { db in
            var out: [String: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT recipient_id, needs_double FROM rematch_recipients WHERE run_id = ?", arguments: [run]) {
                out[r["recipient_id"]] = "double=\(r["needs_double"] as Bool)"
            }
            for r in try Row.fetchAll(db, sql: "SELECT * FROM rematch_results WHERE run_id = ? ORDER BY recipient_id, rank", arguments: [run]) {
                out[r["recipient_id"], default: ""] += " \(r["unit_id"] as String):\(r["x8"] as Int)+\(r["x8_potential"] as Int)/\(r["confirm_loci"] as String)"
            }
            for r in try Row.fetchAll(db, sql: "SELECT * FROM rematch_pairs WHERE run_id = ? ORDER BY recipient_id, rank", arguments: [run]) {
                out[r["recipient_id"], default: ""] += " pair \(r["first_unit"] as String)+\(r["second_unit"] as String)"
            }
            return out
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func incrementalEqualsFullAfterRandomChanges(seed: UInt64) throws {
        let resolver = try SharedReleases.resolver()
        let inventory = try InventoryFixtures.empty(), store = inventory.store
        let generator = InventoryGenerator(data: resolver.data)
        let importer = UnitImporter(resolver: resolver)
        let (units, issues) = importer.parse(generator.unitsCSV(count: 1500, seed: seed), file: "units.csv")
        #expect(issues.isEmpty)
        _ = try importer.write(units, into: store, source: "units.csv")
        // Recipients typed like units (light enough for most doses), so most have candidates to keep and merge.
        var rng = SplitMix64(seed: seed &* 977)
        let recipients = (0..<120).map { i in
            let u = units[Int(rng.next() % UInt64(units.count))]
            return RecipientRow(id: "R\(i)", hla: u.hla, release: resolver.data.version, weightKg: Double(6 + rng.next() % 30),
                                disease: rng.unit() < 0.7 ? .malignant : .nonMalignant, dsa: "", abo: nil, policy: nil, active: true)
        }
        _ = try RecipientCSVImporter(resolver: resolver).write(recipients, into: store, source: "test")

        let rematch = Rematch(store: store, resolver: resolver)
        var date = CalendarDate(year: 2026, month: 3, day: 1)
        let first = try rematch.run(.init(searchDate: date, limit: 1, batchSize: 17))
        #expect(first.full == 120 && first.errors == 0)

        for round in 0..<3 {
            try Self.change(store, importer: importer, units: units, recipients: recipients, rng: &rng, round: round)
            // Search dates move on, so units cross the policies' 10-year age limit: in round 0 exactly the one that
            // ranks first for some recipient (the only change that never touches the database).
            date = round == 0 ? try Self.dateAgeing(store, run: first.runID) : CalendarDate(year: 2027 + round, month: 3, day: 2 + round)
            let incremental = try rematch.run(.init(searchDate: date, limit: 1, batchSize: 17))
            let full = try rematch.run(.init(searchDate: date, limit: 1, batchSize: 17, full: true))
            // Recipients take the incremental path unless they, their policy or (for a list cut at the limit) their
            // listed units changed — double-unit recipients too, through their kept pair candidates.
            #expect(incremental.incremental >= 60, "round \(round): only \(incremental.incremental) recipients took the incremental path")
            #expect(full.incremental == 0)
            let a = try Self.results(store, run: incremental.runID), b = try Self.results(store, run: full.runID)
            #expect(a.count == b.count)
            for (id, expected) in b where a[id] != expected {
                Issue.record("round \(round) \(id): incremental \(a[id] ?? "missing") ≠ full \(expected)")
            }
        }
    }

    /// The batch path (genotype floor scan, survivors by known mismatches, units that cannot qualify skipped)
    /// gives the same top units and pairs as a plain search.
    @Test func bestEqualsSearchCutAtTheLimit() throws {
        let resolver = try SharedReleases.resolver()
        let (inventory, units) = try InventoryFixtures.generated(count: 5000, seed: 5)
        let store = inventory.store
        let search = try InventorySearch(store: store, resolver: resolver)
        let context = try search.batchContext()
        var rng = SplitMix64(seed: 99)
        let date = CalendarDate(year: 2016, month: 3, day: 1)   // most generated units within the age limit
        var withCandidates = 0, withPairs = 0
        for i in 0..<100 {
            let typing = try resolver.resolve(units[Int(rng.next() % UInt64(units.count))].hla)
            let recipient = Recipient(id: "R\(i)", typing: typing, weightKg: Double(10 + rng.next() % 70), disease: .malignant)
            for policy in [PolicyPresets.malignant, PolicyPresets.nonMalignant] {
                let plain = try search.search(recipient, policy: policy, searchDate: date, cores: 1).selection
                let top = try search.best(recipient, policy: policy, searchDate: date, limit: 3, context: context)
                #expect(top.ranked.map(\.unitID) == plain.ranked.prefix(3).map(\.unitID), "R\(i) \(policy.name)")
                #expect(top.pairs.map { [$0.first.unitID, $0.second.unitID] } == plain.pairs.map { [$0.first.unitID, $0.second.unitID] },
                        "R\(i) \(policy.name) pairs")
                if top.complete { #expect(plain.ranked.count <= 3) }
                let parallel = try search.best(recipient, policy: policy, searchDate: date, limit: 3, context: context, cores: 3)
                #expect(parallel.ranked.map(\.unitID) == top.ranked.map(\.unitID) && parallel.complete == top.complete
                        && parallel.doubleCandidates == top.doubleCandidates, "R\(i) \(policy.name) split over cores")
                withCandidates += plain.ranked.isEmpty ? 0 : 1
                withPairs += plain.pairs.isEmpty ? 0 : 1
            }
        }
        #expect(withCandidates > 20 && withPairs > 5, "\(withCandidates) searches with candidates, \(withPairs) with pairs: too few to compare")
    }

    /// The day after a listed unit turns ten years old: the oldest unit on a list cut at the limit, so the unit that
    /// ranked just below the list must take its place (which only a recomputation can know).
    static func dateAgeing(_ store: InventoryStore, run: Int64) throws -> CalendarDate {
        let collected = try store.read { db in
            try String.fetchOne(db, sql: """
                SELECT MIN(u.collection_date) FROM rematch_results r JOIN units u ON u.id = r.unit_id
                WHERE r.run_id = ? AND r.recipient_id IN (SELECT recipient_id FROM rematch_recipients WHERE run_id = ? AND NOT complete)
                """, arguments: [run, run])
        }
        let c = try #require(collected.flatMap(CalendarDate.init))
        return CalendarDate(year: c.year + 10, month: c.month, day: c.day + 1)
    }

    /// Random changes: status flips, re-typings, deletions, new units, dose corrections; recipients gaining
    /// antibodies, losing weight, being re-typed or deactivated.
    static func change(_ store: InventoryStore, importer: UnitImporter, units: [UnitRow], recipients: [RecipientRow],
                       rng: inout SplitMix64, round: Int) throws {
        var changed: [UnitRow] = []
        for _ in 0..<45 {
            var u = units[Int(rng.next() % UInt64(units.count))]
            switch rng.next() % 4 {
            case 0: u.status = [.available, .temporarilyUnavailable, .reserved][Int(rng.next() % 3)]
            case 1: u.hla = units[Int(rng.next() % UInt64(units.count))].hla
            case 2: u.tnc = (u.tnc ?? 1e9) * (0.5 + rng.unit())
            default: u.id = "NEW\(round)-\(rng.next() % 100_000)"; u.status = .available
            }
            changed.append(u)
        }
        _ = try importer.write(Array(Dictionary(changed.map { ($0.id, $0) }) { a, _ in a }.values), into: store, source: "changes")
        let deleted = (0..<10).map { _ in units[Int(rng.next() % UInt64(units.count))].id }
        try store.write { db in for id in deleted { try db.execute(sql: "DELETE FROM units WHERE id = ?", arguments: [id]) } }
        var people: [RecipientRow] = []
        for _ in 0..<6 {
            var r = recipients[Int(rng.next() % UInt64(recipients.count))]
            switch rng.next() % 3 {
            case 0: r.dsa = "A*02:01=3000;B7=800"
            case 1: r.weightKg = max(3, r.weightKg - 4)
            default: r.active = false
            }
            people.append(r)
        }
        _ = try RecipientCSVImporter(resolver: importer.resolver).write(Array(Dictionary(people.map { ($0.id, $0) }) { a, _ in a }.values),
                                                                     into: store, source: "changes")
    }
}
