import Foundation

/// Business hours in a time zone: which weekdays, the daily window, and holidays. Deadlines in
/// business time skip nights, weekends and holidays. Each day's window is built from local
/// wall-clock components, so a daylight-saving change moves the window with the local clock.
public struct BusinessCalendar: Sendable, Equatable {
    public enum Weekday: Int, Sendable, CaseIterable {
        case sun = 0, mon, tue, wed, thu, fri, sat

        public init?(name: String) {
            let key = name.lowercased().prefix(3)
            guard let match = Weekday.allCases.first(where: { "\($0)" == key }) else { return nil }
            self = match
        }
    }

    public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var year: Int, month: Int, day: Int
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// Parses `YYYY-MM-DD`; nil for a date the calendar does not have.
        public init?(_ text: String) {
            let parts = text.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
                let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d)
            else { return nil }
            self.init(year: y, month: m, day: d)
            // Reject dates that do not exist (2025-02-30): they would never match a day.
            guard LocalDate(dayNumber: dayNumber) == self else { return nil }
        }

        var dayNumber: Int { Timestamp.daysFromCivil(year: year, month: month, day: day) }
        init(dayNumber: Int) {
            let (y, m, d) = Timestamp.civilFromDays(dayNumber)
            self.init(year: y, month: m, day: d)
        }
        var weekday: Weekday { Weekday(rawValue: ((dayNumber % 7) + 11) % 7)! }

        public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }
        public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
    }

    public var timeZone: TimeZone
    public var days: Set<Weekday>
    /// Minutes after local midnight.
    public var startMinute: Int
    public var endMinute: Int
    public var holidays: Set<LocalDate>

    public init(
        timeZone: TimeZone, days: Set<Weekday> = [.mon, .tue, .wed, .thu, .fri], startMinute: Int = 9 * 60,
        endMinute: Int = 17 * 60, holidays: Set<LocalDate> = []
    ) {
        self.timeZone = timeZone
        self.days = days
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.holidays = holidays
    }

    /// The nominal length of one business day in seconds (`start`–`end`).
    public var dayLength: Int { max(0, endMinute - startMinute) * 60 }

    private var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    public func localDate(of instant: Date) -> LocalDate {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)
    }

    public func isBusinessDay(_ date: LocalDate) -> Bool {
        days.contains(date.weekday) && !holidays.contains(date)
    }

    /// The business window of a local date as instants, or nil on a non-business day.
    public func window(on date: LocalDate) -> ClosedRange<Date>? {
        guard isBusinessDay(date), endMinute > startMinute else { return nil }
        let cal = calendar
        func instant(_ minute: Int) -> Date? {
            cal.date(
                from: DateComponents(
                    year: date.year, month: date.month, day: date.day, hour: minute / 60, minute: minute % 60))
        }
        guard let start = instant(startMinute), let end = instant(endMinute), end > start else { return nil }
        return start...end
    }

    private static let searchLimitDays = 3700

    /// The instant at which `seconds` of business time have passed since `start`.
    public func advance(_ start: Date, bySeconds seconds: Int) -> Date {
        var remaining = TimeInterval(seconds)
        guard remaining > 0 else { return start }
        var day = localDate(of: start).dayNumber
        for _ in 0..<BusinessCalendar.searchLimitDays {
            defer { day += 1 }
            guard let window = window(on: LocalDate(dayNumber: day)) else { continue }
            let from = max(start, window.lowerBound)
            guard from < window.upperBound else { continue }
            let available = window.upperBound.timeIntervalSince(from)
            if remaining <= available { return from.addingTimeInterval(remaining) }
            remaining -= available
        }
        return .distantFuture
    }

    /// Business seconds between two instants (negative when `end` is before `start`).
    public func businessSeconds(from start: Date, to end: Date) -> TimeInterval {
        if end < start { return -businessSeconds(from: end, to: start) }
        var total: TimeInterval = 0
        var day = localDate(of: start).dayNumber
        let last = localDate(of: end).dayNumber
        while day <= last {
            if let window = window(on: LocalDate(dayNumber: day)) {
                let a = max(start, window.lowerBound)
                let b = min(end, window.upperBound)
                if b > a { total += b.timeIntervalSince(a) }
            }
            day += 1
        }
        return total
    }
}
