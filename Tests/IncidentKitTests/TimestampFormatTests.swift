import Foundation
import Testing

@testable import IncidentKit

/// `Timestamp.format` writes its digits itself; it must give what `String(format:)` gave.
@Suite struct TimestampFormatTests {
    @Test func formatMatchesThePrintfForm() {
        var seconds: [Double] = [
            0, -1, 59, 86_399, 86_400, 951_782_400, 1_764_720_000.9, 253_402_300_799, -62_135_596_800,
        ]
        var state: UInt64 = 0x1234_5678
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            seconds.append(Double(state >> 30) - 4_000_000_000)
        }
        for value in seconds {
            let date = Date(timeIntervalSince1970: value)
            let total = Int(value.rounded(.down))
            let days = total >= 0 ? total / 86400 : (total - 86399) / 86400
            let secs = total - days * 86400
            let (y, m, d) = Timestamp.civilFromDays(days)
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, secs / 3600, secs % 3600 / 60, secs % 60)
            #expect(Timestamp.format(date) == expected, "\(value)")
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }
}
