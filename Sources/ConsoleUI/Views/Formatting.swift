import Foundation
import IncidentKit

enum Formatting {
    static func clock(_ date: Date, in zone: TimeZone) -> String {
        let seconds = CheckedNumber.int(clamping: date.timeIntervalSince1970) + zone.secondsFromGMT(for: date)
        let day = ((seconds % 86400) + 86400) % 86400
        // By hand, not `String(format:)`: the clock is drawn every second.
        func two(_ n: Int) -> String { String(n).leftPadded(to: 2) }
        return "\(two(day / 3600)):\(two(day % 3600 / 60)):\(two(day % 60))"
    }

    static func shortClock(_ date: Date) -> String {
        let day = ((CheckedNumber.int(clamping: date.timeIntervalSince1970) % 86400) + 86400) % 86400
        return String(format: "%02d:%02dZ", day / 3600, day % 3600 / 60)
    }

    /// `16:30Z`, or `Mon 24 11:00Z` when not today.
    static func due(_ date: Date, now: Date) -> String {
        if Timestamp.compactDate(date) == Timestamp.compactDate(now) { return shortClock(date) }
        let stamp = Timestamp.format(date)
        return String(stamp.dropFirst(5).prefix(5)) + " " + shortClock(date)
    }

    static func age(_ seconds: TimeInterval) -> String {
        SpanFormat.short(max(0, CheckedNumber.int(clamping: seconds)))
    }

    static func state(_ state: IncidentState) -> String {
        switch state {
        case .open: return "OPEN"
        case .acknowledged: return "ACKED"
        case .mitigated: return "MITIG"
        case .resolved: return "RESOL"
        }
    }

    static func timerText(_ timer: TimerStatus) -> String {
        switch timer.state {
        case .pending: return "\(SpanFormat.short(timer.remainingSeconds)) left"
        case .breached: return "OVERDUE +\(SpanFormat.short(-timer.remainingSeconds))"
        case .met: return "met"
        case .metLate: return "LATE by \(SpanFormat.short(-timer.remainingSeconds))"
        }
    }

    static func timerStyle(_ timer: TimerStatus) -> Style {
        switch timer.state {
        case .breached: return Style(.breached, bold: true)
        case .pending:
            let fraction = timer.lengthSeconds > 0 ? Double(timer.remainingSeconds) / Double(timer.lengthSeconds) : 1
            return fraction < 0.25 ? Style(.warning, bold: true) : Style(.normal)
        case .met: return Style(.ok)
        case .metLate: return Style(.warning)
        }
    }

    static func timerSymbol(_ timer: TimerStatus, _ symbols: Symbols) -> String {
        switch timer.state {
        case .breached: return symbols.breached
        case .met: return symbols.met
        // Met after the deadline is not a success: its own mark, never the tick.
        case .metLate: return symbols.metLate
        case .pending: return symbols.pending
        }
    }
}
