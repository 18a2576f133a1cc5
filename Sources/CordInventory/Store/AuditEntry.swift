import CordMatch
import Foundation
import GRDB

/// One entry of the append-only audit trail (`audit_log`): when, who (`actor`: an account name, or nil for the
/// CLI), what (`action`: `search`, `view recipient`, `explain`, `request`, `sign in`, `import units`, …), for
/// which recipient and unit, and a detail without patient data beyond those ids. Database triggers refuse any
/// update or deletion.
public struct AuditEntry: Codable, Sendable, Hashable, FetchableRecord {
    public static let databaseTableName = "audit_log"

    public var seq: Int64
    public var at: String
    public var actor: String?
    public var action: String
    public var recipientId: String?
    public var unitId: String?
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, action, detail
        case recipientId = "recipient_id", unitId = "unit_id"
    }

    /// An entry to append.
    public struct New: Sendable, Hashable {
        public var actor: String?
        public var action: String
        public var recipientID: String?
        public var unitID: String?
        public var detail: String
        public var at: Date

        public init(actor: String?, action: String, recipientID: String? = nil, unitID: String? = nil, detail: String = "", at: Date = Date()) {
            self.actor = actor
            self.action = action
            self.recipientID = recipientID
            self.unitID = unitID
            self.detail = detail
            self.at = at
        }
    }

    /// Which entries to list: all of them, or those of one recipient, one actor, from one day on.
    public struct Filter: Sendable {
        public var recipientID: String?
        public var actor: String?
        /// `YYYY-MM-DD` (UTC): entries from that day on.
        public var since: String?
        /// At most this many, the latest (nil: all).
        public var limit: Int?

        /// `text` as a `since` day; the message names `parameter` (`--since`, `since`).
        public static func day(_ text: String, parameter: String) throws -> String {
            guard CalendarDate(text) != nil else { throw InventoryError("\(parameter) must be a real date, YYYY-MM-DD") }
            return text
        }

        public init(recipientID: String? = nil, actor: String? = nil, since: String? = nil, limit: Int? = nil) {
            self.recipientID = recipientID
            self.actor = actor
            self.since = since
            self.limit = limit
        }
    }

    /// The stored form of a time: ISO 8601 in UTC to the second (`2026-12-06T21:14:03Z`), so that text order is time order.
    public static func timestamp(_ date: Date) -> String { timestampStyle.format(date) }

    /// (A format style, not an `ISO8601DateFormatter`: making one of those per entry cost a tenth of a cached search.)
    static let timestampStyle = Date.ISO8601FormatStyle()

    static func append(_ db: Database, _ entry: New) throws {
        try db.execute(sql: "INSERT INTO audit_log (at, actor, action, recipient_id, unit_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [timestamp(entry.at), entry.actor, entry.action, entry.recipientID, entry.unitID, entry.detail])
    }
}

extension InventoryStore {
    /// Appends `entries` to the audit trail in one transaction: all are stored, or none.
    public func appendAudit(_ entries: [AuditEntry.New]) throws {
        try write { db in for e in entries { try AuditEntry.append(db, e) } }
    }

    /// The audit entries `filter` selects, oldest first.
    public func audit(_ filter: AuditEntry.Filter) throws -> [AuditEntry] {
        var conditions: [String] = [], arguments: StatementArguments = []
        if let r = filter.recipientID { conditions.append("recipient_id = ?"); arguments += [r] }
        if let a = filter.actor { conditions.append("actor = ?"); arguments += [a] }
        if let s = filter.since { conditions.append("at >= ?"); arguments += [s] }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = filter.limit.map { "SELECT * FROM (SELECT * FROM audit_log \(whereClause) ORDER BY seq DESC LIMIT \($0)) ORDER BY seq" }
            ?? "SELECT * FROM audit_log \(whereClause) ORDER BY seq"
        let bound = arguments
        return try read { try AuditEntry.fetchAll($0, sql: sql, arguments: bound) }
    }
}
