/// ABO compatibility of a unit with a recipient, best first (Eurocord ranking: compatible, minor, major).
public enum ABOCompatibility: String, Sendable, Codable, Comparable {
    /// The unit and the recipient have the same ABO group.
    case compatible
    /// The unit's plasma may carry antibodies against the recipient's red cells (unit O, recipient A).
    case minor
    /// The recipient may carry antibodies against the unit's red cells (recipient O, unit A), or both ways.
    case major
    /// The recipient's or the unit's group is not reported (or not O, A, B or AB); ranks last.
    case unknown

    /// The compatibility of a unit's ABO group with a recipient's.
    ///
    /// - Parameters:
    ///   - recipient: The recipient's group (`O`, `A`, `B`, `AB`, any case), or nil when not reported.
    ///   - unit: The unit's group, or nil when not reported.
    public init(recipient: String?, unit: String?) {
        func antigens(_ g: String?) -> Set<Character>? {
            switch g?.uppercased() {
            case "O": return []
            case "A": return ["A"]
            case "B": return ["B"]
            case "AB": return ["A", "B"]
            default: return nil
            }
        }
        guard let r = antigens(recipient), let u = antigens(unit) else { self = .unknown; return }
        if !u.isSubset(of: r) { self = .major } else if !r.isSubset(of: u) { self = .minor } else { self = .compatible }
    }

    var rank: Int { switch self { case .compatible: 0; case .minor: 1; case .major: 2; case .unknown: 3 } }
    /// Best first: compatible, minor, major, unknown.
    ///
    /// - Parameters:
    ///   - l: A compatibility.
    ///   - r: Another.
    /// - Returns: Whether `l` ranks before `r`.
    public static func < (l: ABOCompatibility, r: ABOCompatibility) -> Bool { l.rank < r.rank }
}
