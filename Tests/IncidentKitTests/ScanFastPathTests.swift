import Foundation
import Testing

@testable import IncidentKit

/// The ingest fast paths (strings skipped eight bytes at a time, keys matched by one load and
/// a hash, repeated strings shared, the common timestamp read at fixed places) against the
/// plain ways they replace.
@Suite struct ScanFastPathTests {
    /// A character that ends a run of ordinary bytes, put at every offset of a key and of a
    /// value: the scanner accepts and reads what the strict parser does, and a control
    /// character is reported where it stands.
    @Test func stringsAreSkippedAlikeWhereverTheirSpecialBytesFall() throws {
        let keys = JSONKeySet(["k", "ts"])
        let specials: [[UInt8]] = [
            [0x01], [0x1F], [0x7F], Array("\\\"".utf8), Array("\\u00e9".utf8), Array("é".utf8), [0x5C],
        ]
        for length in 0..<20 {
            for offset in 0...length {
                for special in specials {
                    var text = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    text.insert(contentsOf: special, at: offset)
                    for line in [
                        Array("{\"k\":\"".utf8) + text + Array("\",\"ts\":1}".utf8),
                        Array("{\"".utf8) + text + Array("\":1,\"ts\":\"x\"}".utf8),
                    ] {
                        let strict = Result { try JSONParser.parse(line) }
                        for wanted in [nil, keys] {
                            let scanned = Result { () throws(JSONParser.Failure) -> JSONObject? in
                                try JSONLineScanner.scan(line, keeping: wanted)
                            }
                            switch (strict, scanned) {
                            case (.success(let value), .success(let object)):
                                let all = value.objectValue?.entries ?? []
                                let kept = all.filter { wanted?.contains($0.key) ?? true }
                                #expect(object == JSONObject(kept), "\(String(decoding: line, as: UTF8.self))")
                            case (.failure, .failure(let failure)):
                                if special[0] < 0x20 {
                                    #expect(failure.reason == "control character in string")
                                    #expect(line[failure.offset] == special[0])
                                }
                            default:
                                Issue.record("disagree: \(String(decoding: line, as: UTF8.self))")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func keysAreMatchedAsTheirBytesSpellThem() {
        let wanted = [
            "", "a", "ts", "status", "run_idx", "12345678", "123456789", "mismatch_count", "é", "naïve_key_x",
        ]
        let set = JSONKeySet(wanted)
        let others = [
            "b", "t", "tS", "statu", "status_", "run_idy", "12345679", "123456780", "mismatch_counT", "e",
            "naïve_key_y",
        ]
        for key in wanted + others {
            // Followed by more bytes, as a key is inside its line, and not.
            for tail in ["", "\":\"value\"}"] {
                let bytes = Array((key + tail).utf8)
                let found = bytes.withUnsafeBufferPointer { buffer in
                    set.index(bytes: UnsafeBufferPointer(rebasing: buffer[0..<key.utf8.count]), readable: buffer.count)
                        .map(set.key(at:))
                }
                #expect(found == (wanted.contains(key) ? key : nil), "\(key)+\(tail)")
            }
            #expect(set.contains(key) == wanted.contains(key))
        }
    }

    @Test func sharedStringsAreWhatDecodingMakes() {
        let cache = JSONStringCache(keys: 2)
        let values: [[UInt8]] = [
            Array("match".utf8), Array("match".utf8), Array("mismatch".utf8), Array("order_latency_p99_ms".utf8),
            Array("order_latency_p99_ms".utf8), [0x61, 0xFF, 0x62], [0x61, 0xFF, 0x62], [],
            [UInt8](repeating: 0x7A, count: JSONStringCache.maxBytes + 1), Array("mátch".utf8),
        ]
        for (index, value) in values.enumerated() {
            for key in 0..<2 {
                let shared = value.withUnsafeBufferPointer { cache.string($0, key: key) }
                #expect(shared == String(decoding: value, as: UTF8.self), "#\(index)")
            }
        }
    }

    /// Each time in the common form reads as the same time written with a fraction, which
    /// takes the general path; what that path refuses, the fixed one refuses too.
    @Test func theCommonTimestampFormReadsAsTheGeneralPathReadsIt() {
        let texts = [
            "2025-11-21T10:00:00Z", "2025-11-21t10:00:00z", "2025-11-21 10:00:00Z", "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z", "2024-02-29T12:34:56Z", "2025-06-30T23:59:60Z", "0001-01-01T00:00:00Z",
            "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "2025-11-32T00:00:00Z", "2025-11-00T00:00:00Z",
            "2025-11-21T24:00:00Z", "2025-11-21T10:60:00Z", "2025-11-21T10:00:61Z", "2025-1a-21T10:00:00Z",
            "2025-11-21X10:00:00Z", "2025/11/21T10:00:00Z", "2025-11-21T10-00:00Z", "2025-11-21T10:00:00+",
            "2025-11-21T10:00:0:Z", "+025-11-21T10:00:00Z",
        ]
        for text in texts {
            #expect(text.utf8.count == 20)
            let general = String(text.dropLast()) + ".0" + String(text.suffix(1))
            #expect(Timestamp.parse(text) == Timestamp.parse(general), "\(text)")
            #expect(
                Timestamp.parse(.string(text), naiveZone: TimeZone(identifier: "UTC")!)
                    == Timestamp.parse(.string(general), naiveZone: TimeZone(identifier: "UTC")!), "\(text)")
        }
        #expect(Timestamp.parse("2025-11-21T10:00:00Z") == Date(timeIntervalSince1970: 1_763_719_200))
    }
}
