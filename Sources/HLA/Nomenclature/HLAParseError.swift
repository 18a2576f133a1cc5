/// Why a typing string could not be read: what was wrong, where (1-based character position in the whole input)
/// and why. Messages are meant for a coordinator, not a programmer.
public struct HLAParseError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The whole input that was being read.
    public let input: String
    /// 1-based character position of the problem in `input`.
    public let position: Int
    /// What is wrong there.
    public let reason: String

    public init(input: String, position: Int, reason: String) {
        self.input = input
        self.position = position
        self.reason = reason
    }

    public var description: String { "'\(input)' at position \(position): \(reason)" }
}
