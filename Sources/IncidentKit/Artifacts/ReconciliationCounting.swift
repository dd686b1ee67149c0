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

    /// Counts one snapshot of a writer that keeps its own streak of mismatching runs.
    mutating func count(streak newStreak: Int, at: Date?, line: Int, ids: [String]) {
        total += 1
        lastAt = at ?? lastAt
        if newStreak > 0 {
            if streak == 0 || newStreak < streak { streakStartedAt = at }
            cleanSinceMismatch = 0
            lastMismatchLine = line
            lastMismatchIDs = ids
        } else {
            passed += 1
            streakStartedAt = nil
            cleanSinceMismatch += 1
        }
        streak = newStreak
    }

    /// A run whose fetch failed: nothing was compared (the writer resets its streak).
    mutating func countFetchFailure(at: Date?, line: Int, error: String?) {
        fetchFailures += 1
        lastAt = at ?? lastAt
        lastError = error
        streak = 0
        streakStartedAt = nil
    }
}
