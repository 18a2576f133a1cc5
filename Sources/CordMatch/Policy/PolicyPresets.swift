/// The presets shipped with the package. Every number is cited in `docs/POLICY.md`; a centre copies one
/// (`cordmatch policy show malignant > mine.json`), changes it, and passes the file.
public enum PolicyPresets {
    /// The names of the presets: `malignant` and `non-malignant`.
    public static let names = ["malignant", "non-malignant"]

    /// The preset of a name.
    ///
    /// - Parameter name: `malignant` or `non-malignant`.
    /// - Returns: The preset, or nil for another name.
    public static func named(_ name: String) -> SelectionPolicy? {
        switch name {
        case "malignant": return malignant
        case "non-malignant": return nonMalignant
        default: return nil
        }
    }

    static let commonRanking: [SelectionPolicy.RankingKey] = [
        .relaxedQuality, .knownMismatches, .hlaC, .direction, .potentialLoci, .cd34Reported, .tncDose, .nima, .abo,
        .collectionDate, .dqb1, .unitID,
    ]

    static let commonQuality: [SelectionPolicy.QualityRule] = [
        .init(rule: .attachedSegment, relaxable: true, years: nil),
        .init(rule: .redCellReduced, relaxable: true, years: nil),
        .init(rule: .accreditedBank, relaxable: true, years: nil),
        .init(rule: .maxAgeYears, relaxable: true, years: 10),
    ]

    /// Malignant disease: NMDP/CIBMTR 2019 (Dehn et al.) with Eurocord double-unit rules.
    public static let malignant = SelectionPolicy(
        schema: SelectionPolicy.schemaName, name: "malignant",
        description: "Cord blood for malignant disease: NMDP/CIBMTR 2019, Eurocord (see docs/POLICY.md)",
        hlaFloor: .init(minX6: 4, minX8: 4, potentialCountsAsMatch: true),
        dose: .init(tncSteps: [.init(minX8Matches: 0, tncPerKg: Threshold(3.0))], cd34PerKg: Threshold(1.5), allowCD34NotReported: true),
        antibodies: .init(excludeAtMFI: 1000, warnAtMFI: 500, action: .exclude),
        quality: commonQuality,
        doubleUnits: .init(enabled: true, perUnitTNCPerKg: Threshold(1.5), perUnitCD34PerKg: Threshold(1.0),
                           combinedTNCPerKg: Threshold(3.5), minUnitToUnitX8: nil),
        ranking: commonRanking, warnHvGOnly: false)

    /// Non-malignant disease: Eurocord's higher dose, HvG-only mismatches warned (Stevens 2011).
    public static let nonMalignant = SelectionPolicy(
        schema: SelectionPolicy.schemaName, name: "non-malignant",
        description: "Cord blood for non-malignant disease: Eurocord dose > 5.0, Stevens 2011 direction (see docs/POLICY.md)",
        hlaFloor: .init(minX6: 4, minX8: 4, potentialCountsAsMatch: true),
        dose: .init(tncSteps: [.init(minX8Matches: 0, tncPerKg: Threshold(5.0, inclusive: false))], cd34PerKg: Threshold(1.5),
                    allowCD34NotReported: true),
        antibodies: .init(excludeAtMFI: 1000, warnAtMFI: 500, action: .exclude),
        quality: commonQuality,
        doubleUnits: .init(enabled: true, perUnitTNCPerKg: Threshold(1.5), perUnitCD34PerKg: Threshold(1.0),
                           combinedTNCPerKg: Threshold(5.0, inclusive: false), minUnitToUnitX8: nil),
        ranking: commonRanking, warnHvGOnly: true)
}
