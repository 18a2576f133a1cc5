/// The probability of each value of a count (matches out of 8, mismatches at a locus …): `self[k]` is P(count = k).
/// Encodes as a JSON object with the counts as string keys (`{"8": 0.7, "7": 0.25, …}`); a count left out has
/// probability 0.
public struct CountDistribution: Sendable, Equatable, Encodable {
    /// P(count = k) at index k.
    public let probabilities: [Double]
    /// Whether the JSON lists the highest count first (matches) or the lowest (mismatches).
    let highestFirst: Bool

    /// A distribution over 0…`probabilities.count - 1`.
    /// - Parameters:
    ///   - probabilities: P(count = k) at index k.
    ///   - highestFirst: list the highest count first in JSON.
    public init(_ probabilities: [Double], highestFirst: Bool) {
        self.probabilities = probabilities
        self.highestFirst = highestFirst
    }

    /// P(count = k); 0 outside the range.
    public subscript(_ k: Int) -> Double { probabilities.indices.contains(k) ? probabilities[k] : 0 }

    /// The sum of the probabilities (1, up to rounding).
    public var total: Double { probabilities.reduce(0, +) }

    /// P(count ≥ k).
    public func atLeast(_ k: Int) -> Double { probabilities.indices.filter { $0 >= k }.reduce(0) { $0 + probabilities[$1] } }

    /// The same distribution with the count reversed: P(n − count = k), n the largest count.
    func complement(highestFirst: Bool) -> CountDistribution { CountDistribution(probabilities.reversed(), highestFirst: highestFirst) }

    struct CountKey: CodingKey {
        let stringValue: String
        var intValue: Int? { Int(stringValue) }
        init(_ k: Int) { stringValue = String(k) }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { stringValue = String(intValue) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CountKey.self)
        let counts = highestFirst ? Array(probabilities.indices.reversed()) : Array(probabilities.indices)
        for k in counts where probabilities[k] > 0 { try c.encode(probabilities[k], forKey: CountKey(k)) }
    }
}
