/// Why a value read from outside (a field, a key, an option) was refused: a reason that quotes the value as
/// `InputExcerpt` shows it and says what would be accepted. The caller adds where (`file:line: COLUMN:`, a key
/// path, an option name).
public struct InvalidValue: Error, CustomStringConvertible, Sendable, Hashable {
    public let reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
