import Foundation

/// A cord blood selection policy, as data: hard filters, the HLA floor, the dose gate, double-unit rules, the
/// antibody threshold, quality rules and the ranking order. Loaded from JSON (`PolicyLoader`); presets
/// `malignant` and `non-malignant` ship with the package (`PolicyPresets`), and `docs/POLICY.md` cites the source
/// of every default.
public struct SelectionPolicy: Codable, Sendable, Hashable {
    public var schema: String
    public var name: String
    public var description: String
    public var hlaFloor: HLAFloor
    public var dose: DoseGate
    public var antibodies: AntibodyRules
    public var quality: [QualityRule]
    public var doubleUnits: DoubleUnitRules
    public var ranking: [RankingKey]
    /// Warn about HvG-only (rejection-direction) mismatches (non-malignant disease: graft failure dominates).
    public var warnHvGOnly: Bool

    public static let schemaName = "cordmatch.policy/1"

    enum CodingKeys: String, CodingKey {
        case schema, name, description, dose, antibodies, quality, ranking
        case hlaFloor = "hla_floor", doubleUnits = "double_units", warnHvGOnly = "warn_hvg_only"
    }

    /// Minimum matches, potential matches counting as matches when `potentialCountsAsMatch`.
    public struct HLAFloor: Codable, Sendable, Hashable {
        public var minX6: Int
        public var minX8: Int
        public var potentialCountsAsMatch: Bool

        public init(minX6: Int, minX8: Int, potentialCountsAsMatch: Bool) {
            self.minX6 = minX6
            self.minX8 = minX8
            self.potentialCountsAsMatch = potentialCountsAsMatch
        }

        enum CodingKeys: String, CodingKey {
            case minX6 = "min_x6", minX8 = "min_x8", potentialCountsAsMatch = "potential_counts_as_match"
        }

        /// The x/6 and x/8 counts the floor compares (potential matches included when the policy says so).
        public func counted(_ x6: PairMatch.Count, _ x8: PairMatch.Count) -> (x6: Int, x8: Int) {
            potentialCountsAsMatch ? (x6.matchesIncludingPotential, x8.matchesIncludingPotential) : (x6.definite, x8.definite)
        }

        /// True when counts like these can pass the floor.
        public func admits(_ c: PairCounts) -> Bool {
            let (x6, x8) = counted(c.x6, c.x8)
            return x6 >= minX6 && x8 >= minX8
        }
    }

    /// The single-unit dose gate: TNC/kg by x/8 match (the first step whose `minX8Matches` the unit reaches
    /// applies, so the required dose may rise as the match falls), and CD34/kg when the bank reported CD34.
    public struct DoseGate: Codable, Sendable, Hashable {
        public var tncSteps: [DoseStep]
        public var cd34PerKg: Threshold
        /// A unit without a CD34 count stays eligible (flagged, ranked after units with one) when true.
        public var allowCD34NotReported: Bool

        enum CodingKeys: String, CodingKey {
            case tncSteps = "tnc_steps", cd34PerKg = "cd34_per_kg", allowCD34NotReported = "allow_cd34_not_reported"
        }
    }

    public struct DoseStep: Codable, Sendable, Hashable {
        /// x/8 matches (definite + potential) the unit must reach for this step to apply.
        public var minX8Matches: Int
        /// TNC ×10^7 per kg.
        public var tncPerKg: Threshold

        enum CodingKeys: String, CodingKey { case minX8Matches = "min_x8_matches", tncPerKg = "tnc_per_kg" }
    }

    /// Donor-specific antibodies: a unit carrying an allele or antigen the recipient lacks and has an antibody
    /// against with MFI ≥ `excludeAtMFI` is excluded (or only flagged when `action` is `flag`); weaker antibodies
    /// from `warnAtMFI` up are shown as warnings.
    public struct AntibodyRules: Codable, Sendable, Hashable {
        public var excludeAtMFI: Double
        public var warnAtMFI: Double
        public var action: Action
        public enum Action: String, Codable, Sendable, Hashable { case exclude, flag }

        enum CodingKeys: String, CodingKey { case excludeAtMFI = "exclude_at_mfi", warnAtMFI = "warn_at_mfi", action }
    }

    /// A quality rule. Failing a rule that is not relaxed excludes the unit; a search may relax rules marked
    /// `relaxable` (relaxed failures rank after units that meet them). An unreported fact never excludes.
    public struct QualityRule: Codable, Sendable, Hashable {
        public var rule: Kind
        public var relaxable: Bool
        /// For `maxAgeYears`: the age limit.
        public var years: Int?

        public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
            case attachedSegment = "attached_segment"
            case redCellReduced = "red_cell_reduced"
            case accreditedBank = "accredited_bank"
            case maxAgeYears = "max_age_years"
        }
    }

    /// Double units, considered only when no single unit passes.
    public struct DoubleUnitRules: Codable, Sendable, Hashable {
        public var enabled: Bool
        public var perUnitTNCPerKg: Threshold
        public var perUnitCD34PerKg: Threshold
        public var combinedTNCPerKg: Threshold
        /// Minimum x/8 match between the two units, or nil: reported, not required.
        public var minUnitToUnitX8: Int?

        enum CodingKeys: String, CodingKey {
            case enabled, perUnitTNCPerKg = "per_unit_tnc_per_kg", perUnitCD34PerKg = "per_unit_cd34_per_kg"
            case combinedTNCPerKg = "combined_tnc_per_kg", minUnitToUnitX8 = "min_unit_to_unit_x8"
        }
    }

    /// Ranking keys of eligible units, applied in order (the first difference decides).
    public enum RankingKey: String, Codable, Sendable, Hashable, CaseIterable {
        case relaxedQuality = "relaxed_quality"
        case knownMismatches = "known_mismatches"
        case hlaC = "hla_c"
        case direction
        case potentialLoci = "potential_loci"
        case cd34Reported = "cd34_reported"
        case tncDose = "tnc_dose"
        case nima
        case abo
        case collectionDate = "collection_date"
        case dqb1
        /// The probability of 8/8 after confirmatory typing (`MatchProbabilities.probabilityOf8of8`), highest
        /// first; a unit without one (no haplotype set, or a side unrepresented) after every unit with one. No
        /// preset uses it (docs/POLICY.md, "Match probabilities in the ranking").
        case probability8of8 = "probability_8of8"
        case unitID = "unit_id"
    }
}
