/// Serialises a `JSONValue` to compact JSON on one line, keeping key order. Non-ASCII text is
/// written as UTF-8; control characters, quotes, backslashes and U+2028/9 are escaped.
public enum JSONWriter {
    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        var out = ""
        write(value, into: &out, indent: pretty ? 0 : nil)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: Int?) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.isFinite ? JSONValue.format(number: n) : "null"
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent.map { $0 + 1 })
                write(item, into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out += "]"
        case .object(let object):
            if object.entries.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, entry) in object.entries.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent.map { $0 + 1 })
                writeString(entry.key, into: &out)
                out += indent == nil ? ":" : ": "
                write(entry.value, into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int?) {
        guard let indent else { return }
        out += indent < indents.count ? indents[indent] : "\n" + String(repeating: "  ", count: indent)
    }

    /// A newline and the indent of each shallow depth, made once rather than per line.
    private static let indents = (0..<32).map { "\n" + String(repeating: "  ", count: $0) }

    private static let hex: [Character] = Array("0123456789abcdef")

    static func writeString(_ s: String, into out: inout String) {
        // Printable ASCII without a quote or backslash is written as it is, in one append.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                // C0, DEL, C1 and the bidirectional and invisible format characters are written
                // as escapes, so JSON printed to a terminal cannot control it or reorder a line.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                    || (0x200B...0x200F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                    || (0x2060...0x2069).contains(scalar.value) || scalar.value == 0xFEFF || scalar.value == 0x061C
                {
                    let v = Int(scalar.value)
                    out += "\\u"
                    out.append(hex[(v >> 12) & 0xF])
                    out.append(hex[(v >> 8) & 0xF])
                    out.append(hex[(v >> 4) & 0xF])
                    out.append(hex[v & 0xF])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
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
