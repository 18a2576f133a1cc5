/// The table of plausible ranges: what each field measures, its unit and its bounds. The bounds are deliberately
/// wide sanity bounds — every real value is inside, so they refuse only what cannot be real (zero, negative, a
/// wrong unit such as grams or ×10^7) — and docs/FORMATS.md gives the reason or source of each.
extension NumericField {
    /// The plausible values.
    public var range: ClosedRange<Double> {
        switch self {
        // Below any transplanted infant (a 1 kg premature neonate is inside), above any adult candidate (250 kg).
        case .recipientWeight: 0.5...400
        // Single-antigen bead assays report up to about 30,000.
        case .antibodyMFI: 0...100_000
        // EMDIS CB_NC: up to 999.9E7; ten times wider above, and far below any banked unit.
        case .unitTNC: 1e7...1e11
        // EMDIS CB_34PC: up to 999.9E6; ten times wider above.
        case .unitCD34: 1e3...1e10
        // EMDIS CB_VOL: 10.0–999.9 mL.
        case .unitVolume: 1...1000
        // EMDIS CB_ATT_SEG: two digits.
        case .attachedSegments: 0...99
        // EMDIS CFU: up to 999.9E5; a hundred times wider.
        case .unitCFU: 0...1e10
        // At most the TNC bound.
        case .unitCellCount: 0...1e11
        case .unitViability: 0...100
        // Policies use 1.5–5.0 (docs/POLICY.md); a count or ×10^5 written by mistake is far above 100.
        case .tncDosePerKg: 0...100
        case .cd34DosePerKg: 0...100
        case .matches(let n): 0...Double(n)
        // Two positions at each of A, B, C and DRB1.
        case .knownMismatches: 0...8
        // The NMDP default is 10 years; cryopreserved units have been used after more than 20.
        case .unitAgeYears: 1...50
        case .rank: 1...100_000_000
        case .resultLimit: 1...100_000
        case .batchSize: 1...100_000
        // The generator holds the whole file in memory (about 200 bytes a unit).
        case .generatedRows: 1...10_000_000
        case .repetitions: 1...1_000_000
        case .benchmarkSeconds: 0.01...3600
        // A frequency; a set's builder also refuses 0 (a haplotype given with frequency 0 is not in the set).
        case .haplotypeFrequency: 0...1
        }
    }

    /// True for counts (`[+-]?[0-9]+` only).
    public var isWhole: Bool {
        switch self {
        case .attachedSegments, .matches, .knownMismatches, .unitAgeYears, .rank, .resultLimit, .batchSize, .generatedRows, .repetitions: true
        default: false
        }
    }

    /// What the field measures, in words for an error message.
    public var what: String {
        switch self {
        case .recipientWeight: "a recipient's weight"
        case .antibodyMFI: "an antibody's MFI"
        case .unitTNC: "a unit's TNC"
        case .unitCD34: "a unit's CD34+ count"
        case .unitVolume: "a unit's volume"
        case .attachedSegments: "attached segments"
        case .unitCFU: "a unit's CFU count"
        case .unitCellCount: "a unit's cell count"
        case .unitViability: "a unit's viability"
        case .tncDosePerKg: "a TNC dose"
        case .cd34DosePerKg: "a CD34+ dose"
        case .matches(let n): "x/\(n) matches"
        case .knownMismatches: "known mismatches"
        case .unitAgeYears: "a unit age limit"
        case .rank: "a rank"
        case .resultLimit: "a result limit"
        case .batchSize: "a batch size"
        case .generatedRows: "generated rows"
        case .repetitions: "repetitions"
        case .benchmarkSeconds: "a measuring time"
        case .haplotypeFrequency: "a haplotype frequency"
        }
    }

    /// The unit values are given in (empty for plain counts).
    public var unit: String {
        switch self {
        case .recipientWeight: "kg"
        case .unitTNC, .unitCD34, .unitCellCount: "cells"
        case .unitVolume: "mL"
        case .unitViability: "%"
        case .tncDosePerKg: "×10^7 TNC/kg"
        case .cd34DosePerKg: "×10^5 CD34+/kg"
        case .benchmarkSeconds: "s"
        default: ""
        }
    }

    /// How the value is written, where a wrong unit is a likely mistake.
    var hint: String? {
        switch self {
        case .recipientWeight: "kilograms"
        case .unitTNC: "an absolute pre-cryopreservation count such as 1.2E9, not ×10^7"
        case .unitCD34: "an absolute pre-cryopreservation count such as 4.0E6, not ×10^5"
        case .tncDosePerKg: "in units of 10^7 cells per kg, such as 3.0"
        case .cd34DosePerKg: "in units of 10^5 cells per kg, such as 1.5"
        default: nil
        }
    }
}
