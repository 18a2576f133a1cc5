/// What an account may do on the server: a viewer reads; a coordinator also records requests and notes; an admin
/// also manages users and tokens and reads the audit trail. Each role includes the ones below it.
public enum AccountRole: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer, coordinator, admin

    var rank: Int {
        switch self {
        case .viewer: 0
        case .coordinator: 1
        case .admin: 2
        }
    }

    public static func < (a: AccountRole, b: AccountRole) -> Bool { a.rank < b.rank }

    /// True when this role may do what `required` may.
    public func includes(_ required: AccountRole) -> Bool { self >= required }
}
