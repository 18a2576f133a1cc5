/// A kind of date cordmatch reads from outside, with the days it may fall on: a real date (`CalendarDate.read`),
/// not before cord blood existed, and — for what has already happened — not after today (UTC, when it is read).
/// docs/FORMATS.md gives the reason of each bound.
public enum DateField: Sendable, Hashable {
    /// When a unit was collected: `COLL_DATE`.
    case unitCollection
    /// A unit's birth date (the infant's, the day of collection): `BIRTH_DATE`.
    case unitBirth
    /// Another day in a unit's past: `PROC_DATE`, `FREEZE_DATE`, `CT_COMPLETE_DATE`, `VIABILITY_DATE`.
    case unitEvent
    /// The day until which a unit's status applies (may be ahead): `STAT_END_DATE`.
    case statusEnd
    /// The day date rules are applied on (may be ahead, to plan): `--search-date`, a scenario's `search_date`.
    case search

    /// The first cord blood transplant was in 1988 (Gluckman et al., N Engl J Med 1989;321:1174): no unit was
    /// collected, and no unit searched for, before.
    public static let earliest = CalendarDate(year: 1988, month: 1, day: 1)

    /// How far ahead of today a search date may be: planning a transplant months ahead is real; a date many years
    /// out is a typing error (it would only age units past the policy's limit).
    public static let searchYearsAhead = 5

    /// The last day the field may have, when today is `today`.
    ///
    /// - Parameter today: Today's date (UTC).
    /// - Returns: Today for dates of the past, 31 December of the last supported year for a status end, some years
    ///   ahead for a search date.
    public func latest(today: CalendarDate) -> CalendarDate {
        switch self {
        case .unitCollection, .unitBirth, .unitEvent: today
        case .statusEnd: CalendarDate(year: CalendarDate.supportedYears.upperBound, month: 12, day: 31)
        case .search: today.adding(years: Self.searchYearsAhead)
        }
    }

    /// The date `text` writes, or why it is refused (not a real date, too early, too late).
    ///
    /// - Parameters:
    ///   - text: The date as written.
    ///   - today: Today's date (UTC).
    /// - Returns: The date, or why it is refused.
    public func read(_ text: String, today: CalendarDate) -> Result<CalendarDate, InvalidValue> {
        switch CalendarDate.read(text) {
        case .failure(let e): return .failure(e)
        case .success(let d): return check(d, today: today).map { .failure($0) } ?? .success(d)
        }
    }

    /// Why `date` is refused for this field; nil when it is allowed.
    ///
    /// - Parameters:
    ///   - date: A date.
    ///   - today: Today's date (UTC).
    /// - Returns: Why it is refused (before the earliest date, or after `latest(today:)`), or nil.
    public func check(_ date: CalendarDate, today: CalendarDate) -> InvalidValue? {
        if date < Self.earliest {
            return InvalidValue("\(date) is before \(Self.earliest): there was no cord blood transplant before 1988")
        }
        let latest = latest(today: today)
        guard date > latest else { return nil }
        switch self {
        case .search: return InvalidValue("\(date) is more than \(Self.searchYearsAhead) years after today (\(today), UTC)")
        case .statusEnd: return InvalidValue("\(date) is after \(latest)")
        default: return InvalidValue("\(date) is in the future (today is \(today), UTC)")
        }
    }
}
