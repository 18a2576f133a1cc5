/// A lower bound that is either inclusive (≥) or strict (>). Doses are compared unrounded: 2.96 is below 3.0.
public struct Threshold: Codable, Sendable, Hashable {
    /// The limit, in the unit of the dose it applies to (TNC ×10^7/kg, CD34 ×10^5/kg).
    public var value: Double
    /// True for "at least", false for "more than".
    public var inclusive: Bool

    /// Makes a threshold.
    ///
    /// - Parameters:
    ///   - value: The limit.
    ///   - inclusive: `true` for "at least" (≥), `false` for "more than" (>).
    public init(_ value: Double, inclusive: Bool = true) {
        self.value = value
        self.inclusive = inclusive
    }

    /// Whether a value meets the threshold.
    ///
    /// - Parameter x: The value, in the threshold's unit, unrounded.
    /// - Returns: `x >= value` when inclusive, else `x > value`.
    public func isMet(by x: Double) -> Bool { inclusive ? x >= value : x > value }

    /// `≥ 3.0` or `> 5.0`.
    public var text: String { "\(inclusive ? "≥" : ">") \(Self.format(value))" }

    static func format(_ v: Double) -> String {
        NumberText.fixed(v, v == v.rounded() && abs(v) < 1e9 ? 1 : 2)
    }
}
