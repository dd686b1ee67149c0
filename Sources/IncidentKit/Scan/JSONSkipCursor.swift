/// Walks JSON text without building values, checking the same grammar as `JSONParser`:
/// string escapes and control characters, number syntax, literals, nesting depth.
struct JSONSkipCursor {
    let base: UnsafePointer<UInt8>
    let count: Int
    var index = 0

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    var peek: UInt8? { index < count ? base[index] : nil }

    func fail(_ reason: String) -> JSONParser.Failure { JSONParser.Failure(offset: index, reason: reason) }

    mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func expectEnd() throws(JSONParser.Failure) {
        skipWhitespace()
        guard index == count else { throw fail("unexpected data after the value") }
    }

    mutating func skipValue(depth: Int) throws(JSONParser.Failure) {
        guard depth < JSONParser.maxDepth else { throw fail("nesting too deep") }
        guard let byte = peek else { throw fail("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): try skipContainer(close: UInt8(ascii: "}"), keyed: true, depth: depth)
        case UInt8(ascii: "["): try skipContainer(close: UInt8(ascii: "]"), keyed: false, depth: depth)
        case UInt8(ascii: "\""): _ = try skipString()
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw fail("unexpected character")
        }
    }

    private mutating func skipContainer(close: UInt8, keyed: Bool, depth: Int) throws(JSONParser.Failure) {
        index += 1
        skipWhitespace()
        if peek == close {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            if keyed {
                guard peek == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                _ = try skipString()
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { throw fail("expected ':'") }
                index += 1
                skipWhitespace()
            }
            try skipValue(depth: depth + 1)
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case close:
                index += 1
                return
            default: throw fail(keyed ? "expected ',' or '}'" : "expected ',' or ']'")
            }
        }
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(JSONParser.Failure) {
        let length = literal.utf8CodeUnitCount
        guard index + length <= count else { throw fail("truncated literal") }
        let start = literal.utf8Start
        for i in 0..<length where base[index + i] != start[i] { throw fail("invalid literal") }
        index += length
    }

    private mutating func skipDigits() {
        while index < count, base[index] &- 0x30 < 10 { index += 1 }
    }

    private mutating func skipNumber() throws(JSONParser.Failure) {
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, first &- 0x30 < 10 else { throw fail("invalid number") }
        index += 1
        if first != 0x30 { skipDigits() }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let c = peek, c &- 0x30 < 10 else { throw fail("invalid fraction") }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let c = peek, c &- 0x30 < 10 else { throw fail("invalid exponent") }
            skipDigits()
        }
    }

    /// Skips a string starting at its opening quote; true when it held no escape. Runs of
    /// ordinary bytes are passed eight at a time.
    mutating func skipString() throws(JSONParser.Failure) -> Bool {
        index += 1
        var plain = true
        while true {
            while index &+ 8 <= count {
                let special = JSONSkipCursor.specialBytes(
                    UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)))
                if special != 0 {
                    index &+= special.trailingZeroBitCount >> 3
                    break
                }
                index &+= 8
            }
            guard index < count else { break }
            let c = base[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                return plain
            }
            if c < 0x20 { throw fail("control character in string") }
            index += 1
            guard c == UInt8(ascii: "\\") else { continue }
            plain = false
            guard index < count else { break }
            switch base[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 1
            case UInt8(ascii: "u"):
                index += 1
                guard index + 4 <= count else { throw fail("truncated \\u escape") }
                for _ in 0..<4 {
                    guard JSONSkipCursor.isHexDigit(base[index]) else { throw fail("invalid \\u escape") }
                    index += 1
                }
            default: throw fail("invalid escape")
            }
        }
        throw fail("unterminated string")
    }

    /// The high bit of each byte of `word` (little-endian) that ends a run of ordinary string
    /// bytes (`"`, `\`, a control character), and of none before the first such: a borrow
    /// can only mark bytes above a real one, so the lowest bit set is always exact.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl) & high
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 6
    }
}
