import Foundation

/// A parsed JSON value that keeps object keys in file order, so records we read can be
/// written back without reordering and unknown fields survive untouched.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return JSONValue.format(number: n)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .number(let n): return n
        case .string(let s): return Double(s.trimmingCharacters(in: .whitespaces))
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    public var intValue: Int? {
        guard let d = doubleValue, d.isFinite, d == d.rounded(),
            abs(d) < 9.0e15
        else { return nil }
        return Int(d)
    }

    /// Truthiness as the artifact writers use it: booleans, 0/1, and words like "ok"/"yes".
    public var boolValue: Bool? {
        switch self {
        case .bool(let b): return b
        case .number(let n): return n != 0
        case .string(let s):
            switch s.lowercased() {
            case "true", "yes", "y", "1", "ok", "pass", "passed", "on": return true
            case "false", "no", "n", "0", "fail", "failed", "off": return false
            default: return nil
            }
        default: return nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    static func format(number n: Double) -> String {
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 {
            return String(Int64(n))
        }
        return "\(n)"
    }
}

/// An ordered JSON object. With duplicate keys a lookup returns the last value, as Python's
/// `json` does, while every entry is kept for writing back.
public struct JSONObject: Sendable, Equatable {
    public private(set) var entries: [(key: String, value: JSONValue)]

    public init(_ entries: [(key: String, value: JSONValue)] = []) {
        self.entries = entries
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public subscript(key: String) -> JSONValue? {
        get { lastIndex(of: key).map { entries[$0].value } }
        set {
            if let index = entries.lastIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public var keys: [String] { entries.map(\.key) }

    /// Moves the entries out, leaving the object empty (to reuse their storage).
    mutating func takeEntries() -> [(key: String, value: JSONValue)] {
        var taken: [(key: String, value: JSONValue)] = []
        swap(&taken, &entries)
        return taken
    }

    /// The first present, non-null value among several synonymous field names.
    public func first(_ names: [String]) -> JSONValue? {
        for name in names {
            if let index = lastIndex(of: name), !entries[index].value.isNull { return entries[index].value }
        }
        return nil
    }

    /// Where the last entry with this key is, looked up in place (every stream record is asked
    /// for several fields under several names: copying entries out to compare them cost a
    /// retain and a release each).
    private func lastIndex(of key: String) -> Int? {
        // Comparing lengths first settles most mismatches without the general string comparison.
        let length = key.utf8.count
        return entries.withUnsafeBufferPointer { buffer -> Int? in
            var index = buffer.count
            while index > 0 {
                index &-= 1
                if buffer[index].key.utf8.count == length, buffer[index].key == key { return index }
            }
            return nil
        }
    }
}
