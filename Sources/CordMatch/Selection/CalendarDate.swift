import Foundation

/// A calendar date without time or zone (`YYYY-MM-DD`), as inventory files write them.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(_ text: String) {
        let f = text.split(separator: "-", omittingEmptySubsequences: false)
        guard f.count == 3, f[0].count == 4, f[1].count == 2, f[2].count == 2,
              let y = Int(f[0]), let m = Int(f[1]), let d = Int(f[2]), (1...12).contains(m), (1...31).contains(d) else { return nil }
        year = y; month = m; day = d
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    public static func < (l: CalendarDate, r: CalendarDate) -> Bool { (l.year, l.month, l.day) < (r.year, r.month, r.day) }

    /// Today's date (UTC).
    public static func today() -> CalendarDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)
    }

    /// The same day `years` later.
    public func adding(years: Int) -> CalendarDate { CalendarDate(year: year + years, month: month, day: day) }

    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
