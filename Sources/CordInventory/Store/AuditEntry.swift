import CordMatch
import Foundation
import GRDB

/// One entry of the append-only audit trail (`audit_log`): when, who (`actor`: an account name, or nil for the
/// CLI), what (`action`: `search`, `view recipient`, `explain`, `request`, `sign in`, `import units`, …), for
/// which recipient and unit, and a detail without patient data beyond those ids. Database triggers refuse any
/// update or deletion.
public struct AuditEntry: Codable, Sendable, Hashable, FetchableRecord {
    /// The table: `audit_log`.
    public static let databaseTableName = "audit_log"

    /// The entry's sequence number, given by SQLite: entries in `seq` order are in the order they were written.
    public var seq: Int64
    /// When: ISO 8601 in UTC to the second (`timestamp(_:)`).
    public var at: String
    /// Who: the account's name for a server request; nil for the CLI.
    public var actor: String?
    /// What was done: `search`, `view recipient`, `explain`, `request`, `sign in`, `import units`, `user add`, …
    public var action: String
    /// The recipient it concerned (the centre's recipient ID); nil when none.
    public var recipientId: String?
    /// The unit it concerned (the unit's ID as its bank gave it); nil when none.
    public var unitId: String?
    /// More of what was done, without patient data beyond the IDs (`token 3 for alice`, `from 127.0.0.1`, …);
    /// empty when there is nothing more to say.
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, action, detail
        case recipientId = "recipient_id", unitId = "unit_id"
    }

    /// An entry to append.
    public struct New: Sendable, Hashable {
        /// Who: an account's name; nil for the CLI.
        public var actor: String?
        /// What was done (`AuditEntry.action`).
        public var action: String
        /// The recipient it concerned, if any.
        public var recipientID: String?
        /// The unit it concerned, if any.
        public var unitID: String?
        /// More of what was done, without patient data beyond the IDs.
        public var detail: String
        /// When it was done; stored to the second.
        public var at: Date

        /// An entry of `action` by `actor`.
        ///
        /// - Parameters:
        ///   - actor: an account's name; nil for the CLI.
        ///   - action: what was done (`search`, `request`, `sign in`, …).
        ///   - recipientID: the recipient it concerned, if any.
        ///   - unitID: the unit it concerned, if any.
        ///   - detail: more of what was done (default: nothing).
        ///   - at: when (default: now).
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
        /// Only the entries about this recipient (nil: any).
        public var recipientID: String?
        /// Only the entries of this actor, an account's name (nil: any, the CLI's too).
        public var actor: String?
        /// `YYYY-MM-DD` (UTC): entries from that day on.
        public var since: String?
        /// At most this many, the latest (nil: all).
        public var limit: Int?

        /// `text` as a `since` day; the message names `parameter` (`--since`, `since`).
        ///
        /// - Parameters:
        ///   - text: the day as given, `YYYY-MM-DD`.
        ///   - parameter: the option or query parameter it came from, for the message.
        /// - Returns: `text` unchanged, once it is known to be a real calendar date.
        /// - Throws: `InventoryError` when `text` is not a real date in the form `YYYY-MM-DD`.
        public static func day(_ text: String, parameter: String) throws -> String {
            guard CalendarDate(text) != nil else { throw InventoryError("\(parameter) must be a real date, YYYY-MM-DD") }
            return text
        }

        /// A filter; with no arguments, every entry.
        ///
        /// - Parameters:
        ///   - recipientID: only the entries about this recipient.
        ///   - actor: only the entries of this account.
        ///   - since: only the entries from this day on (`YYYY-MM-DD`, UTC; checked by `day(_:parameter:)`).
        ///   - limit: at most this many, the latest.
        public init(recipientID: String? = nil, actor: String? = nil, since: String? = nil, limit: Int? = nil) {
            self.recipientID = recipientID
            self.actor = actor
            self.since = since
            self.limit = limit
        }
    }

    /// The stored form of a time: ISO 8601 in UTC to the second (`2026-12-06T21:14:03Z`), so that text order is time order.
    ///
    /// - Parameter date: the time.
    /// - Returns: its stored text; fractions of a second are dropped.
    public static func timestamp(_ date: Date) -> String { timestampStyle.format(date) }

    /// (A format style, not an `ISO8601DateFormatter`: making one of those per entry cost a tenth of a cached search.)
    static let timestampStyle = Date.ISO8601FormatStyle()

    static func append(_ db: Database, _ entry: New) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_log (at, actor, action, recipient_id, unit_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [timestamp(entry.at), entry.actor, entry.action, entry.recipientID, entry.unitID, entry.detail])
    }
}

extension InventoryStore {
    /// Appends `entries` to the audit trail in one transaction: all are stored, or none.
    ///
    /// - Parameter entries: the entries, in the order they are to be numbered.
    /// - Throws: `InventoryWriteError` when the storage refuses the write; database errors.
    public func appendAudit(_ entries: [AuditEntry.New]) throws {
        try write { db in for e in entries { try AuditEntry.append(db, e) } }
    }

    /// The audit entries `filter` selects, oldest first.
    ///
    /// - Parameter filter: which entries (with a limit, the latest that many).
    /// - Returns: the entries in `seq` order.
    /// - Throws: database errors.
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
