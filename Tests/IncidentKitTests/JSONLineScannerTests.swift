import Foundation
import Testing

@testable import IncidentKit

@Suite struct JSONLineScannerTests {
    static let wanted = JSONKeySet(["event_type", "ts", "status", "mismatch_count", "dup", "é", "k\"q"])

    /// The scan keeps the wanted keys in order, duplicates included, each with the value the
    /// full parser gives it.
    private func expectSubset(_ scanned: JSONObject, of full: JSONObject, keys: JSONKeySet) {
        let expected = full.entries.filter { keys.contains($0.key) }
        #expect(scanned.keys == expected.map(\.key))
        #expect(scanned == JSONObject(expected))
    }

    @Test func agreesWithFoundationOnEveryFixtureLine() throws {
        let records = ScannerTestSupport.fixtureRecords()
        #expect(records.count > 50)
        for (source, bytes) in records {
            let theirs = try #require(ScannerTestSupport.foundationValue(bytes), "Foundation rejects \(source)")
            let all = try #require(try JSONLineScanner.scan(bytes, keeping: nil), "not an object: \(source)")
            #expect(ScannerTestSupport.normalized(.object(all)) == theirs, "\(source)")
            let some = try #require(try JSONLineScanner.scan(bytes, keeping: Self.wanted))
            expectSubset(some, of: all, keys: Self.wanted)
        }
    }

    @Test func agreesWithFoundationOnAGeneratedCorpusOfAwkwardJSON() throws {
        var generator = AwkwardJSON(random: SeededGenerator(state: 20_251_121))
        for index in 0..<3000 {
            let text = generator.object(depth: 0)
            let bytes = Array(text.utf8)
            let theirs = try #require(
                ScannerTestSupport.foundationValue(bytes), "Foundation rejects #\(index): \(text)")
            let all = try #require(try JSONLineScanner.scan(bytes, keeping: nil))
            #expect(ScannerTestSupport.normalized(.object(all)) == theirs, "#\(index): \(text)")
            #expect(all == (try JSONParser.parse(bytes)).objectValue, "#\(index): \(text)")
            let some = try #require(try JSONLineScanner.scan(bytes, keeping: Self.wanted))
            expectSubset(some, of: all, keys: Self.wanted)
        }
    }

    /// Damaged lines (a byte dropped, changed or the line cut short) are accepted or rejected
    /// exactly as the strict parser does, with the same values when accepted.
    @Test func rejectsWhatTheStrictParserRejectsOnDamagedLines() throws {
        var generator = AwkwardJSON(random: SeededGenerator(state: 7))
        var rejected = 0
        for index in 0..<4000 {
            guard let bytes = generator.damagedObject() else { continue }
            let strict = try? JSONParser.parse(bytes)
            let scanned = Result { try JSONLineScanner.scan(bytes, keeping: nil) }
            switch (strict, scanned) {
            case (nil, .failure): rejected += 1
            case (.some(let value), .success(let object)):
                #expect(object == value.objectValue, "#\(index): \(String(decoding: bytes, as: UTF8.self))")
            default:
                Issue.record("disagree on #\(index): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(rejected > 1000)
    }

    @Test func duplicateKeysAreAllKeptAndTheLastWinsAsInFoundation() throws {
        let text = "{\"status\":\"match\",\"x\":1,\"status\":\"mismatch\"}"
        let object = try #require(try JSONLineScanner.scan(Array(text.utf8), keeping: Self.wanted))
        #expect(object.keys == ["status", "status"])
        #expect(object["status"] == .string("mismatch"))
        #expect(ScannerTestSupport.foundationValue(Array(text.utf8))?["status"] == .string("mismatch"))
    }

    @Test func keysWrittenWithEscapesAreMatchedAfterDecoding() throws {
        let text = "{\"event\\u005ftype\":\"incident_ack\",\"\\u0074s\":\"2025-11-21T10:00:00Z\",\"other\":[1,2]}"
        let object = try #require(try JSONLineScanner.scan(Array(text.utf8), keeping: Self.wanted))
        #expect(object.keys == ["event_type", "ts"])
        #expect(object["event_type"] == .string("incident_ack"))
    }

    @Test func skippedFieldsAreStillValidated() {
        for text in [
            "{\"ts\":1,\"skipped\":[1,]}", "{\"skipped\":\"a\tb\",\"ts\":1}", "{\"skipped\":01}",
            "{\"skipped\":\"\\x\"}", "{\"skipped\":tru}", "{\"skipped\":{\"a\" 1}}", "{\"ts\":1} trailing",
            "{\"skipped\":\"\\ud800\\uZZZZ\"}", "{\"skipped\":1.}", "{\"skipped\":-}", "{\"ts\":1,}",
        ] {
            #expect(throws: JSONParser.Failure.self, "\(text)") {
                try JSONLineScanner.scan(Array(text.utf8), keeping: Self.wanted)
            }
        }
    }

    @Test func deepNestingInASkippedFieldIsBoundedLikeTheParser() {
        let depth = JSONParser.maxDepth
        let deep = "{\"skipped\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(throws: JSONParser.Failure.self) { try JSONLineScanner.scan(Array(deep.utf8), keeping: Self.wanted) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }

    @Test func aValidLineThatIsNotAnObjectIsToldApartFromAMalformedOne() throws {
        #expect(try JSONLineScanner.scan(Array("[1,2]".utf8), keeping: nil) == nil)
        #expect(try JSONLineScanner.scan(Array(" \"text\" ".utf8), keeping: nil) == nil)
        #expect(throws: JSONParser.Failure.self) { try JSONLineScanner.scan(Array("[1,2".utf8), keeping: nil) }
        #expect(throws: JSONParser.Failure.self) { try JSONLineScanner.scan([], keeping: nil) }
    }

    @Test func loneSurrogatesAndHugeNumbersAreReadAsTheParserReadsThem() throws {
        // Foundation rejects both; the tolerant reader keeps the line (as Python's json does).
        let text = "{\"status\":\"a\\ud800b\",\"ts\":1e400}"
        #expect(ScannerTestSupport.foundationValue(Array(text.utf8)) == nil)
        let object = try #require(try JSONLineScanner.scan(Array(text.utf8), keeping: Self.wanted))
        #expect(object["status"] == .string("a\u{FFFD}b"))
        #expect(object == (try JSONParser.parse(text)).objectValue)
    }
}
