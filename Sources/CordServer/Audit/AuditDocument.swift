import CordInventory

/// `cordmatch.audit/1`: audit entries, oldest first — what `GET /api/v1/audit` answers and `cordmatch audit
/// --format json` prints.
public struct AuditDocument: Encodable, Sendable {
    public let schema = "cordmatch.audit/1"
    public let entries: [AuditEntry]

    public static func json(_ entries: [AuditEntry]) -> String { Documents.text(AuditDocument(entries: entries)) }
}
