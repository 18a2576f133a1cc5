import HLA

/// A request named a recipient or unit the inventory does not hold (a problem of the request, not of the
/// inventory).
public struct NotInInventory: Error, CustomStringConvertible, Sendable, Equatable {
    /// `recipient` or `unit`.
    public let kind: String
    /// The id as asked for (quoted in the message as an excerpt).
    public let id: String
    /// The database asked.
    public let database: String

    /// - Parameters:
    ///   - kind: `recipient` or `unit`.
    ///   - id: the id as asked for.
    ///   - database: the database asked.
    public init(kind: String, id: String, database: String) {
        self.kind = kind
        self.id = id
        self.database = database
    }

    /// "no recipient X in the database D", the id excerpted.
    public var description: String { "no \(kind) \(InputExcerpt.of(id)) in the database \(database)" }
}
