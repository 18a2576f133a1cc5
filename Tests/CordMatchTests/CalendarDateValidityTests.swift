import Testing
import CordMatch

/// Only real calendar days are dates: the days of each month, 29 February in Gregorian leap years only, years
/// 1900 to 2199; a year later than 29 February is 28 February when that year has none.
@Suite struct CalendarDateValidityTests {
    @Test(arguments: ["2026-02-30", "2026-04-31", "2026-02-29", "1900-02-29", "2100-02-29", "2026-06-31", "2026-09-31",
                      "2026-11-31", "2026-02-31", "0000-01-01", "0026-01-15", "9999-12-31", "1899-12-31", "2200-01-01", "2026-00-01",
                      "2026-01-00"])
    func impossibleDatesAreRefused(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test(arguments: ["2000-02-29", "2024-02-29", "2028-02-29", "2026-02-28", "2026-04-30", "2026-01-31", "2026-12-31",
                      "1900-01-01", "2199-12-31"])
    func realDatesAreRead(text: String) throws {
        let d = try #require(CalendarDate(text))
        #expect(d.description == text)
    }

    @Test func leapYearsFollowTheGregorianRule() {
        #expect(CalendarDate.isLeapYear(2000) && CalendarDate.isLeapYear(2024) && CalendarDate.isLeapYear(1996))
        #expect(!CalendarDate.isLeapYear(1900) && !CalendarDate.isLeapYear(2100) && !CalendarDate.isLeapYear(2026))
    }

    @Test func whyADateIsRefusedIsSaid() {
        #expect(CalendarDate.read("2026-02-30").failureReason == "2026-02-30 is not a date: February 2026 has 28 days")
        #expect(CalendarDate.read("2026-04-31").failureReason == "2026-04-31 is not a date: April 2026 has 30 days")
        #expect(CalendarDate.read("2026-13-01").failureReason == "2026-13-01 is not a date: there is no month 13")
        #expect(CalendarDate.read("0000-01-01").failureReason == "0000-01-01 is not a date: the year must be from 1900 to 2199")
        #expect(CalendarDate.read("15.01.2026").failureReason == "15.01.2026 is not a date (YYYY-MM-DD)")
    }

    @Test func addingYearsTo29FebruaryGivesARealDate() {
        let leapDay = CalendarDate(year: 2024, month: 2, day: 29)
        #expect(leapDay.adding(years: 10) == CalendarDate(year: 2034, month: 2, day: 28))
        #expect(leapDay.adding(years: 4) == CalendarDate(year: 2028, month: 2, day: 29))
        #expect(CalendarDate(year: 2023, month: 3, day: 31).adding(years: 1) == CalendarDate(year: 2024, month: 3, day: 31))
    }

    /// The 10-year age rule for a unit collected on 29 February: within ten years on 28 February, not on 1 March.
    @Test func ageRuleOfAUnitCollectedOn29February() throws {
        let unit = try SelectionTests.unit("U1", date: "2024-02-29")
        let recipient = try SelectionTests.recipient()
        func age(on day: String) -> UnitAssessment.Rule.Outcome? {
            SelectionTests.outcome(UnitAssessor(policy: PolicyPresets.malignant, searchDate: CalendarDate(day)!).assess(unit, for: recipient), "max_age_years")
        }
        #expect(age(on: "2034-02-28") == .passed)
        #expect(age(on: "2034-03-01") == .failed)
    }

    /// Search dates may be ahead (planning), collection dates may not; neither before cord blood existed.
    @Test func dateFieldsBoundTheirDays() {
        let today = CalendarDate.today()
        #expect(DateField.unitCollection.read(today.description, today: today).failureReason == nil)
        #expect(DateField.unitCollection.read(today.adding(years: 1).description, today: today).failureReason?.contains("is in the future") == true)
        #expect(DateField.unitBirth.read("1987-12-31", today: today).failureReason?.contains("before 1988-01-01") == true)
        #expect(DateField.search.read(today.adding(years: 5).description, today: today).failureReason == nil)
        #expect(DateField.search.read(today.adding(years: 6).description, today: today).failureReason?.contains("more than 5 years after today") == true)
        #expect(DateField.statusEnd.read(today.adding(years: 20).description, today: today).failureReason == nil)
        #expect(DateField.search.read("2026-02-29", today: today).failureReason == "2026-02-29 is not a date: February 2026 has 28 days")
    }
}

extension Result where Failure == InvalidValue {
    /// The reason of a failure, nil for a success.
    var failureReason: String? {
        if case .failure(let e) = self { return e.reason }
        return nil
    }
}
