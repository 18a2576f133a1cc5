import HLA

/// The installed haplotype frequency sets, each with its imputer, and the choice of a set for a recipient or a
/// unit: the set for its population and registry, else for its population, else for its registry, else the
/// default set — the one installed for any population and registry (Atlas's "global" set).
public final class HaplotypeSets: Sendable {
    /// What chooses a subject's set.
    public struct Subject: Sendable, Hashable {
        /// Population (ethnicity) code, e.g. a WMDA `ETHN` code, if known.
        public let population: String?
        /// Registry code, if known.
        public let registry: String?

        /// Makes a subject.
        ///
        /// - Parameters:
        ///   - population: The population code, if known.
        ///   - registry: The registry code, if known.
        public init(population: String?, registry: String?) {
            self.population = population
            self.registry = registry
        }

        /// A subject of unknown population and registry: it gets the default set.
        public static let unknown = Subject(population: nil, registry: nil)
    }

    /// One imputer for each installed set, in the order given.
    public let imputers: [GenotypeImputer]

    /// Sets with their imputers.
    /// - Parameters:
    ///   - sets: the sets, compiled against the release of `groups`.
    ///   - groups: the small g groups of that release.
    ///   - cap: diplotypes kept per typing.
    public init(_ sets: [HaplotypeFrequencySet], groups: SmallGGroups, cap: Int = InputLimits.imputedDiplotypes) {
        imputers = sets.map { GenotypeImputer(set: $0, groups: groups, cap: cap) }
    }

    /// No set: every pair's prediction is `MatchPrediction.noHaplotypeSet` (and no release's small g groups are
    /// built for it).
    public init() { imputers = [] }

    /// The default set: the one for any population and registry, if installed.
    public var defaultImputer: GenotypeImputer? { imputers.first { $0.set.metadata.isGlobal } }

    /// The imputer of the set that applies to `subject`, nil when none does.
    ///
    /// - Parameter subject: The recipient's or unit's population and registry.
    /// - Returns: The imputer of the chosen set, or nil when none applies.
    public func imputer(for subject: Subject) -> GenotypeImputer? {
        func matches(_ i: GenotypeImputer, population: Bool, registry: Bool) -> Bool {
            let m = i.set.metadata
            let p = population ? subject.population.map { m.populations.contains($0) } ?? false : m.populations.isEmpty
            let r = registry ? subject.registry.map { m.registries.contains($0) } ?? false : m.registries.isEmpty
            return p && r
        }
        for (population, registry) in [(true, true), (true, false), (false, true)] {
            if let hit = imputers.first(where: { matches($0, population: population, registry: registry) }) { return hit }
        }
        return defaultImputer
    }

    /// True when no set is installed.
    public var isEmpty: Bool { imputers.isEmpty }
}
