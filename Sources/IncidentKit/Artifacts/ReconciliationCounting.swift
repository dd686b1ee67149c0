import Foundation

extension ReconciliationSummary {
    /// Counts one reconciliation record into the running summary.
    mutating func count(mismatch: Bool, at: Date?, line: Int, ids: [String]) {
        total += 1
        lastAt = at ?? lastAt
        if mismatch {
            if streak == 0 { streakStartedAt = at }
            streak += 1
            cleanSinceMismatch = 0
            lastMismatchLine = line
            lastMismatchIDs = ids
        } else {
            passed += 1
            streak = 0
            streakStartedAt = nil
            cleanSinceMismatch += 1
        }
    }
}
