/// Reads one JSONL record without building what nobody reads: it validates the whole line with
/// the grammar of `JSONParser` (so a malformed line is rejected exactly as before) but turns
/// only the wanted top-level fields into values; the others are skipped byte by byte.
///
/// Duplicate keys are all kept in file order, so a lookup returns the last one, as
/// `JSONObject`, Python's `json` and Foundation's `JSONSerialization` do.
public enum JSONLineScanner {
    /// The object on the line with only the wanted fields (every field when `keys` is nil), or
    /// nil when the line is valid JSON but not an object.
    public static func scan(_ line: UnsafeBufferPointer<UInt8>, keeping keys: JSONKeySet?) throws(JSONParser.Failure)
        -> JSONObject?
    {
        try scan(line, keeping: keys, cache: nil)
    }

    /// As above, with the strings of kept fields shared through `cache` when they repeat, and
    /// the entries stored in `storage` (emptied, its capacity kept) when one is given.
    static func scan(
        _ line: UnsafeBufferPointer<UInt8>, keeping keys: JSONKeySet?, cache: JSONStringCache?,
        storage: [(key: String, value: JSONValue)] = []
    ) throws(JSONParser.Failure) -> JSONObject? {
        var entries = storage
        entries.removeAll(keepingCapacity: true)
        if entries.capacity < 8 { entries.reserveCapacity(8) }
        let isObject = try walkObject(line) { (cursor, keyStart, raw) throws(JSONParser.Failure) in
            let keyBytes = UnsafeBufferPointer(start: cursor.base + keyStart + 1, count: raw.count)
            let key: String?
            var slot: Int?
            if !raw.isPlain {
                key = try decodedKey(
                    base: cursor.base, from: keyStart, to: keyStart + raw.count + 2, keeping: keys)
            } else if let keys {
                slot = keys.index(bytes: keyBytes, readable: line.count - keyStart - 1)
                key = slot.map(keys.key(at:))
            } else {
                key = String(decoding: keyBytes, as: UTF8.self)
            }
            if let key {
                entries.append((key, try value(&cursor, cache: slot == nil ? nil : cache, slot: slot ?? 0)))
            } else {
                try cursor.skipValue(depth: 1)
            }
        }
        return isObject ? JSONObject(entries) : nil
    }

    /// The raw key of a field: its length between the quotes, and whether it has no escapes.
    struct RawKey {
        var count: Int
        var isPlain: Bool
    }

    /// The grammar both scanners walk: one object, `"key": value` pairs between commas, nothing
    /// after it. `field` is given the cursor at each value, the key's opening quote and the raw
    /// key, and must move the cursor past the value. False when the line is valid JSON but not
    /// an object.
    @inline(__always)
    static func walkObject(
        _ line: UnsafeBufferPointer<UInt8>,
        field: (inout JSONSkipCursor, _ keyStart: Int, RawKey) throws(JSONParser.Failure) -> Void
    ) throws(JSONParser.Failure) -> Bool {
        guard let base = line.baseAddress else {
            throw JSONParser.Failure(offset: 0, reason: "unexpected end of input")
        }
        var cursor = JSONSkipCursor(base: base, count: line.count)
        cursor.skipWhitespace()
        guard cursor.peek == UInt8(ascii: "{") else {
            try cursor.skipValue(depth: 0)
            try cursor.expectEnd()
            return false
        }
        cursor.index += 1
        cursor.skipWhitespace()
        if cursor.peek == UInt8(ascii: "}") {
            cursor.index += 1
            try cursor.expectEnd()
            return true
        }
        while true {
            cursor.skipWhitespace()
            guard cursor.peek == UInt8(ascii: "\"") else { throw cursor.fail("expected a string key") }
            let keyStart = cursor.index
            let plain = try cursor.skipString()
            let key = RawKey(count: cursor.index - keyStart - 2, isPlain: plain)
            cursor.skipWhitespace()
            guard cursor.peek == UInt8(ascii: ":") else { throw cursor.fail("expected ':'") }
            cursor.index += 1
            cursor.skipWhitespace()
            try field(&cursor, keyStart, key)
            cursor.skipWhitespace()
            switch cursor.peek {
            case UInt8(ascii: ","): cursor.index += 1
            case UInt8(ascii: "}"):
                cursor.index += 1
                try cursor.expectEnd()
                return true
            default: throw cursor.fail("expected ',' or '}'")
            }
        }
    }

    public static func scan(_ bytes: [UInt8], keeping keys: JSONKeySet?) throws(JSONParser.Failure) -> JSONObject? {
        let result: Result<JSONObject?, JSONParser.Failure> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParser.Failure) -> JSONObject? in try scan(buffer, keeping: keys) }
        }
        return try result.get()
    }

    /// The value of a wanted field, checked by the same skip as any other, then made by
    /// `decode`.
    private static func value(
        _ cursor: inout JSONSkipCursor, cache: JSONStringCache?, slot: Int
    ) throws(JSONParser.Failure) -> JSONValue {
        let start = cursor.index
        var plain = false
        if cursor.peek == UInt8(ascii: "\"") {
            plain = try cursor.skipString()
        } else {
            try cursor.skipValue(depth: 1)
        }
        let slice = UnsafeBufferPointer(start: cursor.base + start, count: cursor.index - start)
        return try decode(slice, plainString: plain, cache: cache, slot: slot)
    }

    /// The value of raw JSON text the skip cursor has already accepted: the common shapes (a
    /// string without escapes, a small integer, a literal) directly, the rest through
    /// `JSONParser` (which accepts all that the skip does, so it does not throw here).
    static func decode(
        _ slice: UnsafeBufferPointer<UInt8>, plainString: Bool, cache: JSONStringCache?, slot: Int
    ) throws(JSONParser.Failure) -> JSONValue {
        if plainString {
            let inner = UnsafeBufferPointer(rebasing: slice[1..<(slice.count - 1)])
            return .string(cache?.string(inner, key: slot) ?? String(decoding: inner, as: UTF8.self))
        }
        switch slice[0] {
        case UInt8(ascii: "t"): return .bool(true)
        case UInt8(ascii: "f"): return .bool(false)
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "0")...UInt8(ascii: "9") where slice.count <= 15:
            var n = 0
            for c in slice {
                guard c &- 0x30 < 10 else { return try JSONParser.parse(slice) }
                n = n * 10 + Int(c &- 0x30)
            }
            return .number(Double(n))
        default: break
        }
        return try JSONParser.parse(slice)
    }

    /// A key written with escapes (`"event\u005ftype"`) is compared after decoding.
    private static func decodedKey(
        base: UnsafePointer<UInt8>, from start: Int, to end: Int, keeping keys: JSONKeySet?
    ) throws(JSONParser.Failure) -> String? {
        guard case .string(let key) = try JSONParser.parse(UnsafeBufferPointer(start: base + start, count: end - start))
        else { return nil }
        return keys.map { $0.contains(key) } ?? true ? key : nil
    }
}
