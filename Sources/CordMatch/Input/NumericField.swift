import HLA

/// A kind of number cordmatch reads from outside, with what it measures, its unit and the values that can be
/// real. Every number read from a file, a policy, a scenario or the command line is read through one of these
/// (`read`, `readWhole`), so that one grammar (`DecimalNumber`) and one table of plausible ranges apply
/// everywhere; a number that is already a `Double` (a library caller's) is checked with `check`.
///
/// The table is `NumericField+Table.swift`; docs/FORMATS.md lists every range with its source. A case is a plain
/// value (no stored strings), so reading a field millions of times in an import costs no reference counting.
public enum NumericField: Sendable, Hashable {
    /// A recipient's body weight (kg): `WEIGHT_KG`, `--weight`.
    case recipientWeight
    /// An antibody's mean fluorescence intensity: `DSA` lists, `--dsa`, a policy's MFI thresholds.
    case antibodyMFI
    /// A unit's total nucleated cells, an absolute count: `TNC`, `TNC_FRZN`, `--tnc`.
    case unitTNC
    /// A unit's CD34+ cells, an absolute count: `CD34PC`, `CD34PC_FRZN`, `--cd34`.
    case unitCD34
    /// A unit's volume (mL): `VOL`, `VOL_FRZN`.
    case unitVolume
    /// A unit's attached segments: `ATT_SEG`.
    case attachedSegments
    /// A unit's colony-forming units: `CFU_FRZN`.
    case unitCFU
    /// Another count of a unit's cells (mononuclear, nucleated red): `MNC_FRZN`, `RED_BC_FRZN`.
    case unitCellCount
    /// A unit's viability (%): `VIABILITY`.
    case unitViability
    /// A policy's TNC dose threshold (×10^7 TNC/kg).
    case tncDosePerKg
    /// A policy's CD34+ dose threshold (×10^5 CD34+/kg).
    case cd34DosePerKg
    /// A number of matches out of `outOf` (a policy's HLA floor, a scenario's expected x/8).
    case matches(outOf: Int)
    /// Known mismatches at A, B, C and DRB1 (a scenario's expected GvH or HvG count).
    case knownMismatches
    /// A policy's age limit for units (years since collection).
    case unitAgeYears
    /// A 1-based rank (a scenario's expected rank).
    case rank
    /// How many results to show or keep (`--limit`).
    case resultLimit
    /// How many recipients a rematch commits at a time (`--batch-size`).
    case batchSize
    /// How many rows to generate (`gen --count`, `--like-units`, `bench scoring --units`).
    case generatedRows
    /// How many times a benchmark repeats a measurement (`--passes`, `--searches`, `--compare`, `--naive`).
    case repetitions
    /// How long a benchmark measures each kernel (s).
    case benchmarkSeconds
    /// A haplotype's frequency in a haplotype frequency set (`data install --haplotypes`; more than 0 as well).
    case haplotypeFrequency

    /// True when `value` is in the plausible range (a negative zero is negative).
    ///
    /// - Parameter value: A value.
    /// - Returns: Whether it is in the range (and whole, for a whole-number field).
    public func contains(_ value: Double) -> Bool {
        let r = range
        return r.contains(value) && !(value == 0 && value.sign == .minus && r.lowerBound >= 0)
            && (!isWhole || value == value.rounded())
    }

    /// The value of `text`, or why it is refused: not of the grammar, or outside the plausible range.
    ///
    /// - Parameter text: The value as written.
    /// - Returns: The value, or why it is refused (the reason quotes the text and says the range).
    public func read(_ text: String) -> Result<Double, InvalidValue> {
        if isWhole { return readWhole(text).map(Double.init) }
        switch DecimalNumber.value(of: text) {
        case .failure(.notDecimal): return .failure(notANumber(text))
        case .failure(.tooLarge): return .failure(outside(InputExcerpt.of(text)))
        case .failure(.tooCloseToZero) where range.lowerBound > 0: return .failure(outside(InputExcerpt.of(text)))
        case .failure(.tooCloseToZero):
            return .failure(InvalidValue("\(InputExcerpt.of(text)) is too close to zero to be a measurement (write 0 for none)"))
        case .success(let v): return contains(v) ? .success(v) : .failure(outside(InputExcerpt.of(text)))
        }
    }

    /// The whole number `text` (`[+-]?[0-9]+`), or why it is refused.
    ///
    /// - Parameter text: The value as written.
    /// - Returns: The number, or why it is refused (`4.0` is told to be written with digits only).
    public func readWhole(_ text: String) -> Result<Int, InvalidValue> {
        guard let n = DecimalNumber.wholeValue(of: text), contains(Double(n)),
              !(n == 0 && text.utf8.first == UInt8(ascii: "-") && range.lowerBound >= 0) else {
            // 4.0 and 4e0 have the grammar of a number but are not written as a whole number.
            let digitsOnly = DecimalNumber.isWellFormed(text.utf8) && DecimalNumber.wholeValue(of: text) == nil
                && DecimalNumber.value(of: text).map { $0 == $0.rounded() && contains($0) } == .success(true)
            return .failure(InvalidValue(notWhole(InputExcerpt.of(text)).reason + (digitsOnly ? " (write it with digits only)" : "")))
        }
        return .success(n)
    }

    /// Why `value` (a number given as a `Double`, not as text) is refused; nil when it is plausible.
    ///
    /// - Parameter value: A value.
    /// - Returns: Why it is refused, or nil.
    public func check(_ value: Double) -> InvalidValue? {
        guard !contains(value) else { return nil }
        return isWhole ? notWhole(Self.text(value)) : outside(Self.text(value))
    }

    /// The plausible range in words: `0.5 to 400 kg`, `a whole number from 0 to 8`.
    public var rangeText: String {
        isWhole ? "a whole number from \(Int(range.lowerBound)) to \(Int(range.upperBound))"
            : "\(Self.text(range.lowerBound)) to \(Self.text(range.upperBound))\(unit.isEmpty ? "" : " \(unit)")"
    }

    private func notANumber(_ text: String) -> InvalidValue {
        let shown = InputExcerpt.of(text)
        if isWhole { return notWhole(shown) }
        let why = text.contains(",") ? "the decimal separator is '.', and no thousands separator is written"
            : "write digits with an optional decimal point and exponent, such as 18, 0.5 or 1.2E9 (no hexadecimal, inf or nan)"
        return InvalidValue("\(shown.isEmpty ? "an empty value" : shown) is not a number: \(why)")
    }

    private func outside(_ shown: String) -> InvalidValue {
        InvalidValue("\(shown) is outside the plausible range of \(what), \(rangeText)\(hint.map { " (\($0))" } ?? "")")
    }

    private func notWhole(_ shown: String) -> InvalidValue {
        InvalidValue("\(shown.isEmpty ? "an empty value" : shown) is not \(rangeText)")
    }

    /// A bound or a value in the way the range table writes it: `400`, `0.5`, `1E7`, `2.5E10`, `1E300`, `-1`.
    static func text(_ v: Double) -> String {
        var s = "\(v)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        let parts = s.split(separator: "e", maxSplits: 1)
        if parts.count == 2 {
            let exponent = parts[1].hasPrefix("+") ? parts[1].dropFirst() : parts[1]
            return "\(parts[0])E\(exponent)"
        }
        // A large whole number in powers of ten: 10000000 → 1E7, 25000000000 → 2.5E10.
        guard abs(v) >= 1e6, v == v.rounded() else { return s }
        let sign = v < 0 ? "-" : "", digits = v < 0 ? s.dropFirst() : Substring(s)
        var significant = digits
        while significant.last == "0" { significant.removeLast() }
        let fraction = significant.dropFirst()
        return "\(sign)\(significant.prefix(1))\(fraction.isEmpty ? "" : ".\(fraction)")E\(digits.count - 1)"
    }
}
