/// An oracle that an input broke: what was expected and what happened. The libFuzzer build traps on it (so the
/// fuzzer saves the input as a crash); the replay build and the tests report it.
public struct FuzzViolation: Error, CustomStringConvertible, Sendable {
    /// What went wrong, with an excerpt of what was found.
    public let reason: String

    /// Makes a violation.
    ///
    /// - Parameter reason: The oracle broken and the input's excerpt.
    public init(_ reason: String) { self.reason = reason }

    /// The reason, as it is.
    public var description: String { reason }
}
