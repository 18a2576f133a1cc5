/// The probability of each value of a count (matches out of 8, mismatches at a locus …): `self[k]` is P(count = k).
/// Encodes as a JSON object with the counts as string keys (`{"8": 0.7, "7": 0.25, …}`), each probability rounded
/// to `decimals` decimals (`rounded(_:)`) so that the same pair gives the same bytes; a count left out has
/// probability 0 (or one that rounds to 0).
public struct CountDistribution: Sendable, Equatable, Encodable {
    /// P(count = k) at index k.
    public let probabilities: [Double]

    /// A distribution over 0…`probabilities.count - 1`.
    /// - Parameter probabilities: P(count = k) at index k.
    public init(_ probabilities: [Double]) { self.probabilities = probabilities }

    /// P(count = k); 0 outside the range.
    public subscript(_ k: Int) -> Double { probabilities.indices.contains(k) ? probabilities[k] : 0 }

    /// The sum of the probabilities (1, up to rounding).
    public var total: Double { probabilities.reduce(0, +) }

    /// P(count ≥ k).
    ///
    /// - Parameter k: A count.
    /// - Returns: The sum of P(count = j) for every j ≥ k.
    public func atLeast(_ k: Int) -> Double { probabilities.indices.filter { $0 >= k }.reduce(0) { $0 + probabilities[$1] } }

    struct CountKey: CodingKey {
        let stringValue: String
        var intValue: Int? { Int(stringValue) }
        init(_ k: Int) { stringValue = String(k) }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { stringValue = String(intValue) }
    }

    /// Decimals a probability keeps in JSON and text: 6 (one in a million; the sums of floating-point products
    /// are not exact beyond about 15 digits, and the order of the additions would otherwise show in the output).
    public static let decimals = 6

    /// `p` rounded to `decimals` decimals, as the JSON gives it.
    /// - Parameter p: a probability.
    /// - Returns: the nearest multiple of 10⁻⁶.
    public static func rounded(_ p: Double) -> Double { (p * 1_000_000).rounded() / 1_000_000 }

    /// Encodes the counts with a probability that does not round to 0, as string keys.
    /// - Parameter encoder: the encoder.
    /// - Throws: the encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CountKey.self)
        for k in probabilities.indices {
            let p = Self.rounded(probabilities[k])
            if p > 0 { try c.encode(p, forKey: CountKey(k)) }
        }
    }
}
