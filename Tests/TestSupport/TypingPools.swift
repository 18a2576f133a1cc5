import CordMatch
import PropertyBased

/// Typings for property tests, drawn from a pool of values per locus: two numbers a locus pick its two positions'
/// values (an empty value leaves the position out), so random numbers give random typings of every resolution.
public struct TypingPools: Sendable {
    /// The values of each locus, in the order the typing's loci are written.
    public let pools: [(locus: MatchLocus, values: [String])]
    /// The typing written when every value drawn is empty.
    public let fallback: String

    /// Pools of these values.
    /// - Parameters:
    ///   - pools: The values of each locus.
    ///   - fallback: The typing written when nothing is drawn.
    public init(_ pools: [(locus: MatchLocus, values: [String])], fallback: String) {
        self.pools = pools
        self.fallback = fallback
    }

    /// Picks for one typing.
    /// - Returns: A generator of two numbers a locus.
    public func picks() -> Generator<[Int], Generator<Int, Shrink.Integer<Int>>.ArrayShrink> {
        Gen.int(in: 0...1000).array(of: 2 * pools.count)
    }

    /// The GL string of some picks.
    /// - Parameter picks: Two numbers a locus, each taken modulo its pool's size.
    /// - Returns: The typing's GL string.
    public func gl(_ picks: [Int]) -> String {
        var parts: [String] = []
        for (i, (_, pool)) in pools.enumerated() {
            let values = [pool[picks[2 * i] % pool.count], pool[picks[2 * i + 1] % pool.count]].filter { !$0.isEmpty }
            if !values.isEmpty { parts.append(values.joined(separator: "+")) }
        }
        return parts.isEmpty ? fallback : parts.joined(separator: "^")
    }

    /// Real values of every resolution at the six scored loci of the current shared release (allele names, G
    /// groups, allele lists, XX codes, serology with broads, null alleles, untyped): the scoring properties' pools.
    public static let scoring = TypingPools([
        (.A, ["", "A*02:01", "A*02:01:01:01", "A*24:02", "A*01:01", "A*02:XX", "A2", "A9", "A24", "A*02:43N", "A*01:01:01G",
              "A*02:05", "A*02:01/A*02:02", "A*03:01"]),
        (.B, ["", "B*44:02", "B*08:01", "B*44:19N", "B44", "B12", "B*07:XX", "B*07:02", "B*44:03"]),
        (.C, ["", "C*05:01", "C*07:01", "C*04:01", "Cw7", "C*07:XX"]),
        (.DRB1, ["", "DRB1*15:01", "DRB1*03:01", "DRB1*15:XX", "DR15", "DR2", "DRB1*04:01"]),
        (.DQB1, ["", "DQB1*06:02", "DQB1*02:01", "DQ6", "DQB1*03:XX"]),
        (.DPB1, ["", "DPB1*04:01", "DPB1*09:01", "DPB1*03:01"]),
    ], fallback: "A*01:01")

    /// The typing of some picks from the scoring pools, resolved by `SharedReleases.resolverWithTCE()`.
    /// - Parameter picks: Two numbers a locus.
    /// - Returns: The resolved typing.
    /// - Throws: The resolver's error.
    public static func scoringTyping(_ picks: [Int]) throws -> HLATyping {
        try SharedReleases.resolverWithTCE().resolve(scoring.gl(picks))
    }
}
