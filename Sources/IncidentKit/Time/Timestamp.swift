import Foundation

/// RFC 3339 timestamps: parsing (with `Z` or an offset, optional fraction, `T` or space) and
/// formatting in UTC. Epoch seconds are accepted where the journal format allows them.
public enum Timestamp {
    public static func parse(_ text: String) -> Date? {
        if let date = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return date }
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// Accepts an RFC 3339 string, or an epoch number in seconds, milliseconds, microseconds or
    /// nanoseconds (told apart by magnitude, see `epoch`).
    /// A time read from a file lies between 1970 and 9999; before 1970 it is a zero value
    /// (Go's `0001-01-01T00:00:00Z`) or a typo, and shows as an age of 739,000 days.
    public static func parse(_ value: JSONValue) -> Date? {
        switch value {
        case .string(let s):
            if let d = parse(s) { return (0...latest).contains(d.timeIntervalSince1970) ? d : nil }
            if let n = Double(s) { return epoch(n) }
            return nil
        case .number(let n): return epoch(n)
        default: return nil
        }
    }

    /// The latest time a file may name: 9999-12-31T23:59:59Z. Past it, a date is a typo or an
    /// attack (`ts: 1e22`), and formatting or subtracting it would leave every integer range.
    public static let latest: TimeInterval = 253_402_300_799

    /// Epoch numbers by magnitude: seconds below 1e11 (up to the year 5138), milliseconds below
    /// 1e14, microseconds below 1e17, nanoseconds below 1e20 (which is what `time.time_ns()` and
    /// Go's `UnixNano` write). Anything else, or zero and below, is not a time.
    public static func epoch(_ n: Double) -> Date? {
        guard n.isFinite, n > 0 else { return nil }
        let scale: Double
        switch n {
        case ..<1e11: scale = 1
        case ..<1e14: scale = 1e3
        case ..<1e17: scale = 1e6
        case ..<1e20: scale = 1e9
        default: return nil
        }
        let seconds = n / scale
        guard seconds <= latest else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// A record's time under a source's convention: an RFC 3339 time as above, and a naive one
    /// (no `Z`, no offset, as Python's `datetime.utcnow().isoformat()` writes) read in
    /// `naiveZone`. Epoch numbers as in `parse(_:)`.
    public static func parse(_ value: JSONValue, naiveZone: TimeZone) -> Date? {
        if let date = parse(value) { return date }
        guard case .string(var text) = value else { return nil }
        guard let wall = text.withUTF8({ parse(bytes: $0, allowNaive: true) }) else { return nil }
        let date = wall.addingTimeInterval(-TimeInterval(naiveZone.secondsFromGMT(for: wall)))
        return (0...latest).contains(date.timeIntervalSince1970) ? date : nil
    }

    static func parse(bytes b: UnsafeBufferPointer<UInt8>, allowNaive: Bool = false) -> Date? {
        if let date = parseUTCSeconds(b) { return date }
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var v = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += count
            return v
        }
        func take(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), take(0x2D), let month = digits(2), take(0x2D), let day = digits(2)
        else { return nil }
        guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 0x20
        else { return nil }
        i += 1
        guard let hour = digits(2), take(0x3A), let minute = digits(2), take(0x3A), let second = digits(2)
        else { return nil }
        var fraction = 0.0
        if take(0x2E) {
            var scale = 0.1
            var any = false
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
                any = true
            }
            guard any else { return nil }
        }
        var offset = 0
        if i == b.count, allowNaive {
            // Naive: read as UTC here; the caller shifts it into its zone.
        } else if i >= b.count {
            return nil
        } else if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = digits(2), take(0x3A), let om = digits(2) else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second <= 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// `2025-11-21T10:00:00Z`, the form nearly every record carries, read at fixed places; nil
    /// for anything else (which `parse(bytes:)` reads the long way, with the same checks).
    @inline(__always)
    private static func parseUTCSeconds(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 20, let p = b.baseAddress else { return nil }
        guard p[4] == 0x2D, p[7] == 0x2D, p[10] == UInt8(ascii: "T") || p[10] == UInt8(ascii: "t") || p[10] == 0x20,
            p[13] == 0x3A, p[16] == 0x3A, p[19] == UInt8(ascii: "Z") || p[19] == UInt8(ascii: "z")
        else { return nil }
        var bad: UInt8 = 0
        func digit(_ k: Int) -> Int {
            let d = p[k] &- 0x30
            bad |= d > 9 ? 1 : 0
            return Int(d)
        }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6)
        let day = digit(8) * 10 + digit(9)
        let hour = digit(11) * 10 + digit(12)
        let minute = digit(14) * 10 + digit(15)
        let second = digit(17) * 10 + digit(18)
        guard bad == 0, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86400 + hour * 3600 + minute * 60 + second))
    }

    /// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian, UTC).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `2025-11-21T10:00:00Z` (whole seconds), the form the journal is written in.
    public static func format(_ date: Date) -> String {
        let total = CheckedNumber.int(clamping: date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86400 : (total - 86399) / 86400
        let secs = total - days * 86400
        let (y, m, d) = civilFromDays(days)
        guard (0...9999).contains(y) else {
            return String(
                format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, secs / 3600, secs % 3600 / 60, secs % 60)
        }
        // Digits written directly: `String(format:)` cost microseconds per call, and `status`
        // formats several times for each of thousands of incidents.
        var text: [UInt8] = Array("0000-00-00T00:00:00Z".utf8)
        func put(_ value: Int, at end: Int, digits: Int) {
            var value = value
            for position in stride(from: end, to: end - digits, by: -1) {
                text[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(y, at: 3, digits: 4)
        put(m, at: 6, digits: 2)
        put(d, at: 9, digits: 2)
        put(secs / 3600, at: 12, digits: 2)
        put(secs % 3600 / 60, at: 15, digits: 2)
        put(secs % 60, at: 18, digits: 2)
        return String(decoding: text, as: UTF8.self)
    }

    /// `2025-11-21` in UTC, used in incident ids.
    public static func compactDate(_ date: Date) -> String {
        let days = CheckedNumber.int(clamping: (date.timeIntervalSince1970 / 86400).rounded(.down))
        let (y, m, d) = civilFromDays(days)
        return String(format: "%04d%02d%02d", y, m, d)
    }
}
