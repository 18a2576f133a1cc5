import GRDB

/// A write the storage refused — a full disk, a file-size limit, an I/O error, read-only storage — naming the
/// database; nothing of the transaction was committed.
public struct InventoryWriteError: Error, CustomStringConvertible, Sendable {
    /// The database file the write was for.
    public let path: String
    /// What the storage refused, in words (`the disk is full`, `the storage is read-only`, …).
    public let reason: String
    /// True when the disk (or the process's file-size limit) had no room.
    public let outOfSpace: Bool

    /// The message for the coordinator: the database, the reason, and that nothing of the change was saved.
    public var description: String { "cannot write the inventory \(path): \(reason); nothing of this change was saved" }

    /// `error` as an `InventoryWriteError` when it is SQLite's report of a storage failure; else `error` itself.
    static func wrapping(_ error: Error, path: String) -> Error {
        guard let e = error as? DatabaseError else { return error }
        switch e.resultCode {
        case .SQLITE_FULL:
            return InventoryWriteError(path: path, reason: "the disk is full", outOfSpace: true)
        case .SQLITE_IOERR:
            return InventoryWriteError(path: path, reason: "an I/O error (\(e.message ?? "SQLite \(e.extendedResultCode.rawValue)")): the disk "
                                       + "may be full, failing, or past the size this process may write", outOfSpace: true)
        case .SQLITE_READONLY:
            return InventoryWriteError(path: path, reason: "the storage is read-only", outOfSpace: false)
        case .SQLITE_CANTOPEN:
            return InventoryWriteError(path: path, reason: "SQLite cannot open a file beside it (\(e.message ?? "")); is the folder writable?",
                                       outOfSpace: false)
        default:
            return error
        }
    }
}
