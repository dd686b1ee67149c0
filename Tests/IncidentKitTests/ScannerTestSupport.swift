import Foundation

@testable import IncidentKit

/// Shared by the scanner tests: Foundation's view of a line, and the fixture lines.
enum ScannerTestSupport {
    /// Foundation's value as a `JSONValue`, keys sorted (it keeps no order; duplicates as it
    /// resolved them).
    static func foundationValue(_ text: [UInt8]) -> JSONValue? {
        guard let any = try? JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed]) else {
            return nil
        }
        return convert(any)
    }

    static func convert(_ any: Any) -> JSONValue? {
        switch any {
        case is NSNull: return .null
        case let s as String: return .string(s)
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            return .number(n.doubleValue)
        case let a as [Any]:
            let items = a.compactMap(convert)
            return items.count == a.count ? .array(items) : nil
        case let d as [String: Any]:
            var entries: [(key: String, value: JSONValue)] = []
            for key in d.keys.sorted() {
                guard let v = convert(d[key]!) else { return nil }
                entries.append((key, v))
            }
            return .object(JSONObject(entries))
        default: return nil
        }
    }

    /// Keys sorted and duplicates resolved by lookup (last wins), to compare with Foundation.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(normalized))
        case .object(let object):
            return .object(JSONObject(Set(object.keys).sorted().map { (key: $0, value: normalized(object[$0]!)) }))
        default: return value
        }
    }

    static let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SitrepCLITests/Fixtures").path

    /// Every line of every JSONL fixture, and every JSON fixture whole, with where it came from.
    static func fixtureRecords() -> [(source: String, bytes: [UInt8])] {
        var records: [(String, [UInt8])] = []
        let files = FileManager.default.enumerator(atPath: fixturesDirectory)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() {
            guard let data = FileManager.default.contents(atPath: fixturesDirectory + "/" + file) else { continue }
            if file.hasSuffix(".jsonl") {
                for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
                where !line.isEmpty {
                    records.append(("\(file):\(index + 1)", Array(line)))
                }
            } else if file.hasSuffix(".json") {
                records.append((file, Array(data)))
            }
        }
        return records
    }
}

/// A small deterministic generator (SplitMix64), so a failing corpus line can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Awkward but valid JSON text: escapes of every kind, `\u` surrogate pairs, raw multi-byte
/// UTF-8, nesting, numbers in every syntax, duplicate keys and odd whitespace.
struct AwkwardJSON {
    /// A generated object with one byte dropped or changed, or cut short; nil when the object
    /// came out empty.
    mutating func damagedObject() -> [UInt8]? {
        var bytes = Array(object(depth: 0).utf8)
        guard !bytes.isEmpty else { return nil }
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 3 {
        case 0: bytes.remove(at: at)
        case 1:
            let noise = Array("{}[]\",:\\u0e-.a \u{1}".utf8)
            bytes[at] = noise[Int(random.next() % UInt64(noise.count))]
        default: bytes.removeSubrange(at...)
        }
        return bytes
    }

    var random: SeededGenerator

    static let keys = [
        "event_type", "ts", "incident_id", "status", "a", "", "dup", "é", "k\\\"q", "event\\u005ftype", "\\u0074s",
        "emoji😀",
    ]
    static let strings = [
        "plain", "", "quote \\\" in", "back \\\\ slash", "\\/ solidus", "\\b\\f\\n\\r\\t", "\\u0041\\u00e9\\u4E2D",
        "\\ud83d\\ude00 pair", "\\uD834\\uDD1E", "raw é 中文 😀", "\\u0000 nul", "\\u001f", "del \u{7F}", "\\u2028",
        "2025-11-21T10:00:00Z", "SEV1",
    ]
    static let numbers = [
        "0", "-0", "7", "-12", "1.5", "-0.25", "1e3", "1E+3", "2.5e-7", "-1.0E10", "9007199254740993",
        "12345678901234567890", "0.1", "6.02214076e23",
    ]
    static let spaces = ["", " ", "\t", "\r\n ", "  "]

    mutating func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }

    mutating func value(depth: Int) -> String {
        switch random.next() % (depth > 4 ? 5 : 7) {
        case 0: return "\"\(pick(AwkwardJSON.strings))\""
        case 1: return pick(AwkwardJSON.numbers)
        case 2: return pick(["true", "false", "null"])
        case 3: return "\"\(pick(AwkwardJSON.strings))\(pick(AwkwardJSON.strings))\""
        case 4: return pick(AwkwardJSON.numbers)
        case 5: return object(depth: depth + 1)
        default:
            let count = Int(random.next() % 4)
            let items = (0..<count).map { _ in value(depth: depth + 1) }
            return "[" + items.joined(separator: "," + pick(AwkwardJSON.spaces)) + "]"
        }
    }

    mutating func object(depth: Int) -> String {
        let count = Int(random.next() % 6)
        let members = (0..<count).map { _ -> String in
            let s1 = pick(AwkwardJSON.spaces)
            let s2 = pick(AwkwardJSON.spaces)
            return "\(s1)\"\(pick(AwkwardJSON.keys))\"\(s2):\(s1)\(value(depth: depth))\(s2)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}
