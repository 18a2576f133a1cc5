import Foundation
import GRDB

/// A coordinator's request on a unit for a recipient (`unit_requests`): confirmatory typing requested, or the unit
/// reserved, with a note, who and when. The coordinator's pages list them.
public struct UnitRequestRow: Codable, Sendable, Hashable, FetchableRecord {
    public static let databaseTableName = "unit_requests"

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case confirmatoryTyping = "confirmatory typing requested"
        case reserved
    }

    public var id: Int64
    public var recipientId: String
    public var unitId: String
    public var kind: Kind
    public var note: String
    public var account: String
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
    public func requests(recipientID: String?) throws -> [UnitRequestRow] {
        try read { db in
            if let recipientID {
                return try UnitRequestRow.fetchAll(db, sql: "SELECT * FROM unit_requests WHERE recipient_id = ? ORDER BY id", arguments: [recipientID])
            }
            return try UnitRequestRow.fetchAll(db, sql: "SELECT * FROM unit_requests ORDER BY id")
        }
    }
}
