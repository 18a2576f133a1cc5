import Foundation
import GRDB

/// A coordinator's request on a unit for a recipient (`unit_requests`): confirmatory typing requested, or the unit
/// reserved, with a note, who and when. The coordinator's pages list them.
public struct UnitRequestRow: Codable, Sendable, Hashable, FetchableRecord {
    /// The table: `unit_requests`.
    public static let databaseTableName = "unit_requests"

    /// What the coordinator asked of the unit's bank; stored as the raw value's text.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Confirmatory typing of the unit requested (stored as `confirmatory typing requested`).
        case confirmatoryTyping = "confirmatory typing requested"
        /// The unit reserved for the recipient (stored as `reserved`).
        case reserved
    }

    /// The request's row id, given by SQLite; requests in id order are in the order they were made.
    public var id: Int64
    /// The recipient the request is for (the centre's recipient ID).
    public var recipientId: String
    /// The unit it is about (the unit's ID as its bank gave it).
    public var unitId: String
    /// What was requested.
    public var kind: Kind
    /// The coordinator's note, at most `noteBytes` bytes of UTF-8 (may be empty).
    public var note: String
    /// The name of the account that made the request.
    public var account: String
    /// When it was made: ISO 8601 in UTC to the second (`AuditEntry.timestamp(_:)`).
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, kind, note, account
        case recipientId = "recipient_id", unitId = "unit_id", createdAt = "created_at"
    }

    /// The longest note a request may carry (bytes).
    public static let noteBytes = 4096
}

extension InventoryStore {
    /// Records a request (audited as `request`, in the same transaction); throws when the recipient or the unit is not
    /// stored or the note is too long.
    ///
    /// - Parameters:
    ///   - recipientID: the stored recipient the request is for.
    ///   - unitID: the stored unit it is about.
    ///   - kind: what is requested.
    ///   - note: the coordinator's note, at most `UnitRequestRow.noteBytes` bytes.
    ///   - account: the name of the account making the request (also the audit entry's actor).
    /// - Returns: the stored row, with its id and creation time.
    /// - Throws: `InventoryError` when the note is too long; `NotInInventory` when the recipient or the unit is
    ///   not stored; `InventoryWriteError` when the storage refuses the write; database errors.
    public func addRequest(recipientID: String, unitID: String, kind: UnitRequestRow.Kind, note: String, account: String) throws -> UnitRequestRow {
        guard note.utf8.count <= UnitRequestRow.noteBytes else {
            throw InventoryError("the note has \(note.utf8.count) bytes; at most \(UnitRequestRow.noteBytes)")
        }
        return try write { db in
            guard try RecipientRow.exists(db, key: recipientID) else { throw NotInInventory(kind: "recipient", id: recipientID, database: path) }
            guard try UnitRow.exists(db, key: unitID) else { throw NotInInventory(kind: "unit", id: unitID, database: path) }
            try db.execute(sql: "INSERT INTO unit_requests (recipient_id, unit_id, kind, note, account, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [recipientID, unitID, kind.rawValue, note, account, AuditEntry.timestamp(Date())])
            let row = try UnitRequestRow.fetchOne(db, sql: "SELECT * FROM unit_requests WHERE id = ?", arguments: [db.lastInsertedRowID])!
            try AuditEntry.append(db, AuditEntry.New(actor: account, action: "request", recipientID: recipientID, unitID: unitID,
                                                     detail: kind.rawValue))
            return row
        }
    }

    /// The requests for `recipientID` (every recipient's when nil), oldest first.
    ///
    /// - Parameter recipientID: the recipient whose requests are listed; nil: every recipient's.
    /// - Returns: the rows, in id order.
    /// - Throws: database errors.
    public func requests(recipientID: String?) throws -> [UnitRequestRow] {
        try read { db in
            if let recipientID {
                return try UnitRequestRow.fetchAll(db, sql: "SELECT * FROM unit_requests WHERE recipient_id = ? ORDER BY id", arguments: [recipientID])
            }
            return try UnitRequestRow.fetchAll(db, sql: "SELECT * FROM unit_requests ORDER BY id")
        }
    }
}
