import CordInventory
import Foundation

/// An inventory database of its own in a temporary folder: the store and the folder it lies in, removed with the
/// folder when the last reference to the folder goes (keep the value while the store is used).
public struct TemporaryInventory: Sendable {
    /// The folder holding the database (`inventory.sqlite`) and the files beside it.
    public let folder: TemporaryFolder
    /// The open store.
    public let store: InventoryStore

    /// A new, empty inventory (`inventory.sqlite` in a new temporary folder named after `prefix`).
    /// - Parameter prefix: The start of the folder's name.
    /// - Throws: `OwnerOnlyFile.Failure` when the folder cannot be made, `InventoryError` when the database cannot.
    public init(_ prefix: String = "cordmatch-inventory") throws {
        folder = try TemporaryFolder(prefix)
        store = try InventoryStore(path: folder.path("inventory.sqlite"), mode: .createIfMissing)
    }

    /// The database's path.
    public var path: String { store.path }
}
