import Foundation

/// What a checkpoint file holds: the context it was written under and, per followed file (not
/// the journals, which are read again), where reading stopped and what had been derived from
/// the lines before that point. Decoded from a file that may be corrupt or planted, so every
/// list is bounded (`validate`) and every path must be one the store follows anyway.
struct CheckpointDocument: Codable {
    var format: Int
    var context: String
    var root: String
    var written: Date
    var files: [File]

    /// One followed file: which file (device, inode), how far it was read (the end of its last
    /// complete line) and how many lines that was, a digest of the bytes read (`ReadDigest`),
    /// and the summaries derived from them.
    struct File: Codable {
        var path: String
        var device: UInt64
        var inode: UInt64
        var offset: Int64
        var lineNumber: Int
        var digest: String
        var state: FileState
    }

    /// The store's state that came from this one file's lines.
    struct FileState: Codable {
        var reconciliation: ReconciliationSummary?
        var reconciliationTrend: [Double] = []
        /// By the store's key, `<run>/<slo>`.
        var slo: [String: SLOReading] = [:]
        var dataQuality: DataQualityReading?
        var dataQualityTrend: [Double] = []
        /// By the store's key, `<path>#<type>`.
        var audits: [String: AuditSummary] = [:]
        var warnings: [ArtifactWarning] = []
    }

    /// Bounds on what is believed from a file: more than any store holds.
    enum Limit {
        static let bytes = 64 << 20
        static let files = 200_000
        static let entriesPerFile = 100_000
        static let pathBytes = 4096
    }

    /// Whether the decoded document stays within the bounds; a document that does not is
    /// discarded whole (it was not written by this program).
    var isWithinLimits: Bool {
        guard files.count <= Limit.files else { return false }
        var warnings = 0
        for file in files {
            let state = file.state
            warnings += state.warnings.count
            guard file.path.utf8.count <= Limit.pathBytes, file.offset >= 0, file.lineNumber >= 0,
                state.slo.count <= Limit.entriesPerFile, state.audits.count <= Limit.entriesPerFile,
                state.reconciliationTrend.count <= RecentValues.capacity,
                state.dataQualityTrend.count <= RecentValues.capacity,
                (state.reconciliation?.lastMismatchIDs.count ?? 0) <= Limit.entriesPerFile
            else { return false }
        }
        return warnings <= ArtifactStore.warningLimit
    }
}
