/// The probability of each value of a count (matches out of 8, mismatches at a locus …): `self[k]` is P(count = k).
/// Encodes as a JSON object with the counts as string keys (`{"8": 0.7, "7": 0.25, …}`); a count left out has
/// probability 0.
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

    /// Encodes as a JSON object with the counts as string keys, leaving out counts of probability 0.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's error.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CountKey.self)
        for k in probabilities.indices where probabilities[k] > 0 { try c.encode(probabilities[k], forKey: CountKey(k)) }
    }
}
