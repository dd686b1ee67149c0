import Foundation
import Testing

@testable import IncidentKit

/// Lines scanned into picked fields (`ScannedFields`, read through `FieldView`) give what the
/// object scanner gives: the same failures, the same object, the same lookups.
@Suite struct ScannedFieldsTests {
    static let wanted = JSONLineScannerTests.wanted

    /// The line scanned both ways; nil from `scanFields` when the object scanner says "not an
    /// object", and the same failure when it throws.
    private func bothWays(_ bytes: [UInt8], keys: JSONKeySet = wanted) throws -> (
        object: JSONObject?, view: JSONObject?
    ) {
        let object = Result { () throws(JSONParser.Failure) -> JSONObject? in
            try JSONLineScanner.scan(bytes, keeping: keys)
        }
        var fields = ScannedFields()
        fields.bytes = [0x7B]  // earlier content of the piece must survive a failure
        fields.fields = [ScannedFields.Field(slot: 0, plainString: false, start: 0, count: 1)]
        let picked = Result { () throws(JSONParser.Failure) -> Bool in
            try bytes.withUnsafeBufferPointer { line throws(JSONParser.Failure) -> Bool in
                try JSONLineScanner.scanFields(line, keeping: keys, into: &fields)
            }
        }
        switch (object, picked) {
        case (.failure(let a), .failure(let b)):
            #expect(a.offset == b.offset && a.reason == b.reason)
            #expect(fields.bytes == [0x7B] && fields.fields.count == 1, "a failed line leaves nothing behind")
            throw a
        case (.success(let object), .success(let isObject)):
            #expect((object != nil) == isObject)
            let view = fields.fields.withUnsafeBufferPointer { all in
                fields.bytes.withUnsafeBufferPointer { raw in
                    FieldView(fields: UnsafeBufferPointer(rebasing: all[1...]), bytes: raw, cache: nil)
                        .object(keys: keys)
                }
            }
            return (object, isObject ? view : nil)
        default:
            Issue.record("one way failed, the other did not: \(String(decoding: bytes, as: UTF8.self))")
            return (nil, nil)
        }
    }

    @Test func aGeneratedCorpusReadsTheSameBothWays() throws {
        var generator = AwkwardJSON(random: SeededGenerator(state: 20_251_203))
        for index in 0..<3000 {
            let bytes = Array(generator.object(depth: 0).utf8)
            let (object, view) = try bothWays(bytes)
            #expect(object == view, "#\(index): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func damagedLinesFailAtTheSamePlaceBothWays() {
        var generator = AwkwardJSON(random: SeededGenerator(state: 11))
        var rejected = 0
        for index in 0..<4000 {
            guard let bytes = generator.damagedObject() else { continue }
            do {
                let (object, view) = try bothWays(bytes)
                #expect(object == view, "#\(index): \(String(decoding: bytes, as: UTF8.self))")
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 1000)
    }

    @Test func everyFixtureLineReadsTheSameBothWays() throws {
        for (source, bytes) in ScannerTestSupport.fixtureRecords() {
            let (object, view) = try bothWays(bytes)
            #expect(object == view, "\(source)")
        }
    }

    @Test func notAnObjectIsToldApart() throws {
        #expect(try bothWays(Array("[1,2]".utf8)).view == nil)
        #expect(throws: JSONParser.Failure.self) { try bothWays(Array("[1,2".utf8)) }
        #expect(throws: JSONParser.Failure.self) { try bothWays([]) }
    }

    /// Lookups through the view answer as `JSONObject`'s: the last duplicate, nulls skipped by
    /// `first` but not by `last`, escaped keys, and times read from bytes.
    @Test func lookupsAnswerAsTheObjectDoes() throws {
        let keys = JSONKeySet(["status", "ts", "ok", "value", "event_type"])
        let lines = [
            #"{"status":"match","x":1,"status":"mismatch","ts":"2025-11-21T10:00:00Z"}"#,
            #"{"status":null,"ok":true,"ts":null,"value":"2025-11-21T10:00:00+01:00"}"#,
            #"{"event\u005ftype":"slo_breach","\u0074s":1732183200,"value":[1,{"a":2}]}"#,
            #"{"ts":"2025-11-21 10:00:00","status":"M\u00e9tch","value":1e400,"ok":"yes"}"#,
            #"{"ts":"1e12","value":-0.5,"status":"9999-12-31T23:59:60Z"}"#,
            #"{"ts":"99999-01-01T00:00:00Z"}"#,
        ]
        let lists = [["status"], ["ok", "status"], ["ts"], ["value", "ts"], ["event_type"], ["missing", "ts"]]
        let read: (JSONValue?) -> Date? = {
            $0.flatMap { Timestamp.parse($0, naiveZone: TimeZone(identifier: "UTC")!) }
        }
        for line in lines {
            let bytes = Array(line.utf8)
            let object = try #require(try JSONLineScanner.scan(bytes, keeping: keys))
            var fields = ScannedFields()
            _ = try bytes.withUnsafeBufferPointer { try JSONLineScanner.scanFields($0, keeping: keys, into: &fields) }
            fields.fields.withUnsafeBufferPointer { all in
                fields.bytes.withUnsafeBufferPointer { raw in
                    let view = FieldView(fields: all, bytes: raw, cache: JSONStringCache(keys: keys.count))
                    for names in lists {
                        let picked = FieldList(names, keys: keys)
                        let whole = FieldList(names, keys: nil)
                        #expect(view.first(picked) == object.first(whole), "\(line) \(names)")
                        #expect(view.last(picked) == object.last(whole), "\(line) \(names)")
                        #expect(view.time(picked, read) == object.time(whole, read), "\(line) \(names)")
                    }
                }
            }
        }
    }
}
