/// The synonyms of each field the event-stream summaries read, looked up once, so reading a
/// line does not hash the canonical names again for every field.
struct StreamFieldNames {
    let ts, eventType: [String]
    let status, ok, mismatchCount, mismatchedIDs: [String]
    let slo, breached, value, target, severity: [String]
    let qualityErrors, staleWarnings: [String]

    init(_ names: FieldNames) {
        ts = names.names("ts")
        eventType = names.names("event_type")
        status = names.names("reconciliation_status")
        ok = names.names("reconciliation_ok")
        mismatchCount = names.names("mismatch_count")
        mismatchedIDs = names.names("mismatched_ids")
        slo = names.names("slo")
        breached = names.names("breached")
        value = names.names("value")
        target = names.names("target")
        severity = names.names("severity")
        qualityErrors = names.names("quality_errors")
        staleWarnings = names.names("stale_warnings")
    }
}
