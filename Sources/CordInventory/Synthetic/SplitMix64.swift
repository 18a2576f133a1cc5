/// A small seeded random generator: the same seed gives the same sequence on every run and platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    /// A generator whose sequence is fixed by `seed`.
    ///
    /// - Parameter seed: Any number; 0 is fine.
    public init(seed: UInt64) { state = seed }
    /// The next number of the sequence (SplitMix64: Steele, Lea and Flood 2014).
    ///
    /// - Returns: A uniform 64-bit number.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1).
    ///
    /// - Returns: A number in [0, 1), from the top 53 bits of `next()`.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
