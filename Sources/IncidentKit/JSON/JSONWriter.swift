/// Serialises a `JSONValue` to compact JSON on one line, keeping key order. Non-ASCII text is
/// written as UTF-8; control characters, quotes, backslashes and U+2028/9 are escaped.
public enum JSONWriter {
    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        // Written as UTF-8 bytes and made a string once: appending to a string piece by piece
        // checked its storage at every append.
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, indent: pretty ? 0 : nil)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8], indent: Int?) {
        switch value {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .number(let n): out += (n.isFinite ? JSONValue.format(number: n) : "null").utf8
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]".utf8
                return
            }
            out.append(UInt8(ascii: "["))
            for index in items.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent.map { $0 + 1 })
                write(items[index], into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.entries.isEmpty {
                out += "{}".utf8
                return
            }
            out.append(UInt8(ascii: "{"))
            for index in object.entries.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent.map { $0 + 1 })
                writeString(object.entries[index].key, into: &out)
                out += (indent == nil ? ":" : ": ").utf8
                write(object.entries[index].value, into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { out += "  ".utf8 }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Printable ASCII without a quote or backslash is copied as it is.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += s.utf8
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\"".utf8
            case "\\": out += "\\\\".utf8
            case "\n": out += "\\n".utf8
            case "\r": out += "\\r".utf8
            case "\t": out += "\\t".utf8
            case "\u{2028}": out += "\\u2028".utf8
            case "\u{2029}": out += "\\u2029".utf8
            default:
                // C0, DEL, C1 and the bidirectional and invisible format characters are written
                // as escapes, so JSON printed to a terminal cannot control it or reorder a line.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                    || (0x200B...0x200F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                    || (0x2060...0x2069).contains(scalar.value) || scalar.value == 0xFEFF || scalar.value == 0x061C
                {
                    let v = Int(scalar.value)
                    out += "\\u".utf8
                    out.append(hex[(v >> 12) & 0xF])
                    out.append(hex[(v >> 8) & 0xF])
                    out.append(hex[(v >> 4) & 0xF])
                    out.append(hex[v & 0xF])
                } else {
                    out += String(scalar).utf8
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Builds JSON objects in a fixed key order with optional fields left out.
public struct JSONObjectBuilder {
    public private(set) var object = JSONObject()
    public init() {}

    public mutating func set(_ key: String, _ value: String?) {
        if let value { object[key] = .string(value) }
    }
    public mutating func set(_ key: String, _ value: Int?) {
        if let value { object[key] = .number(Double(value)) }
    }
    public mutating func set(_ key: String, _ value: Double?) {
        if let value { object[key] = .number(value) }
    }
    public mutating func set(_ key: String, _ value: Bool?) {
        if let value { object[key] = .bool(value) }
    }
    public mutating func set(_ key: String, _ value: JSONValue?) {
        if let value { object[key] = value }
    }
    public mutating func setNull(_ key: String) { object[key] = .null }

    /// Sets the value, or `null` when there is none (for keys a schema always carries).
    public mutating func set(_ key: String, orNull value: Int?) {
        object[key] = value.map { .number(Double($0)) } ?? .null
    }
    public mutating func set(_ key: String, orNull value: String?) {
        object[key] = value.map(JSONValue.string) ?? .null
    }

    public var value: JSONValue { .object(object) }
}
