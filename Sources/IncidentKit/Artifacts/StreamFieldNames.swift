/// The synonyms of each field the event-stream summaries read, looked up once, so reading a
/// line does not hash the canonical names again for every field. Stream records are flat, so
/// only top-level names are kept here.
struct StreamFieldNames {
    let ts, eventType: [String]
    let status, ok, mismatchCount, mismatchedIDs: [String]
    let slo, breached, value, target, severity: [String]
    let qualityErrors, staleWarnings: [String]
    /// The profile's meaning of reconciliation snapshots (nil when it has none).
    let streak, halt, haltReason: String?
    let fetchFailed: Set<String>

    init(_ names: FieldNames, profile: SourceProfile) {
        func flat(_ canonical: String) -> [String] { names.names(canonical).filter { !$0.contains(".") } }
        ts = flat("ts")
        eventType = flat("event_type")
        status = flat("reconciliation_status")
        ok = flat("reconciliation_ok")
        mismatchCount = flat("mismatch_count")
        mismatchedIDs = flat("mismatched_ids")
        slo = flat("slo")
        breached = flat("breached")
        value = flat("value")
        target = flat("target")
        severity = flat("severity")
        qualityErrors = flat("quality_errors")
        staleWarnings = flat("stale_warnings")
        streak = profile.reconciliation.streakField
        halt = profile.reconciliation.haltField
        haltReason = profile.reconciliation.haltReasonField
        fetchFailed = Set(profile.reconciliation.fetchFailedStatuses.map { $0.lowercased() })
    }
}
