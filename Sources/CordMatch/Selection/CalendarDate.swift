import Foundation
import HLA

/// A calendar date without time or zone (`YYYY-MM-DD`), as inventory files write them: a real day of the Gregorian
/// calendar (leap years: every fourth year, except centuries not divisible by 400 — 2000 and 2024 have a 29 February,
/// 1900 and 2100 have none) in the years `supportedYears`.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year (in `supportedYears`), the month (1–12) and the day of the month (1–31, a real day of that month).
    public let year: Int, month: Int, day: Int

    /// The years a date may have: no birth, collection or search date of cord blood falls outside, and a
    /// mistyped year (`0026`, `0000`) or a placeholder (`9999`) is refused.
    public static let supportedYears = 1900...2199

    /// Reads `YYYY-MM-DD` (exactly: four, two and two digits) of a real date in `supportedYears`; nil for
    /// anything else (`read` says why). The one parser of dates: files, options, scenarios and stored rows.
    ///
    /// - Parameter text: The date as written.
    public init?(_ text: String) {
        guard case .success(let d) = Self.read(text) else { return nil }
        self = d
    }

    /// The date `text` writes, or why it is not one (`2026-02-30 is not a date: February 2026 has 28 days`).
    ///
    /// - Parameter text: The date as written (`2026-06-01`).
    /// - Returns: The date, or an `InvalidValue` saying why the text is not one.
    public static func read(_ text: String) -> Result<CalendarDate, InvalidValue> {
        let fields = text.utf8.withContiguousStorageIfAvailable(fields) ?? Array(text.utf8).withUnsafeBufferPointer(fields)
        func refused(_ why: String) -> Result<CalendarDate, InvalidValue> {
            .failure(InvalidValue("\(text.isEmpty ? "an empty value" : InputExcerpt.of(text)) is not a date\(why)"))
        }
        guard let (y, m, d) = fields else { return refused(" (YYYY-MM-DD)") }
        guard supportedYears.contains(y) else { return refused(": the year must be from \(supportedYears.lowerBound) to \(supportedYears.upperBound)") }
        guard (1...12).contains(m) else { return refused(": there is no month \(m)") }
        let days = daysIn(month: m, of: y)
        guard (1...days).contains(d) else { return refused(": \(monthNames[m - 1]) \(y) has \(days) days") }
        return .success(CalendarDate(year: y, month: m, day: d))
    }

    /// The three numbers of `YYYY-MM-DD`, nil when the text does not have that shape.
    private static func fields(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return (y, m, d)
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// True for Gregorian leap years.
    ///
    /// - Parameter year: A year.
    /// - Returns: Whether it has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days of `month` (1–12) in `year`.
    ///
    /// - Parameters:
    ///   - month: The month, 1 to 12.
    ///   - year: The year.
    /// - Returns: 28 to 31.
    public static func daysIn(month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A date from its numbers, which the caller guarantees are a real date (input text goes through `read`).
    ///
    /// - Parameters:
    ///   - year: The year.
    ///   - month: The month, 1 to 12.
    ///   - day: The day, 1 to the month's length.
    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// Calendar order.
    ///
    /// - Parameters:
    ///   - l: A date.
    ///   - r: Another date.
    /// - Returns: Whether `l` is the earlier day.
    public static func < (l: CalendarDate, r: CalendarDate) -> Bool { (l.year, l.month, l.day) < (r.year, r.month, r.day) }

    /// Today's date (UTC).
    ///
    /// - Returns: The date today in UTC.
    public static func today() -> CalendarDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)
    }

    /// The same day `years` later; 29 February becomes 28 February in a year that has none (so a unit collected
    /// on 2024-02-29 is ten years old on 2034-03-01, and within ten years on 2034-02-28).
    ///
    /// - Parameter years: How many years to add (negative: earlier).
    /// - Returns: The date.
    public func adding(years: Int) -> CalendarDate {
        let y = year + years
        return CalendarDate(year: y, month: month, day: min(day, Self.daysIn(month: month, of: y)))
    }

    /// `YYYY-MM-DD`, what `init(_:)` reads back.
    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
