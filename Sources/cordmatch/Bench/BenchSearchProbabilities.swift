import CordInventory
import CordMatch
import CordService
import Foundation

extension BenchCommand.Search {
    /// Times `searches` stored recipients' searches (every core, the top `limit` shown) without probabilities, with
    /// them from a cold memo (the first time each typing is imputed in this process), and again (warm: memoised); the
    /// shown units alone assessed without and with probabilities (their cost apart from the search's jitter); and
    /// prints the percentiles and how many shown units got probabilities.
    func timeProbabilities(_ search: InventorySearch, store: InventoryStore, searches: Int, limit: Int) throws {
        let t0 = DispatchTime.now()
        let sets = try reference.source.haplotypeSets(search.resolver)
        guard !sets.isEmpty else { throw CannotRun("no haplotype set is installed (cordmatch data install --haplotypes FILE)") }
        let predictor = MatchPredictor(sets: sets)
        print("haplotype sets \(sets.imputers.map(\.set.name).joined(separator: ", ")) loaded in \(Self.ms(since: t0)) ms")
        let recipients = try store.recipients(after: nil, limit: searches).map { try $0.recipient(search.resolver) }
        guard !recipients.isEmpty else { throw CannotRun("the database holds no recipient (cordmatch import recipients FILE)") }
        let date = CalendarDate(year: 2026, month: 1, day: 15)
        var plain: [Double] = [], cold: [Double] = [], warm: [Double] = []
        var assessPlain: [Double] = [], assessCold: [Double] = [], assessWarm: [Double] = []
        var shown = 0, withProbabilities = 0, unrepresented = 0
        for r in recipients {
            let policy = PolicyPresets.named(r.disease.rawValue) ?? PolicyPresets.malignant
            var s = DispatchTime.now()
            let without = try search.search(r, policy: policy, searchDate: date)
            plain.append(Self.elapsed(s))
            // The shown units alone: read and assessed without probabilities, then with them (first time: cold memo).
            let ids = without.selection.ranked.prefix(limit).map(\.unitID)
            s = DispatchTime.now()
            _ = try search.assess(r, unitIDs: ids, policy: policy, searchDate: date)
            assessPlain.append(Self.elapsed(s))
            s = DispatchTime.now()
            _ = try search.assess(r, unitIDs: ids, policy: policy, searchDate: date, predictor: predictor)
            assessCold.append(Self.elapsed(s))
            s = DispatchTime.now()
            _ = try search.assess(r, unitIDs: ids, policy: policy, searchDate: date, predictor: predictor)
            assessWarm.append(Self.elapsed(s))
            s = DispatchTime.now()
            let with = try search.search(r, policy: policy, searchDate: date, predictor: predictor, predicted: limit)
            cold.append(Self.elapsed(s))
            s = DispatchTime.now()
            _ = try search.search(r, policy: policy, searchDate: date, predictor: predictor, predicted: limit)
            warm.append(Self.elapsed(s))
            guard with.selection.ranked.map(\.unitID) == without.selection.ranked.map(\.unitID) else {
                throw CannotRun("probabilities changed a preset's order: a defect of cordmatch")
            }
            let top = with.selection.ranked.prefix(limit)
            shown += top.count
            withProbabilities += top.filter { $0.prediction?.probabilities != nil }.count
            unrepresented += top.filter { if case .unrepresented = $0.prediction { true } else { false } }.count
        }
        let extraCold = zip(assessCold, assessPlain).map { $0 - $1 }, extraWarm = zip(assessWarm, assessPlain).map { $0 - $1 }
        print("\(recipients.count) searches (InventorySearch.search, top \(limit) shown): without probabilities \(Self.percentiles(plain)); "
              + "with (memo warmed by the assessments below) \(Self.percentiles(cold)); again \(Self.percentiles(warm))")
        print("the shown units read and assessed: without probabilities \(Self.percentiles(assessPlain)); with, cold memo "
              + "\(Self.percentiles(assessCold)); with, warm \(Self.percentiles(assessWarm))")
        print("the probabilities alone (with − without, shown units): cold \(Self.percentiles(extraCold)); warm \(Self.percentiles(extraWarm))")
        print("\(shown) units shown: \(withProbabilities) with probabilities, \(unrepresented) unrepresented, "
              + "\(shown - withProbabilities - unrepresented) without a set; \(sets.imputers.map(\.memoised).reduce(0, +)) distinct typings imputed")
    }

    static func elapsed(_ s: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e6 }
    static func ms(since s: DispatchTime) -> String { String(format: "%.0f", elapsed(s)) }
}
