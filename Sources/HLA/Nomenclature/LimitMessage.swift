/// How a refusal names the `InputLimits` value it applied: counts written with thousands separators
/// (`40,000`) and the page that lists every limit with its reason.
public enum LimitMessage {
    /// Where the limits are documented.
    public static let reference = "docs/RELIABILITY.md"

    /// `n` with a comma between groups of three digits: 262144 → "262,144".
    ///
    /// - Parameter n: Any integer.
    /// - Returns: Its decimal digits grouped by commas, with a leading `-` when negative.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// "at most 5,000 alternatives are read (docs/RELIABILITY.md)": the end of every refusal.
    ///
    /// - Parameters:
    ///   - limit: The limit applied (an `InputLimits` value).
    ///   - what: What the limit counts, plural (`bytes`, `alternatives`).
    /// - Returns: The sentence, naming docs/RELIABILITY.md.
    public static func atMost(_ limit: Int, _ what: String) -> String { "at most \(grouped(limit)) \(what) are read (\(reference))" }
}
