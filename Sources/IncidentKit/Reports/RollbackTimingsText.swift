import Foundation

extension RollbackTimings {
    /// Whole seconds, rounded, in the short span format ("4m12s").
    public static func span(_ seconds: TimeInterval) -> String {
        SpanFormat.short(CheckedNumber.int(clamping: seconds.rounded()))
    }

    /// "met, 48s under runbook target 5m00s" / "missed, 1m10s over recovery objective 15m00s".
    public static func verdict(_ comparison: Comparison) -> String {
        let margin = span(abs(comparison.marginSeconds))
        let limit = "\(comparison.limit.rawValue) \(SpanFormat.short(comparison.limitSeconds))"
        return comparison.met ? "met, \(margin) under \(limit)" : "missed, \(margin) over \(limit)"
    }

    /// One line for a timing: "Time to complete: 4m12s (met, 48s under runbook target 5m00s)",
    /// or why it is not recorded.
    public static func line(_ timing: Timing) -> String {
        guard let seconds = timing.seconds else {
            return "\(timing.kind.label): not recorded (\(timing.missing ?? "no data"))"
        }
        let verdicts = timing.comparisons.map(verdict)
        return "\(timing.kind.label): \(span(seconds))"
            + (verdicts.isEmpty ? "" : " (\(verdicts.joined(separator: "; ")))")
    }
}
