/// Why a value read from outside (a field, a key, an option) was refused: a reason that quotes the value as
/// `InputExcerpt` shows it and says what would be accepted. The caller adds where (`file:line: COLUMN:`, a key
/// path, an option name).
public struct InvalidValue: Error, CustomStringConvertible, Sendable, Hashable {
    /// Why the value was refused, quoting it and saying what would be accepted.
    public let reason: String

    /// Makes a refusal.
    ///
    /// - Parameter reason: Why, quoting the value through `InputExcerpt`.
    public init(_ reason: String) { self.reason = reason }

    /// The reason, as it is.
    public var description: String { reason }
}
