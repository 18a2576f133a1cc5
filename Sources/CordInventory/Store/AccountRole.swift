/// What an account may do on the server: a viewer reads; a coordinator also records requests and notes; an admin
/// also manages users and tokens and reads the audit trail. Each role includes the ones below it.
public enum AccountRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// Reads: searches, explanations, recipients, reports.
    case viewer
    /// A viewer who also records requests and notes on units.
    case coordinator
    /// A coordinator who also manages users and tokens and reads the audit trail.
    case admin

    var rank: Int {
        switch self {
        case .viewer: 0
        case .coordinator: 1
        case .admin: 2
        }
    }

    /// Orders the roles by what they may do: viewer < coordinator < admin.
    ///
    /// - Parameters:
    ///   - a: a role.
    ///   - b: another role.
    /// - Returns: true when `a` may do less than `b`.
    public static func < (a: AccountRole, b: AccountRole) -> Bool { a.rank < b.rank }

    /// True when this role may do what `required` may.
    ///
    /// - Parameter required: the least role an action needs.
    /// - Returns: true when this role is `required` or above it.
    public func includes(_ required: AccountRole) -> Bool { self >= required }
}
