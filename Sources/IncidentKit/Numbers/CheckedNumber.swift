import Foundation

/// The one way a floating-point number becomes an integer or a span of time. Swift traps on
/// `Int(1e22)`, and numbers come from files anyone on the host may write (`ts: 1e22`,
/// `elapsed_s: 1e300`), so every such conversion goes through here: a number out of range is
/// nil (the caller warns with path and line) or, where only a display is at stake, clamped.
public enum CheckedNumber {
    /// 2^53: beyond it a Double no longer holds every integer, and sums of a few such values
    /// still fit in an Int.
    public static let integerLimit: Double = 9_007_199_254_740_992

    /// The longest span of seconds a file may state (`elapsed_s`, `total_s`): 100 years.
    public static let maxSpanSeconds: Double = 100 * 366 * 86400

    /// The integer value of a finite number within ±2^53 (rounded toward zero), else nil.
    public static func int(_ value: Double) -> Int? {
        guard value.isFinite, abs(value) <= integerLimit else { return nil }
        return Int(value)
    }

    /// For display and arithmetic only: NaN is 0 and anything beyond ±2^53 is clamped.
    public static func int(clamping value: Double) -> Int {
        if value.isNaN { return 0 }
        return Int(min(max(value, -integerLimit), integerLimit))
    }

    /// A span in seconds read from a file: finite, not negative, at most `maxSpanSeconds`.
    public static func span(_ value: Double?) -> Double? {
        guard let value, value.isFinite, value >= 0, value <= maxSpanSeconds else { return nil }
        return value
    }

    /// Whole seconds between two dates, clamped (dates from files can be far apart).
    public static func seconds(from start: Date, to end: Date) -> Int {
        int(clamping: end.timeIntervalSince(start))
    }
}
