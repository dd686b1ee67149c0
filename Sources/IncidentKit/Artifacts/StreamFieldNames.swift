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

/// The names of `StreamFieldNames` as `FieldList`s for the records of one kind of stream:
/// with the kind's `JSONKeySet` when its records are scanned into picked fields, without one
/// for whole objects.
struct StreamFields {
    let ts, eventType: FieldList
    let status, ok, mismatchCount, mismatchedIDs: FieldList
    let slo, breached, value, target, severity: FieldList
    let qualityErrors, staleWarnings: FieldList
    let streak, halt, haltReason: FieldList?
    let lastError, statusLiteral, sloMessage, auditMessage: FieldList

    static let sloMessageNames = ["message", "detail", "details", "description"]
    static let auditMessageNames = ["message", "detail", "reason", "description"]

    init(_ names: StreamFieldNames, keys: JSONKeySet?) {
        func list(_ names: [String]) -> FieldList { FieldList(names, keys: keys) }
        ts = list(names.ts)
        eventType = list(names.eventType)
        status = list(names.status)
        ok = list(names.ok)
        mismatchCount = list(names.mismatchCount)
        mismatchedIDs = list(names.mismatchedIDs)
        slo = list(names.slo)
        breached = list(names.breached)
        value = list(names.value)
        target = list(names.target)
        severity = list(names.severity)
        qualityErrors = list(names.qualityErrors)
        staleWarnings = list(names.staleWarnings)
        streak = names.streak.map { list([$0]) }
        halt = names.halt.map { list([$0]) }
        haltReason = names.haltReason.map { list([$0]) }
        lastError = list(["last_error"])
        statusLiteral = list(["status"])
        sloMessage = list(StreamFields.sloMessageNames)
        auditMessage = list(StreamFields.auditMessageNames)
    }
}
