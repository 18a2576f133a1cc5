/// A recipient or unit that a request names is not in the inventory (the message says which, as the CLI prints it).
public struct InventoryNotFound: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
