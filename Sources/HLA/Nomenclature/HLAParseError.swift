/// Why a typing string could not be read: what was wrong, where (1-based character position in the whole input)
/// and why. Messages are meant for a coordinator, not a programmer; they quote the input through `InputExcerpt`,
/// so a runaway input is never repeated whole.
public struct HLAParseError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The whole input that was being read.
    public let input: String
    /// 1-based character position of the problem in `input`.
    public let position: Int
    /// What is wrong there.
    public let reason: String

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - input: The whole input being read.
    ///   - position: The 1-based character position of the problem in `input`.
    ///   - reason: What is wrong there, for a coordinator to read.
    public init(input: String, position: Int, reason: String) {
        self.input = input
        self.position = position
        self.reason = reason
    }

    /// `'<input>' at position N: <reason>`; when the input is long enough to be cut before position N, 32 bytes
    /// from a little before that position are quoted too (`near '…'`).
    public var description: String {
        var near = ""
        let length = input.utf8.count
        if length > InputLimits.echoedBytes, position > InputLimits.echoedBytes / 2, position <= length {
            let from = input.utf8.index(input.utf8.startIndex, offsetBy: max(0, position - 17))
            let to = input.utf8.index(from, offsetBy: min(32, input.utf8.distance(from: from, to: input.utf8.endIndex)))
            near = " near '\(InputExcerpt.of(input[from..<to]))\(to < input.endIndex ? "…" : "")'"
        }
        return "'\(InputExcerpt.of(input))' at position \(position)\(near): \(reason)"
    }
}
