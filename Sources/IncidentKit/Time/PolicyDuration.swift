import Foundation

/// A duration as written in policies: `90s`, `15m`, `4h`, `2d`, or combinations like `1h30m`.
/// In business time a day means one business day; the caller decides what a day is.
public struct PolicyDuration: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var days: Int
    public var seconds: Int

    public init(days: Int = 0, seconds: Int = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// The longest duration a policy may name: ten years. Longer ones are typos, and checking the
    /// bound here keeps every later sum (`wallSeconds`, business time, timer deadlines) in range.
    public static let maxDays = 3660

    public static func parse(_ text: String) -> PolicyDuration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        var result = PolicyDuration()
        var number = ""
        var sawUnit = false
        for ch in trimmed {
            if ch.isASCII, ch.isNumber {
                number.append(ch)
                continue
            }
            // Each part is checked before it is added, so no sum can overflow.
            guard number.count <= 12, let n = Int(number) else { return nil }
            switch ch {
            case "s": result.seconds += n
            case "m": result.seconds += n * 60
            case "h": result.seconds += n * 3600
            case "d": result.days += n
            case "w": result.days += n * 7
            default: return nil
            }
            guard result.days <= maxDays, result.seconds <= maxDays * 86400 else { return nil }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, result.days + result.seconds / 86400 <= maxDays else { return nil }
        return result
    }

    /// Wall-clock length, where a day is 24 hours.
    public var wallSeconds: Int { days * 86400 + seconds }

    /// Business length, where a day is one business day of `dayLength` seconds.
    public func businessSeconds(dayLength: Int) -> Int { days * dayLength + seconds }

    public var description: String {
        var parts = ""
        if days > 0 { parts += "\(days)d" }
        var s = seconds
        if s >= 3600 {
            parts += "\(s / 3600)h"
            s %= 3600
        }
        if s >= 60 {
            parts += "\(s / 60)m"
            s %= 60
        }
        if s > 0 || parts.isEmpty { parts += "\(s)s" }
        return parts
    }
}

/// Human formatting of a span of seconds: `4m05s`, `2h10m`, `3d4h`.
public enum SpanFormat {
    /// Built by hand, not with `String(format:)`: the console formats one for every stale
    /// node at every instant, and the formatter was a fifth of an idle console's time.
    public static func short(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : ""
        let s = seconds.magnitude
        func two(_ n: UInt) -> String { String(n).leftPadded(to: 2) }
        if s < 60 { return "\(sign)\(s)s" }
        if s < 3600 { return "\(sign)\(s / 60)m\(two(s % 60))s" }
        if s < 86400 { return "\(sign)\(s / 3600)h\(two(s % 3600 / 60))m" }
        return "\(sign)\(s / 86400)d\(two(s % 86400 / 3600))h"
    }

    /// The first whole number of seconds above `seconds` (not negative) whose `short` text
    /// differs: a span shown in hours and minutes keeps its text for up to a minute.
    public static func nextChange(after seconds: Int) -> Int {
        let s = max(0, seconds)
        if s < 3600 { return s + 1 }
        if s < 86400 { return (s / 60 + 1) * 60 }
        return (s / 3600 + 1) * 3600
    }
}
