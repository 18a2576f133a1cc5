/// The one grammar in which cordmatch reads a number from outside — CSV and XML fields, scenario and policy JSON,
/// command-line options: an optional sign, digits, an optional fraction and an optional exponent,
///
///     [+-]? [0-9]+ ( . [0-9]+ )? ( [eE] [+-]? [0-9]+ )?
///
/// (`18`, `-3`, `0.5`, `1.2E9`, `4e6`), whose value is finite and not too close to zero for a `Double` to hold it
/// exactly (no subnormal). A whole number is `[+-]? [0-9]+`.
///
/// Swift's `Double(String)` also reads hexadecimal floats (`0x1p30`), `inf`, `infinity` and `nan`, and turns
/// `1e400` into infinity and `1e-320` into a subnormal; no bank, centre or coordinator means any of these, so none
/// is a number here. A digit is needed on both sides of a decimal point (`.5` and `5.` are refused: write `0.5`
/// and `5`), and the decimal separator is `.` only (`1,5` is refused, never read as 1 or 15).
public enum DecimalNumber {
    /// Why a text is not a number of this grammar.
    public enum Problem: Error, Sendable, Hashable {
        /// Not of the grammar (empty, hexadecimal, `inf`, `nan`, a comma, spaces, a unit …).
        case notDecimal
        /// Of the grammar, but beyond the largest finite `Double` (`1e400`).
        case tooLarge
        /// Of the grammar and not zero, but too close to zero to be held exactly (`1e-320`, `1e-400`).
        case tooCloseToZero
    }

    /// The value of `text`, or why it is not a number.
    public static func value(of text: some StringProtocol) -> Result<Double, Problem> {
        guard let shape = shape(text.utf8), !shape.isEmpty else { return .failure(.notDecimal) }
        // The grammar is a subset of what `Double.init` reads, so this cannot fail; it rounds correctly.
        guard let value = Double(text) else { return .failure(.notDecimal) }
        if !value.isFinite { return .failure(.tooLarge) }
        if value.isSubnormal || (value == 0 && shape.hasNonZeroDigit) { return .failure(.tooCloseToZero) }
        return .success(value)
    }

    /// The value of `text` when it is a whole number (`[+-]?[0-9]+`) that fits an `Int`; nil otherwise.
    public static func wholeValue(of text: some StringProtocol) -> Int? {
        guard let shape = shape(text.utf8), shape.isWhole else { return nil }
        return Int(text)
    }

    /// Whether `bytes` are a number of the grammar (whatever its size).
    public static func isWellFormed(_ bytes: some Collection<UInt8>) -> Bool {
        shape(bytes).map { !$0.isEmpty } ?? false
    }

    /// What a scan of the grammar found: nil when the bytes are not of it.
    private struct Shape {
        var isEmpty = true
        var isWhole = true
        var hasNonZeroDigit = false
    }

    private static func shape(_ bytes: some Collection<UInt8>) -> Shape? {
        var s = Shape()
        var i = bytes.startIndex
        let end = bytes.endIndex
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        /// Digits from `i` (at least one); false when there is none.
        func digits(mantissa: Bool) -> Bool {
            var any = false
            while i < end, isDigit(bytes[i]) {
                if mantissa && bytes[i] != UInt8(ascii: "0") { s.hasNonZeroDigit = true }
                any = true
                i = bytes.index(after: i)
            }
            return any
        }
        if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
        guard digits(mantissa: true) else { return nil }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            s.isWhole = false
            i = bytes.index(after: i)
            guard digits(mantissa: true) else { return nil }
        }
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            s.isWhole = false
            i = bytes.index(after: i)
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
            guard digits(mantissa: false) else { return nil }
        }
        guard i == end else { return nil }
        s.isEmpty = false
        return s
    }
}
