import CordInventory

/// `cordmatch.audit/1`: audit entries, oldest first — what `GET /api/v1/audit` answers and `cordmatch audit
/// --format json` prints.
public struct AuditDocument: Encodable, Sendable {
    /// The schema name and version, `cordmatch.audit/1`.
    public let schema = "cordmatch.audit/1"
    /// The entries, oldest first.
    public let entries: [AuditEntry]

    /// The document of `entries` as JSON.
    ///
    /// - Parameter entries: The audit entries, oldest first.
    /// - Returns: The JSON text.
    public static func json(_ entries: [AuditEntry]) -> String { Documents.text(AuditDocument(entries: entries)) }
}
