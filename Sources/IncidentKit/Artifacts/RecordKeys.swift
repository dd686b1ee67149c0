/// Which top-level fields each kind of followed file needs, so the scanner can skip the rest.
/// Journals keep every field (events are written back, reported and de-duplicated by content).
/// A summary that starts reading a new field must name it here; `ArtifactStoreScanTests`
/// compares every fixture root read this way with one read keeping all fields.
struct RecordKeys {
    let reconciliation: JSONKeySet?
    let slo: JSONKeySet?
    let dataQuality: JSONKeySet?
    let audit: JSONKeySet?

    init(fieldNames: FieldNames, keepAll: Bool) {
        func set(_ canonical: [String], _ literal: [String]) -> JSONKeySet? {
            keepAll ? nil : JSONKeySet(canonical.flatMap(fieldNames.names) + literal)
        }
        reconciliation = set(
            ["reconciliation_status", "reconciliation_ok", "mismatch_count", "mismatched_ids", "ts"], [])
        slo = set(
            ["event_type", "slo", "breached", "value", "target", "severity", "ts"],
            ["status", "message", "detail", "details", "description"])
        dataQuality = set(["quality_errors", "stale_warnings", "ts"], [])
        audit = set(["event_type", "ts"], ["message", "detail", "reason", "description"])
    }

    func keys(for path: String) -> JSONKeySet? {
        if path.hasPrefix(ArtifactLayout.auditDirectory + "/") { return audit }
        switch path.split(separator: "/").last.map(String.init) ?? "" {
        case ArtifactLayout.orderReconciliation, ArtifactLayout.positionReconciliation: return reconciliation
        case ArtifactLayout.sloEvents: return slo
        case ArtifactLayout.dataQualityEvents: return dataQuality
        default: return nil
        }
    }
}
