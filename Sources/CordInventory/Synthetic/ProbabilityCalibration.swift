import CordMatch

/// Checks that match probabilities are calibrated: among pairs predicted to be 8/8 with probability about p, about
/// a share p really is. A synthetic set is generated; units and recipients are drawn from it and typed at mixed
/// resolution (`SyntheticPeople`); each recipient is searched against every unit on their typings (x/8 with
/// potential matches at least `floor`, as a search's HLA floor); for each such pair the probabilities predicted from
/// the typings are compared with the true match, the deterministic count of the true typings (2-field alleles).
/// Selecting pairs on their typings only keeps the comparison fair: the prediction conditions on exactly what
/// the selection saw.
///
/// Calibration error (expected calibration error): the predictions are put into `bins` equal bins of predicted
/// probability; it is the mean over pairs of |mean prediction − observed rate| of their bin. Each recipient and (by
/// default) each unit is in one pair at most, so outcomes are independent.
public struct ProbabilityCalibration: Sendable {
    /// What to simulate.
    public struct Configuration: Sendable {
        /// Haplotypes in the synthetic set.
        public var haplotypes = 20_000
        /// Units in the simulated inventory.
        public var units = 50_000
        /// Pairs to compare (the simulation stops at this many).
        public var pairs = 10_000
        /// Most pairs taken from one recipient (their best typed candidates); 1 keeps pairs nearly independent.
        public var pairsPerRecipient = 1
        /// Least x/8 including potential matches a pair must reach on its typings: 8, the coordinator's question
        /// ("8/8 with potential matches: will it be 8/8?").
        public var floor = 8
        /// Take each unit in one pair at most, so that no two pairs share a true typing and their outcomes are
        /// independent (the calibration error then differs from 0 by chance only as much as binomial noise allows).
        public var eachUnitOnce = true
        /// The number of equal bins of predicted probability.
        public var bins = 10
        /// The seed of every random draw.
        public var seed: UInt64 = 1

        /// The defaults: 20,000 haplotypes, 50,000 units, 10,000 pairs, one pair per recipient, floor 8, each unit
        /// once, 10 bins, seed 1.
        public init() {}
    }

    /// One event whose probability is predicted (8/8, 7/8 or better, …).
    public struct Event: Sendable {
        /// The event's name (`8/8`, `7/8 or better` …).
        public let name: String
        /// The bins, lowest predicted probability first.
        public let bins: [Bin]
        /// The expected calibration error over the bins.
        public let calibrationError: Double
        /// Mean prediction and observed rate over all pairs.
        public let meanPredicted: Double, observedRate: Double
        /// The pairs whose prediction is uncertain (between 0.05 and 0.95), and the calibration error over them alone
        /// (most pairs are predicted near 0 or 1, which makes the overall error small by itself).
        public let uncertainPairs: Int, uncertainCalibrationError: Double
    }

    /// Pairs whose prediction fell into [lower, upper).
    public struct Bin: Sendable {
        /// The bin's bounds of predicted probability.
        public let lower: Double, upper: Double
        /// The pairs in the bin.
        public let pairs: Int
        /// The mean predicted probability of the bin's pairs, and the share of them for which the event was true.
        public let meanPredicted: Double, observedRate: Double
    }

    /// The outcome of a run.
    public struct Report: Sendable {
        /// What was simulated.
        public let configuration: Configuration
        /// Each event's calibration.
        public let events: [Event]
        /// Pairs compared, recipients drawn, pairs left out because a side was unrepresented.
        public let pairs: Int, recipients: Int, unrepresented: Int
        /// Mean dropped probability over the pairs.
        public let meanDropped: Double
        /// Pairs whose probabilities did not sum to 1 within 1e-9 (must be 0).
        public let unnormalised: Int
    }

    /// What to simulate.
    public let configuration: Configuration

    /// A simulation.
    ///
    /// - Parameter configuration: What to simulate.
    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Runs the simulation against `resolver`'s release.
    /// - Parameter resolver: the resolver of the release.
    /// - Returns: the report.
    /// - Throws: `HaplotypeSetRejection` if the synthetic set were refused (it is not).
    public func run(resolver: TypingResolver) throws -> Report {
        let c = configuration
        let groups = SmallGGroups.shared(for: resolver)
        let set = try HaplotypeSetGenerator(groups: groups).set(count: c.haplotypes, seed: c.seed)
        let imputer = GenotypeImputer(set: set, groups: groups)
        let people = SyntheticPeople(set: set, resolver: resolver)
        var rng = SplitMix64(seed: c.seed &+ 0x5EED)

        var unitTypings: [HLATyping] = [], unitTruths: [HLATyping] = []
        for _ in 0..<c.units {
            let p = people.draw(&rng)
            unitTypings.append(try resolver.resolve(people.typing(p, SyntheticPeople.unitResolutions(&rng), &rng)))
            unitTruths.append(try resolver.resolve(people.truth(p)))
        }
        let store = CompactTypingStore(unitTypings)
        let events: [(String, (MatchProbabilities) -> Double, (PairMatch) -> Bool)] = [
            ("P(8/8)", { $0.x8[8] }, { $0.x8.knownMismatches == 0 }),
            ("P(≥ 7/8)", { $0.x8.atLeast(7) }, { $0.x8.knownMismatches <= 1 }),
            ("P(6/6)", { $0.x6[6] }, { $0.x6.knownMismatches == 0 }),
            ("P(10/10)", { $0.x10[10] }, { $0.x10.knownMismatches == 0 }),
        ]
        var predictions = [[Double]](repeating: [], count: events.count), observed = [[Bool]](repeating: [], count: events.count)
        var pairs = 0, recipients = 0, unrepresented = 0, unnormalised = 0, dropped = 0.0
        var used = Set<Int>()
        while pairs < c.pairs && recipients < c.pairs * 50 {
            recipients += 1
            let p = people.draw(&rng)
            let typing = try resolver.resolve(people.typing(p, SyntheticPeople.recipientResolutions(&rng), &rng))
            let truth = try resolver.resolve(people.truth(p))
            var candidates: [(unit: Int, matches: Int)] = []
            CompactScorer(recipient: typing, store: store).forEachUnit(in: store) { u, counts in
                let m = counts.x8.matchesIncludingPotential
                if m >= c.floor { candidates.append((u, m)) }
            }
            candidates.removeAll { c.eachUnitOnce && used.contains($0.unit) }
            candidates.sort { $0.matches != $1.matches ? $0.matches > $1.matches : $0.unit < $1.unit }
            let recipientGenotypes = imputer.impute(typing)
            for (u, _) in candidates.prefix(c.pairsPerRecipient) where pairs < c.pairs {
                used.insert(u)
                guard let prediction = MatchProbabilities.compute(recipient: recipientGenotypes, unit: imputer.impute(unitTypings[u])).probabilities else {
                    unrepresented += 1
                    continue
                }
                pairs += 1
                dropped += prediction.dropped
                if [prediction.x8.total, prediction.x6.total, prediction.x10.total].contains(where: { abs($0 - 1) > 1e-9 }) { unnormalised += 1 }
                let actual = MatchScorer.score(recipient: truth, unit: unitTruths[u])
                for (e, event) in events.enumerated() {
                    predictions[e].append(event.1(prediction))
                    observed[e].append(event.2(actual))
                }
            }
        }
        return Report(configuration: c, events: events.indices.map { Self.event(events[$0].0, predictions[$0], observed[$0], bins: c.bins) },
                      pairs: pairs, recipients: recipients, unrepresented: unrepresented,
                      meanDropped: pairs > 0 ? dropped / Double(pairs) : 0, unnormalised: unnormalised)
    }

    /// The bins and calibration errors of one event.
    static func event(_ name: String, _ predicted: [Double], _ observed: [Bool], bins n: Int) -> Event {
        let total = max(1, predicted.count)
        let uncertain = predicted.indices.filter { predicted[$0] > 0.05 && predicted[$0] < 0.95 }
        return Event(name: name, bins: binned(predicted, observed, n), calibrationError: calibrationError(binned(predicted, observed, n), total),
                     meanPredicted: predicted.reduce(0, +) / Double(total), observedRate: Double(observed.filter { $0 }.count) / Double(total),
                     uncertainPairs: uncertain.count,
                     uncertainCalibrationError: calibrationError(binned(uncertain.map { predicted[$0] }, uncertain.map { observed[$0] }, n),
                                                                 max(1, uncertain.count)))
    }

    /// Pairs in `n` equal bins of predicted probability.
    static func binned(_ predicted: [Double], _ observed: [Bool], _ n: Int) -> [Bin] {
        var count = [Int](repeating: 0, count: n), sum = [Double](repeating: 0, count: n), hits = [Int](repeating: 0, count: n)
        for (p, o) in zip(predicted, observed) {
            let b = min(n - 1, max(0, Int(p * Double(n))))
            count[b] += 1
            sum[b] += p
            if o { hits[b] += 1 }
        }
        return (0..<n).map { b in
            Bin(lower: Double(b) / Double(n), upper: Double(b + 1) / Double(n), pairs: count[b],
                meanPredicted: count[b] > 0 ? sum[b] / Double(count[b]) : 0, observedRate: count[b] > 0 ? Double(hits[b]) / Double(count[b]) : 0)
        }
    }

    /// The mean over pairs of |mean prediction − observed rate| of their bin.
    static func calibrationError(_ bins: [Bin], _ total: Int) -> Double {
        bins.reduce(0.0) { $0 + Double($1.pairs) / Double(total) * abs($1.meanPredicted - $1.observedRate) }
    }
}
