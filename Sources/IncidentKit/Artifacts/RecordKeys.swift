/// Which top-level fields each kind of followed file needs, so the scanner can skip the rest.
/// Journals keep every field (events are written back, reported and de-duplicated by content).
/// The profile compiles into these sets once: a dotted field path keeps its first key. A
/// summary that starts reading a new field must name it here; `ArtifactStoreScanTests`
/// compares every fixture root read this way with one read keeping all fields.
struct RecordKeys {
    let reconciliation: JSONKeySet?
    let slo: JSONKeySet?
    let dataQuality: JSONKeySet?
    let audit: JSONKeySet?

    init(fieldNames: FieldNames, profile: SourceProfile, keepAll: Bool) {
        func set(_ canonical: [String], _ literal: [String]) -> JSONKeySet? {
            keepAll ? nil : JSONKeySet(canonical.flatMap { fieldNames.lookup($0).topLevelKeys } + literal)
        }
        let meaning = profile.reconciliation
        reconciliation = set(
            ["reconciliation_status", "reconciliation_ok", "mismatch_count", "mismatched_ids", "ts"],
            [meaning.streakField, meaning.haltField, meaning.haltReasonField, "last_error"].compactMap { $0 })
        slo = set(
            ["event_type", "slo", "breached", "value", "target", "severity", "ts"],
            ["status", "message", "detail", "details", "description"])
        dataQuality = set(["quality_errors", "stale_warnings", "ts"], [])
        audit = set(["event_type", "ts"], ["message", "detail", "reason", "description"])
    }

    func keys(for kind: ArtifactStore.StreamContext.Kind) -> JSONKeySet? {
        switch kind {
        case .audit: return audit
        case .orders, .positions: return reconciliation
        case .slo: return slo
        case .dataQuality: return dataQuality
        case .journal, .other: return nil
        }
    }
}
