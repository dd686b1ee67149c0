import Foundation
import Testing

@testable import IncidentKit

@Suite("PolicyDuration")
struct PolicyDurationTests {
    @Test("the four units of the policy format")
    func units() throws {
        #expect(PolicyDuration.parse("90s") == PolicyDuration(seconds: 90))
        #expect(PolicyDuration.parse("15m") == PolicyDuration(seconds: 900))
        #expect(PolicyDuration.parse("4h") == PolicyDuration(seconds: 14_400))
        #expect(PolicyDuration.parse("2d") == PolicyDuration(days: 2))
        #expect(PolicyDuration.parse("1w") == PolicyDuration(days: 7))
    }

    @Test("combinations, case and surrounding blanks")
    func combinations() {
        #expect(PolicyDuration.parse("1h30m") == PolicyDuration(seconds: 5400))
        #expect(PolicyDuration.parse("1d12h") == PolicyDuration(days: 1, seconds: 43_200))
        #expect(PolicyDuration.parse(" 15M ") == PolicyDuration(seconds: 900))
    }

    @Test(
        "malformed durations are rejected",
        arguments: ["", "15", "m", "15x", "1.5h", "-5m", "15 m", "h15", "15mm", "fifteen"])
    func malformed(_ text: String) {
        #expect(PolicyDuration.parse(text) == nil)
    }

    @Test("a day is 24 hours on the wall clock")
    func wallSeconds() throws {
        #expect(try #require(PolicyDuration.parse("2d")).wallSeconds == 172_800)
        #expect(try #require(PolicyDuration.parse("24h")).wallSeconds == 86_400)
        #expect(try #require(PolicyDuration.parse("1d1h")).wallSeconds == 90_000)
    }

    @Test("a day is one business day in business time")
    func businessSeconds() throws {
        let eightHourDay = 8 * 3600
        #expect(try #require(PolicyDuration.parse("2d")).businessSeconds(dayLength: eightHourDay) == 16 * 3600)
        #expect(try #require(PolicyDuration.parse("1d2h")).businessSeconds(dayLength: eightHourDay) == 10 * 3600)
        // Hours stay hours: only days scale with the business day.
        #expect(try #require(PolicyDuration.parse("4h")).businessSeconds(dayLength: eightHourDay) == 4 * 3600)
        #expect(try #require(PolicyDuration.parse("2d")).businessSeconds(dayLength: 4 * 3600) == 8 * 3600)
    }

    @Test("the description is the compact policy form")
    func description() {
        #expect(PolicyDuration(seconds: 90).description == "1m30s")
        #expect(PolicyDuration(seconds: 900).description == "15m")
        #expect(PolicyDuration(seconds: 5400).description == "1h30m")
        #expect(PolicyDuration(days: 2).description == "2d")
        #expect(PolicyDuration(days: 1, seconds: 3600).description == "1d1h")
        #expect(PolicyDuration().description == "0s")
        // The description parses back to the same duration.
        for d in [PolicyDuration(seconds: 3661), PolicyDuration(days: 3, seconds: 45)] {
            #expect(PolicyDuration.parse(d.description) == d)
        }
    }
}

/// The hand-built span text is what the printf form gave, at every boundary and sign.
@Suite struct SpanFormatTests {
    @Test func shortSpansReadAsThePrintfFormDid() {
        func printf(_ seconds: Int) -> String {
            let sign = seconds < 0 ? "-" : ""
            let s = abs(seconds)
            if s < 60 { return "\(sign)\(s)s" }
            if s < 3600 { return sign + String(format: "%dm%02ds", s / 60, s % 60) }
            if s < 86400 { return sign + String(format: "%dh%02dm", s / 3600, s % 3600 / 60) }
            return sign + String(format: "%dd%02dh", s / 86400, s % 86400 / 3600)
        }
        let samples = [
            0, 1, 9, 59, 60, 61, 69, 600, 3599, 3600, 3601, 3660, 36000, 86399, 86400, 90000, 864_000, 31_536_000,
        ]
        for n in samples + samples.map({ -$0 }) + Array(stride(from: 0, to: 200_000, by: 97)) {
            #expect(SpanFormat.short(n) == printf(n), "\(n)")
        }
        #expect(SpanFormat.short(Int.min).hasPrefix("-"), "the most negative span does not trap")
    }
}
