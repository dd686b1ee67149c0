import Foundation
import Testing

@testable import IncidentKit

/// A resolved incident keeps one packed reference per event; what it packs must come back.
@Suite struct JournalEventRefTests {
    private func event(offset: Int64, length: Int, sequence: Int = 7) throws -> JournalEvent {
        let line = #"{"event_type":"incident_ack","incident_id":"INC-1","ts":"2025-11-21T10:00:00Z"}"#
        let object = try #require(try JSONLineScanner.scan(Array(line.utf8), keeping: nil))
        var event = try #require(
            JournalEvent(object: object, journal: "j.jsonl", line: 12, sequence: sequence, naiveZone: .gmt))
        event.offset = offset
        event.length = length
        return event
    }

    @Test func offsetsLengthsLinesAndReadOrderComeBackAsPacked() throws {
        for (offset, length) in [(Int64(0), 1), (12_345, 80), ((1 << 40) - 1, 1 << 20), (1 << 39, 65_537)] {
            let ref = try #require(JournalEventRef(try event(offset: offset, length: length)))
            #expect(ref.offset == offset)
            #expect(ref.length == length)
            #expect(ref.line == 12)
            #expect(ref.sequence == 7)
            #expect(ref.journal == "j.jsonl")
        }
        #expect(JournalEventRef(try event(offset: 1 << 40, length: 10)) == nil, "past a terabyte: kept whole")
        #expect(JournalEventRef(try event(offset: 0, length: (1 << 20) + 1)) == nil, "longer than any line read")
        #expect(JournalEventRef(try event(offset: -1, length: 10)) == nil, "not read from a file")
        let late = try #require(JournalEventRef(try event(offset: 0, length: 5, sequence: Int(UInt32.max) + 9)))
        #expect(late.sequence == UInt32.max, "clamped, not wrapped")
    }
}
