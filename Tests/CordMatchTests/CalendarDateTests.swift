import Testing
import CordMatch

@Suite struct CalendarDateTests {
    @Test func readsExactlyYYYYMMDD() {
        #expect(CalendarDate("2026-01-15") == CalendarDate(year: 2026, month: 1, day: 15))
        #expect(CalendarDate("1999-12-31")?.description == "1999-12-31")
        for bad in ["2026-1-15", "2026-13-01", "2026-00-10", "2026-01-32", "2026/01/15", "26-01-15", "2026-01-15 ", "", "２０２６-01-15", "2026-0a-15"] {
            #expect(CalendarDate(bad) == nil, "\(bad)")
        }
    }
}
