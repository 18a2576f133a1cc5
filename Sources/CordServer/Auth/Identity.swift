import CordInventory

/// Who a request is from: the account, and whether it came with a browser session (which state-changing
/// requests must back with the session's CSRF token) or an API token.
struct Identity: Sendable {
    enum Credential: Sendable {
        case session(digest: String, csrf: String)
        case token(id: Int64)
    }

    let account: AccountRow
    let credential: Credential

    var name: String { account.name }
    var role: AccountRole { account.role }

    /// The session's CSRF token, for a session.
    var csrf: String? {
        if case .session(_, let csrf) = credential { return csrf }
        return nil
    }
}
