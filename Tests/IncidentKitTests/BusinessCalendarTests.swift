import Foundation
import Testing

@testable import IncidentKit

@Suite("BusinessCalendar")
struct BusinessCalendarTests {
    let at = PolicyFixtures.at

    static let berlin = BusinessCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
    static let utc = BusinessCalendar(timeZone: TimeZone(identifier: "UTC")!)
    /// Every day of the week, 09:00-17:00 Berlin: business time runs on the DST Sundays too.
    static let berlinEveryDay = BusinessCalendar(
        timeZone: TimeZone(identifier: "Europe/Berlin")!, days: Set(BusinessCalendar.Weekday.allCases))

    // MARK: Dates and weekdays

    @Test("weekday names take the first three letters, any case")
    func weekdayNames() {
        #expect(BusinessCalendar.Weekday(name: "mon") == .mon)
        #expect(BusinessCalendar.Weekday(name: "Tuesday") == .tue)
        #expect(BusinessCalendar.Weekday(name: "SAT") == .sat)
        #expect(BusinessCalendar.Weekday(name: "funday") == nil)
        #expect(BusinessCalendar.Weekday(name: "") == nil)
    }

    @Test("local dates know their weekday")
    func localDateWeekday() throws {
        #expect(BusinessCalendar.LocalDate(year: 1970, month: 1, day: 1).weekday == .thu)
        #expect(BusinessCalendar.LocalDate(year: 1969, month: 12, day: 31).weekday == .wed)
        #expect(BusinessCalendar.LocalDate(year: 2025, month: 3, day: 30).weekday == .sun)
        #expect(BusinessCalendar.LocalDate(year: 2025, month: 10, day: 24).weekday == .fri)
        #expect(BusinessCalendar.LocalDate(year: 2024, month: 2, day: 29).weekday == .thu)
        #expect(try #require(BusinessCalendar.LocalDate("2025-12-25")).weekday == .thu)
    }

    @Test("local dates parse YYYY-MM-DD and print back")
    func localDateParsing() throws {
        let date = try #require(BusinessCalendar.LocalDate("2025-12-25"))
        #expect(date == BusinessCalendar.LocalDate(year: 2025, month: 12, day: 25))
        #expect(date.description == "2025-12-25")
        #expect(BusinessCalendar.LocalDate("2024-02-29") != nil)
    }

    @Test(
        "malformed and impossible dates are rejected",
        arguments: [
            "", "2025-12", "25-12-2025", "2025/12/25", "2025-13-01", "2025-00-10", "2025-12-32",
            "2025-02-30", "2025-04-31", "2023-02-29", "christmas",
        ])
    func localDateRejects(_ text: String) {
        #expect(BusinessCalendar.LocalDate(text) == nil)
    }

    @Test("the local date of an instant is taken in the calendar's time zone")
    func localDateInZone() {
        // 23:30 UTC on Christmas Eve is already Christmas Day in Berlin.
        let instant = at("2025-12-24T23:30:00Z")
        #expect(Self.utc.localDate(of: instant) == BusinessCalendar.LocalDate(year: 2025, month: 12, day: 24))
        #expect(Self.berlin.localDate(of: instant) == BusinessCalendar.LocalDate(year: 2025, month: 12, day: 25))
    }

    @Test("business days follow days and holidays")
    func businessDays() {
        var calendar = Self.berlin
        calendar.holidays = [BusinessCalendar.LocalDate(year: 2025, month: 12, day: 25)]
        #expect(calendar.isBusinessDay(.init(year: 2025, month: 12, day: 24)))  // Wednesday
        #expect(!calendar.isBusinessDay(.init(year: 2025, month: 12, day: 25)))  // holiday
        #expect(calendar.isBusinessDay(.init(year: 2025, month: 12, day: 26)))  // Friday, not listed
        #expect(!calendar.isBusinessDay(.init(year: 2025, month: 12, day: 27)))  // Saturday
        #expect(!calendar.isBusinessDay(.init(year: 2025, month: 12, day: 28)))  // Sunday
        calendar.days = [.sat]
        #expect(calendar.isBusinessDay(.init(year: 2025, month: 12, day: 27)))
        #expect(!calendar.isBusinessDay(.init(year: 2025, month: 12, day: 24)))
    }

    @Test("the nominal business day is the start-end window")
    func dayLength() {
        #expect(Self.berlin.dayLength == 8 * 3600)
        let short = BusinessCalendar(
            timeZone: TimeZone(identifier: "UTC")!, startMinute: 10 * 60, endMinute: 14 * 60 + 30)
        #expect(short.dayLength == 4 * 3600 + 1800)
    }

    // MARK: Windows

    @Test("a window is the local start and end as instants, following the UTC offset")
    func windowsFollowOffset() throws {
        // Winter (CET, +01:00) and summer (CEST, +02:00).
        let winter = try #require(Self.berlin.window(on: .init(year: 2025, month: 3, day: 28)))
        #expect(winter.lowerBound == at("2025-03-28T08:00:00Z"))
        #expect(winter.upperBound == at("2025-03-28T16:00:00Z"))
        let summer = try #require(Self.berlin.window(on: .init(year: 2025, month: 3, day: 31)))
        #expect(summer.lowerBound == at("2025-03-31T07:00:00Z"))
        #expect(summer.upperBound == at("2025-03-31T15:00:00Z"))
        #expect(Self.berlin.window(on: .init(year: 2025, month: 3, day: 29)) == nil)  // Saturday
    }

    @Test("on the DST Sundays themselves the window keeps its local hours")
    func windowsOnChangeDays() throws {
        let spring = try #require(Self.berlinEveryDay.window(on: .init(year: 2025, month: 3, day: 30)))
        #expect(spring.lowerBound == at("2025-03-30T07:00:00Z"))
        #expect(spring.upperBound == at("2025-03-30T15:00:00Z"))
        let autumn = try #require(Self.berlinEveryDay.window(on: .init(year: 2025, month: 10, day: 26)))
        #expect(autumn.lowerBound == at("2025-10-26T08:00:00Z"))
        #expect(autumn.upperBound == at("2025-10-26T16:00:00Z"))
    }

    // MARK: Advancing business time

    @Test("inside one window, business time is wall time")
    func withinOneDay() {
        let cal = Self.utc
        #expect(cal.advance(at("2025-11-18T10:00:00Z"), bySeconds: 3 * 3600) == at("2025-11-18T13:00:00Z"))
        // Exactly filling the window ends at its close, not the next morning.
        #expect(cal.advance(at("2025-11-18T09:00:00Z"), bySeconds: 8 * 3600) == at("2025-11-18T17:00:00Z"))
        #expect(cal.advance(at("2025-11-18T10:00:00Z"), bySeconds: 0) == at("2025-11-18T10:00:00Z"))
    }

    @Test("business time skips the night")
    func acrossNight() {
        // Tuesday 16:00 + 2h = 1h Tuesday + 1h Wednesday morning.
        #expect(Self.utc.advance(at("2025-11-18T16:00:00Z"), bySeconds: 7200) == at("2025-11-19T10:00:00Z"))
    }

    @Test("business time skips the weekend")
    func acrossWeekend() {
        // Friday 2025-11-21 15:00 UTC + 4h: 2h Friday, then Monday 09:00-11:00.
        let due = Self.utc.advance(at("2025-11-21T15:00:00Z"), bySeconds: 4 * 3600)
        #expect(due == at("2025-11-24T11:00:00Z"))
        #expect(Self.utc.businessSeconds(from: at("2025-11-21T15:00:00Z"), to: due) == 4 * 3600)
    }

    @Test("business time skips holidays in the policy's time zone")
    func acrossHoliday() {
        var cal = Self.berlin
        cal.holidays = [.init(year: 2025, month: 12, day: 25), .init(year: 2025, month: 12, day: 26)]
        // Wednesday 24 Dec 15:00 CET + 4h: 2h on the 24th, 25th and 26th are holidays,
        // then the weekend, then Monday 29 Dec 09:00-11:00 CET.
        let due = cal.advance(at("2025-12-24T15:00:00+01:00"), bySeconds: 4 * 3600)
        #expect(due == at("2025-12-29T10:00:00Z"))
        // Without the holidays it lands on Christmas Day.
        #expect(Self.berlin.advance(at("2025-12-24T15:00:00+01:00"), bySeconds: 4 * 3600) == at("2025-12-25T10:00:00Z"))
    }

    @Test("a deadline started in the evening starts at the next window")
    func startsEvening() {
        // Tuesday 20:00 CET + 4h = Wednesday 09:00-13:00 CET.
        let due = Self.berlin.advance(at("2025-11-18T20:00:00+01:00"), bySeconds: 4 * 3600)
        #expect(due == at("2025-11-19T12:00:00Z"))
    }

    @Test("a deadline started before opening starts at opening")
    func startsEarlyMorning() {
        #expect(Self.berlin.advance(at("2025-11-18T06:30:00+01:00"), bySeconds: 3600) == at("2025-11-18T09:00:00Z"))
    }

    @Test("a deadline started on Saturday starts Monday morning")
    func startsSaturday() {
        let due = Self.berlin.advance(at("2025-11-22T12:00:00+01:00"), bySeconds: 4 * 3600)
        #expect(due == at("2025-11-24T12:00:00Z"))  // Monday 13:00 CET
        // Started at Friday's close: the same.
        #expect(Self.berlin.advance(at("2025-11-21T17:00:00+01:00"), bySeconds: 4 * 3600) == due)
    }

    @Test("spring forward: Friday 15:00 CET + 4 business hours is Monday 11:00 CEST")
    func springForward() {
        // The clocks go forward on Sunday 2025-03-30 (last Sunday of March).
        let start = at("2025-03-28T15:00:00+01:00")
        let due = Self.berlin.advance(start, bySeconds: 4 * 3600)
        #expect(due == at("2025-03-31T11:00:00+02:00"))
        #expect(due == at("2025-03-31T09:00:00Z"))  // not 10:00Z, which the old offset would give
        let local = PolicyFixtures.local(due, in: "Europe/Berlin")
        #expect(local.hour == 11 && local.minute == 0 && local.day == 31)
        #expect(TimeZone(identifier: "Europe/Berlin")!.secondsFromGMT(for: due) == 7200)
        // Only 67 wall-clock hours pass, one less than the same span in winter.
        #expect(due.timeIntervalSince(start) == 67 * 3600)
        #expect(Self.berlin.businessSeconds(from: start, to: due) == 4 * 3600)
    }

    @Test("fall back: Friday 15:00 CEST + 4 business hours is Monday 11:00 CET")
    func fallBack() {
        // The clocks go back on Sunday 2025-10-26 (last Sunday of October).
        let start = at("2025-10-24T15:00:00+02:00")
        let due = Self.berlin.advance(start, bySeconds: 4 * 3600)
        #expect(due == at("2025-10-27T11:00:00+01:00"))
        #expect(due == at("2025-10-27T10:00:00Z"))
        let local = PolicyFixtures.local(due, in: "Europe/Berlin")
        #expect(local.hour == 11 && local.minute == 0 && local.day == 27)
        #expect(TimeZone(identifier: "Europe/Berlin")!.secondsFromGMT(for: due) == 3600)
        #expect(due.timeIntervalSince(start) == 69 * 3600)
        #expect(Self.berlin.businessSeconds(from: start, to: due) == 4 * 3600)
    }

    @Test("business time on the DST Sundays themselves")
    func onChangeSundays() {
        // Saturday 16:00 + 2h with every day a business day: 1h Saturday, then the Sunday of the change.
        #expect(
            Self.berlinEveryDay.advance(at("2025-03-29T16:00:00+01:00"), bySeconds: 7200)
                == at("2025-03-30T10:00:00+02:00"))
        #expect(
            Self.berlinEveryDay.advance(at("2025-10-25T16:00:00+02:00"), bySeconds: 7200)
                == at("2025-10-26T10:00:00+01:00"))
        // A night spanning the change still only skips the closed hours.
        #expect(
            Self.berlinEveryDay.advance(at("2025-03-29T20:00:00+01:00"), bySeconds: 3600) == at("2025-03-30T08:00:00Z"))
        #expect(
            Self.berlinEveryDay.advance(at("2025-10-25T20:00:00+02:00"), bySeconds: 3600) == at("2025-10-26T09:00:00Z"))
    }

    @Test("opened outside hours on the weekend of a change, starting Monday at the new offset")
    func outsideHoursAcrossChange() {
        // Saturday before the spring change: Monday 09:00 CEST = 07:00Z, + 4h.
        #expect(Self.berlin.advance(at("2025-03-29T12:00:00+01:00"), bySeconds: 4 * 3600) == at("2025-03-31T11:00:00Z"))
        // Friday evening before the autumn change: Monday 09:00 CET = 08:00Z, + 4h.
        #expect(Self.berlin.advance(at("2025-10-24T19:00:00+02:00"), bySeconds: 4 * 3600) == at("2025-10-27T12:00:00Z"))
    }

    @Test("multi-day business spans")
    func multiDay() {
        // 16 business hours from Thursday 10:00 UTC: 7h Thu, 8h Fri, 1h Mon.
        #expect(Self.utc.advance(at("2025-11-20T10:00:00Z"), bySeconds: 16 * 3600) == at("2025-11-24T10:00:00Z"))
        // 40 business hours = one working week.
        #expect(Self.utc.advance(at("2025-11-17T09:00:00Z"), bySeconds: 40 * 3600) == at("2025-11-21T17:00:00Z"))
    }

    @Test("a calendar with no business time never reaches the deadline")
    func noBusinessTime() {
        let closed = BusinessCalendar(timeZone: TimeZone(identifier: "UTC")!, days: [])
        #expect(closed.advance(at("2025-11-17T09:00:00Z"), bySeconds: 60) == .distantFuture)
    }

    // MARK: Counting business seconds

    @Test("business seconds between instants")
    func countingSeconds() {
        let cal = Self.utc
        #expect(cal.businessSeconds(from: at("2025-11-18T10:00:00Z"), to: at("2025-11-18T12:30:00Z")) == 9000)
        // Tuesday 16:00 to Wednesday 10:00.
        #expect(cal.businessSeconds(from: at("2025-11-18T16:00:00Z"), to: at("2025-11-19T10:00:00Z")) == 7200)
        // A whole weekend counts nothing.
        #expect(cal.businessSeconds(from: at("2025-11-22T00:00:00Z"), to: at("2025-11-24T00:00:00Z")) == 0)
        // Reversed, it is negative.
        #expect(cal.businessSeconds(from: at("2025-11-19T10:00:00Z"), to: at("2025-11-18T16:00:00Z")) == -7200)
    }
}
