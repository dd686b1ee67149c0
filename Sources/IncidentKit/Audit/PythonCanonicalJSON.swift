/// Re-serialises JSON as Python's `json.dumps(value, sort_keys=True, separators=(",", ":"))`
/// with the default `ensure_ascii`, from the bytes of a line that Python's `json.dumps` wrote.
/// Numbers keep their text from the line (Python wrote them with `repr`); where that text is
/// not a form Python writes, or a string cannot be carried exactly, the value cannot be
/// reproduced and `canonical` says so instead of guessing.
public enum PythonCanonicalJSON {
    /// The bytes Python's `json.dumps(value, sort_keys=True, separators=(",", ":"))` gives for
    /// the JSON in `line`, or nil when the line does not parse or its form cannot be reproduced.
    public static func canonicalForm(of line: [UInt8]) -> [UInt8]? {
        guard let value = try? parse(line) else { return nil }
        return try? serialize(value)
    }

    indirect enum Value {
        case object([(String, Value)])
        case array([Value])
        case string(String)
        case number(String)
        case literal(String)
    }

    struct Unreproducible: Error {
        var reason: String
    }

    struct Malformed: Error {}

    /// Parses one JSON document, keeping number text; duplicate keys keep the last value, as
    /// Python's `json.loads` does.
    static func parse(_ bytes: [UInt8]) throws -> Value {
        var parser = Parser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw Malformed() }
        if let reason = parser.unreproducible { throw Unreproducible(reason: reason) }
        return value
    }

    static func serialize(_ value: Value) throws -> [UInt8] {
        var out: [UInt8] = []
        try write(value, into: &out)
        return out
    }

    private static func write(_ value: Value, into out: inout [UInt8]) throws {
        switch value {
        case .literal(let text): out += Array(text.utf8)
        case .number(let text):
            guard isPythonNumber(text) else {
                throw Unreproducible(reason: "number \(text) is not as Python writes it")
            }
            out += Array(text.utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                try write(item, into: &out)
            }
            out.append(0x5D)
        case .object(let entries):
            // Python sorts str keys by code point.
            let sorted = entries.sorted { a, b in
                a.0.unicodeScalars.lexicographicallyPrecedes(b.0.unicodeScalars) { $0.value < $1.value }
            }
            out.append(0x7B)
            for (i, entry) in sorted.enumerated() {
                if i > 0 { out.append(0x2C) }
                writeString(entry.0, into: &out)
                out.append(0x3A)
                try write(entry.1, into: &out)
            }
            out.append(0x7D)
        }
    }

    /// `ensure_ascii`: printable ASCII as is, `"` and `\` escaped, the usual short escapes, and
    /// everything else as `\uXXXX` (lower-case hex, surrogate pairs above the BMP).
    private static func writeString(_ s: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        func u(_ unit: UInt32) {
            out += [0x5C, 0x75]
            for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((unit >> UInt32(shift)) & 0xF)]) }
        }
        out.append(0x22)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0x20...0x7E: out.append(UInt8(v))
            case 0x10000...:
                let w = v - 0x10000
                u(0xD800 + (w >> 10))
                u(0xDC00 + (w & 0x3FF))
            default: u(v)
            }
        }
        out.append(0x22)
    }

    /// Integers as `int.__repr__` writes them, and floats as `float.__repr__` does: shortest
    /// digits, at least one digit after a point, exponents as `e-05`/`e+16`; NaN and infinities
    /// as Python spells them.
    static func isPythonNumber(_ text: String) -> Bool {
        if ["NaN", "Infinity", "-Infinity"].contains(text) { return true }
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        let exponentParts = body.split(separator: "e", omittingEmptySubsequences: false)
        guard exponentParts.count <= 2, !body.contains("E") else { return false }
        let mantissa = exponentParts[0]
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        let point = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard point.count <= 2, digits(point[0]), point[0] == "0" || !point[0].hasPrefix("0") else { return false }
        if point.count == 2 {
            guard digits(point[1]) else { return false }
            // repr never pads: a trailing zero only in "x.0".
            if point[1].count > 1 && point[1].hasSuffix("0") { return false }
        }
        if exponentParts.count == 2 {
            let exponent = exponentParts[1]
            guard exponent.hasPrefix("+") || exponent.hasPrefix("-") else { return false }
            let e = exponent.dropFirst()
            guard digits(e), e.count >= 2, e.count == 2 || !e.hasPrefix("0") else { return false }
            guard point[0].count == 1 else { return false }
        }
        return true
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var unreproducible: String?

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < 200 else { throw Malformed() }
            skipSpace()
            guard index < bytes.count else { throw Malformed() }
            switch bytes[index] {
            case 0x7B:
                index += 1
                var entries: [(String, Value)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == 0x7D {
                    index += 1
                    return .object(entries)
                }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == 0x22 else { throw Malformed() }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == 0x3A else { throw Malformed() }
                    index += 1
                    let item = try value(depth: depth + 1)
                    if let existing = entries.firstIndex(where: { $0.0 == key }) {
                        entries[existing].1 = item
                    } else {
                        entries.append((key, item))
                    }
                    skipSpace()
                    guard index < bytes.count else { throw Malformed() }
                    if bytes[index] == 0x2C {
                        index += 1
                        continue
                    }
                    guard bytes[index] == 0x7D else { throw Malformed() }
                    index += 1
                    return .object(entries)
                }
            case 0x5B:
                index += 1
                var items: [Value] = []
                skipSpace()
                if index < bytes.count, bytes[index] == 0x5D {
                    index += 1
                    return .array(items)
                }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw Malformed() }
                    if bytes[index] == 0x2C {
                        index += 1
                        continue
                    }
                    guard bytes[index] == 0x5D else { throw Malformed() }
                    index += 1
                    return .array(items)
                }
            case 0x22:
                return .string(try string())
            default:
                for word in ["true", "false", "null", "NaN", "Infinity", "-Infinity"] {
                    let w = Array(word.utf8)
                    if index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w {
                        index += w.count
                        return word.first!.isLetter && word != "NaN" && word != "Infinity"
                            ? .literal(word) : .number(word)
                    }
                }
                let start = index
                while index < bytes.count,
                    (0x30...0x39).contains(bytes[index]) || [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains(bytes[index])
                {
                    index += 1
                }
                guard index > start else { throw Malformed() }
                return .number(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        mutating func string() throws -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                if !raw.isEmpty {
                    scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                    if !String(decoding: raw, as: UTF8.self).utf8.elementsEqual(raw) {
                        unreproducible = unreproducible ?? "a string is not valid UTF-8"
                    }
                    raw.removeAll()
                }
            }
            while index < bytes.count {
                let c = bytes[index]
                if c == 0x22 {
                    index += 1
                    flush()
                    return String(scalars)
                }
                if c == 0x5C {
                    flush()
                    guard index + 1 < bytes.count else { throw Malformed() }
                    let e = bytes[index + 1]
                    index += 2
                    switch e {
                    case 0x22: scalars.append("\"")
                    case 0x5C: scalars.append("\\")
                    case 0x2F: scalars.append("/")
                    case 0x62: scalars.append("\u{08}")
                    case 0x66: scalars.append("\u{0C}")
                    case 0x6E: scalars.append("\n")
                    case 0x72: scalars.append("\r")
                    case 0x74: scalars.append("\t")
                    case 0x75:
                        var unit = try hex4()
                        if (0xD800...0xDBFF).contains(unit), index + 1 < bytes.count, bytes[index] == 0x5C,
                            bytes[index + 1] == 0x75
                        {
                            index += 2
                            let low = try hex4()
                            if (0xDC00...0xDFFF).contains(low) {
                                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                unreproducible = unreproducible ?? "a string holds a lone surrogate"
                            }
                        }
                        if let scalar = Unicode.Scalar(unit) {
                            scalars.append(scalar)
                        } else {
                            unreproducible = unreproducible ?? "a string holds a lone surrogate"
                        }
                    default: throw Malformed()
                    }
                    continue
                }
                raw.append(c)
                index += 1
            }
            throw Malformed()
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw Malformed() }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[index]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                default: throw Malformed()
                }
                v = v << 4 | d
                index += 1
            }
            return v
        }
    }
}
