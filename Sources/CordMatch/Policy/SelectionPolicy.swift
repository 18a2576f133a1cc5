import Foundation

/// A cord blood selection policy, as data: hard filters, the HLA floor, the dose gate, double-unit rules, the
/// antibody threshold, quality rules and the ranking order. Loaded from JSON (`PolicyLoader`); presets
/// `malignant` and `non-malignant` ship with the package (`PolicyPresets`), and `docs/POLICY.md` cites the source
/// of every default.
public struct SelectionPolicy: Codable, Sendable, Hashable {
    /// The policy file's schema name and version; `schemaName` (`cordmatch.policy/1`) is the one read.
    public var schema: String
    /// The policy's name, as reports show it (`malignant`, `non-malignant`, a centre's own).
    public var name: String
    /// What the policy is for, in words.
    public var description: String
    /// The HLA floor: the least x/6 and x/8 match a unit must have (`hla_floor`).
    public var hlaFloor: HLAFloor
    /// The single-unit dose gate: TNC/kg by match, and CD34/kg (`dose`).
    public var dose: DoseGate
    /// The donor-specific antibody rules (`antibodies`).
    public var antibodies: AntibodyRules
    /// The quality rules: attached segment, red-cell reduction, accredited bank, age (`quality`).
    public var quality: [QualityRule]
    /// When and how double units are proposed (`double_units`).
    public var doubleUnits: DoubleUnitRules
    /// The order eligible units are ranked in; `unitID` last makes it total (`ranking`).
    public var ranking: [RankingKey]
    /// Warn about HvG-only (rejection-direction) mismatches (non-malignant disease: graft failure dominates).
    public var warnHvGOnly: Bool

    /// The schema name and version this package reads and writes.
    public static let schemaName = "cordmatch.policy/1"

    enum CodingKeys: String, CodingKey {
        case schema, name, description, dose, antibodies, quality, ranking
        case hlaFloor = "hla_floor", doubleUnits = "double_units", warnHvGOnly = "warn_hvg_only"
    }

    /// Minimum matches, potential matches counting as matches when `potentialCountsAsMatch`.
    public struct HLAFloor: Codable, Sendable, Hashable {
        /// The least number of the six A, B and DRB1 positions that must match (0 to 6; `min_x6`).
        public var minX6: Int
        /// The least number of the eight A, B, C and DRB1 positions that must match (0 to 8; `min_x8`).
        public var minX8: Int
        /// Whether a potential match (a low-resolution unit typing that may match) counts as a match
        /// (`potential_counts_as_match`).
        public var potentialCountsAsMatch: Bool

        /// Makes a floor.
        ///
        /// - Parameters:
        ///   - minX6: The least x/6 match (0 to 6).
        ///   - minX8: The least x/8 match (0 to 8).
        ///   - potentialCountsAsMatch: Whether potential matches count.
        public init(minX6: Int, minX8: Int, potentialCountsAsMatch: Bool) {
            self.minX6 = minX6
            self.minX8 = minX8
            self.potentialCountsAsMatch = potentialCountsAsMatch
        }

        enum CodingKeys: String, CodingKey {
            case minX6 = "min_x6", minX8 = "min_x8", potentialCountsAsMatch = "potential_counts_as_match"
        }

        /// The x/6 and x/8 counts the floor compares (potential matches included when the policy says so).
        ///
        /// - Parameters:
        ///   - x6: The x/6 count of a unit.
        ///   - x8: The x/8 count of a unit.
        /// - Returns: The matches the floor compares with `minX6` and `minX8`.
        public func counted(_ x6: PairMatch.Count, _ x8: PairMatch.Count) -> (x6: Int, x8: Int) {
            potentialCountsAsMatch ? (x6.matchesIncludingPotential, x8.matchesIncludingPotential) : (x6.definite, x8.definite)
        }

        /// True when counts like these can pass the floor.
        ///
        /// - Parameter c: A unit's counts.
        /// - Returns: Whether they reach `minX6` and `minX8`.
        public func admits(_ c: PairCounts) -> Bool {
            let (x6, x8) = counted(c.x6, c.x8)
            return x6 >= minX6 && x8 >= minX8
        }
    }

    /// The single-unit dose gate: TNC/kg by x/8 match (the first step whose `minX8Matches` the unit reaches
    /// applies, so the required dose may rise as the match falls), and CD34/kg when the bank reported CD34.
    public struct DoseGate: Codable, Sendable, Hashable {
        /// The TNC dose steps by x/8 match (one with `minX8Matches` 0), ×10^7 per kg of recipient weight
        /// (`tnc_steps`).
        public var tncSteps: [DoseStep]
        /// The least CD34 dose, ×10^5 per kg, when the bank reported CD34 (`cd34_per_kg`).
        public var cd34PerKg: Threshold
        /// A unit without a CD34 count stays eligible (flagged, ranked after units with one) when true.
        public var allowCD34NotReported: Bool

        enum CodingKeys: String, CodingKey {
            case tncSteps = "tnc_steps", cd34PerKg = "cd34_per_kg", allowCD34NotReported = "allow_cd34_not_reported"
        }
    }

    /// One step of the TNC dose gate: the dose required of a unit that reaches an x/8 match.
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
        /// The MFI from which an antibody against the unit excludes it (or flags it, when `action` is `flag`;
        /// `exclude_at_mfi`).
        public var excludeAtMFI: Double
        /// The MFI from which a weaker antibody against the unit is shown as a warning (`warn_at_mfi`).
        public var warnAtMFI: Double
        /// What a donor-specific antibody at or above `excludeAtMFI` does to the unit.
        public var action: Action
        /// What a donor-specific antibody at or above the exclusion MFI does: `exclude` the unit, or `flag` it and
        /// keep it eligible.
        public enum Action: String, Codable, Sendable, Hashable { case exclude, flag }

        enum CodingKeys: String, CodingKey { case excludeAtMFI = "exclude_at_mfi", warnAtMFI = "warn_at_mfi", action }
    }

    /// A quality rule. Failing a rule that is not relaxed excludes the unit; a search may relax rules marked
    /// `relaxable` (relaxed failures rank after units that meet them). An unreported fact never excludes.
    public struct QualityRule: Codable, Sendable, Hashable {
        /// Which fact the rule checks.
        public var rule: Kind
        /// Whether a search may relax the rule (a relaxed failure keeps the unit eligible, ranked after units that
        /// meet it).
        public var relaxable: Bool
        /// For `maxAgeYears`: the age limit.
        public var years: Int?

        /// The facts a quality rule can check.
        public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
            /// The unit has an attached segment, for confirmatory typing.
            case attachedSegment = "attached_segment"
            /// The unit was red-cell reduced (an RBC-replete unit fails).
            case redCellReduced = "red_cell_reduced"
            /// The unit's bank is accredited (FACT/NetCord or AABB).
            case accreditedBank = "accredited_bank"
            /// The unit was collected at most `years` years before the search date.
            case maxAgeYears = "max_age_years"
        }
    }

    /// Double units, considered only when no single unit passes.
    public struct DoubleUnitRules: Codable, Sendable, Hashable {
        /// Whether double units are proposed at all when no single unit passes.
        public var enabled: Bool
        /// The least TNC dose of each unit of a pair, ×10^7 per kg (`per_unit_tnc_per_kg`).
        public var perUnitTNCPerKg: Threshold
        /// The least CD34 dose of each unit of a pair when reported, ×10^5 per kg (`per_unit_cd34_per_kg`).
        public var perUnitCD34PerKg: Threshold
        /// The least TNC dose of the two units together, ×10^7 per kg (`combined_tnc_per_kg`).
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
        /// Fewer relaxed quality rules broken first.
        case relaxedQuality = "relaxed_quality"
        /// Fewer known allele mismatches at A, B, C and DRB1 first (potential matches are not mismatches).
        case knownMismatches = "known_mismatches"
        /// No HLA-C mismatch before an HLA-C mismatch.
        case hlaC = "hla_c"
        /// No mismatch, then GvH-only, then bidirectional, then HvG-only.
        case direction
        /// Fewer of A, B, C and DRB1 matched only potentially first.
        case potentialLoci = "potential_loci"
        /// CD34 reported before not reported.
        case cd34Reported = "cd34_reported"
        /// Higher TNC per kg first.
        case tncDose = "tnc_dose"
        /// NIMA-matched (the unit's mismatched antigen is one the recipient's mother has and did not pass on) before
        /// not.
        case nima
        /// ABO compatible, then minor, then major incompatibility.
        case abo
        /// More recent collection first.
        case collectionDate = "collection_date"
        /// Fewer DQB1 mismatches first.
        case dqb1
        /// The probability of 8/8 after confirmatory typing (`MatchProbabilities.probabilityOf8of8`), highest
        /// first; a unit without one (no haplotype set, or a side unrepresented) after every unit with one. No
        /// preset uses it (docs/POLICY.md, "Match probabilities in the ranking").
        case probability8of8 = "probability_8of8"
        /// Unit id, ascending; the last key, so that the order is total.
        case unitID = "unit_id"
    }
}
