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
    ///
    /// - Parameter text: The text.
    /// - Returns: The value, or the `Problem`: not of the grammar, too large, or too close to zero.
    public static func value(of text: String) -> Result<Double, Problem> {
        guard let shape = shape(of: text), !shape.isEmpty else { return .failure(.notDecimal) }
        // The grammar is a subset of what `Double.init` reads, so this cannot fail; it rounds correctly.
        guard let value = Double(text) else { return .failure(.notDecimal) }
        if !value.isFinite { return .failure(.tooLarge) }
        if value.isSubnormal || (value == 0 && shape.hasNonZeroDigit) { return .failure(.tooCloseToZero) }
        return .success(value)
    }

    /// The value of `text` when it is a whole number (`[+-]?[0-9]+`) that fits an `Int`; nil otherwise.
    ///
    /// - Parameter text: The text.
    /// - Returns: The value, or nil.
    public static func wholeValue(of text: String) -> Int? {
        guard let shape = shape(of: text), shape.isWhole else { return nil }
        return Int(text)
    }

    /// Whether `bytes` are a number of the grammar (whatever its size).
    ///
    /// - Parameter bytes: UTF-8 bytes.
    /// - Returns: Whether they are of the grammar.
    public static func isWellFormed(_ bytes: some Collection<UInt8>) -> Bool {
        (bytes.withContiguousStorageIfAvailable(shape) ?? Array(bytes).withUnsafeBufferPointer(shape)).map { !$0.isEmpty } ?? false
    }

    /// The scan of a text's UTF-8 (in place when its storage is contiguous, as a native string's is).
    private static func shape(of text: String) -> Shape? {
        text.utf8.withContiguousStorageIfAvailable(shape) ?? Array(text.utf8).withUnsafeBufferPointer(shape)
    }

    /// What a scan of the grammar found: nil when the bytes are not of it.
    private struct Shape {
        var isEmpty = true
        var isWhole = true
        var hasNonZeroDigit = false
    }

    private static func shape(_ b: UnsafeBufferPointer<UInt8>) -> Shape? {
        var s = Shape()
        let end = b.count
        /// The end of the digits from `i` (`i` itself when there is none).
        func digits(from i: Int) -> Int {
            var j = i
            while j < end, b[j] &- UInt8(ascii: "0") < 10 { j += 1 }
            return j
        }
        func isSign(_ i: Int) -> Bool { i < end && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) }
        var i = isSign(0) ? 1 : 0
        var j = digits(from: i)
        guard j > i else { return nil }
        s.hasNonZeroDigit = b[i..<j].contains { $0 != UInt8(ascii: "0") }
        i = j
        if i < end, b[i] == UInt8(ascii: ".") {
            s.isWhole = false
            j = digits(from: i + 1)
            guard j > i + 1 else { return nil }
            s.hasNonZeroDigit = s.hasNonZeroDigit || b[(i + 1)..<j].contains { $0 != UInt8(ascii: "0") }
            i = j
        }
        if i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            s.isWhole = false
            i += isSign(i + 1) ? 2 : 1
            j = digits(from: i)
            guard j > i else { return nil }
            i = j
        }
        guard i == end else { return nil }
        s.isEmpty = false
        return s
    }
}
