import CordInventory
import CordMatch

/// What a search asks: for whom, under which policy and date, how many results, and whether ineligible units are
/// listed too.
public struct SearchQuery: Sendable, Hashable {
    /// The recipient: stored (by id) or given directly.
    public var recipient: RecipientReference
    /// The policy; nil: the stored recipient's own, else the preset of the recipient's disease class.
    public var policy: PolicyReference?
    /// The date date rules use (the unit age limit).
    public var searchDate: CalendarDate
    /// How many ranked units (and pairs) the report lists.
    public var limit: Int
    /// Also list ineligible units, each with the rules it fails.
    public var includeIneligible: Bool

    /// - Parameters:
    ///   - recipient: the recipient.
    ///   - policy: the policy (nil: the recipient's own, else its disease's preset).
    ///   - searchDate: the date of the date rules.
    ///   - limit: ranked units (and pairs) listed.
    ///   - includeIneligible: list ineligible units too.
    public init(recipient: RecipientReference, policy: PolicyReference? = nil, searchDate: CalendarDate, limit: Int = 20,
                includeIneligible: Bool = false) {
        self.recipient = recipient
        self.policy = policy
        self.searchDate = searchDate
        self.limit = limit
        self.includeIneligible = includeIneligible
    }
}

/// What an explanation asks: one unit for one recipient, under a policy and date.
public struct ExplainQuery: Sendable, Hashable {
    /// The recipient: stored (by id) or given directly.
    public var recipient: RecipientReference
    /// The unit to explain.
    public var unitID: String
    /// The policy; nil: the stored recipient's own, else the preset of the recipient's disease class.
    public var policy: PolicyReference?
    /// The date the date rules use (the unit age limit).
    public var searchDate: CalendarDate

    /// - Parameters:
    ///   - recipient: the recipient.
    ///   - unitID: the unit explained.
    ///   - policy: the policy (nil: the recipient's own, else its disease's preset).
    ///   - searchDate: the date of the date rules.
    public init(recipient: RecipientReference, unitID: String, policy: PolicyReference? = nil, searchDate: CalendarDate) {
        self.recipient = recipient
        self.unitID = unitID
        self.policy = policy
        self.searchDate = searchDate
    }
}

/// What a comparison asks: several units side by side for one recipient, under a policy and date.
public struct CompareQuery: Sendable, Hashable {
    /// The recipient: stored (by id) or ad hoc (a typing, weight and disease given with the request).
    public var recipient: RecipientReference
    /// The units compared, in the order the report lists them.
    public var unitIDs: [String]
    /// The policy; nil: the stored recipient's own, else the preset of the recipient's disease class.
    public var policy: PolicyReference?
    /// The date the date rules use (a unit's age, a reservation's end).
    public var searchDate: CalendarDate

    /// - Parameters:
    ///   - recipient: the recipient.
    ///   - unitIDs: the units compared, in order.
    ///   - policy: the policy (nil: the recipient's own, else its disease's preset).
    ///   - searchDate: the date of the date rules.
    public init(recipient: RecipientReference, unitIDs: [String], policy: PolicyReference? = nil, searchDate: CalendarDate) {
        self.recipient = recipient
        self.unitIDs = unitIDs
        self.policy = policy
        self.searchDate = searchDate
    }
}
