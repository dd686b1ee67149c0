/// The names artifact writers use for the same field. A policy's `fields:` adds its own in
/// front of these.
public struct FieldNames: Sendable {
    public static let builtIn: [String: [String]] = [
        "node_id": ["node_id", "node", "id", "name", "hostname"],
        "health": ["health", "status", "state"],
        "last_heartbeat": ["last_heartbeat", "heartbeat_at", "last_seen", "updated_at", "ts", "timestamp"],
        "uptime_ratio": ["uptime_ratio", "uptime_ratio_24h", "uptime"],
        "last_cycle_ok": ["last_cycle_ok", "cycle_ok"],
        "failing_smoke_step": [
            "failing_smoke_step", "failed_smoke_step", "smoke_failed_step", "failing_step", "failed_step",
        ],
        "reconciliation_status": ["status", "result", "outcome"],
        "reconciliation_ok": ["ok", "matched", "passed", "reconciled", "clean"],
        "mismatch_count": ["mismatch_count", "mismatches", "mismatched", "mismatch", "drift_count"],
        "mismatched_ids": ["mismatched_order_ids", "mismatched_ids", "order_ids", "symbols"],
        "slo": ["slo", "slo_name", "name", "metric"],
        "value": ["value", "observed", "actual", "current"],
        "target": ["target", "threshold", "objective", "limit"],
        "breached": ["breached", "breach", "violated"],
        "severity": ["severity", "level", "priority"],
        "quality_errors": ["errors", "error_count", "quality_errors", "critical_errors"],
        "stale_warnings": ["stale_warnings", "stale_count", "stale", "stale_warning_count"],
        "halt_reason": ["halt_reason", "reason"],
        "halted_until": ["trading_halted_until", "halted_until"],
        "kill_switch": ["kill_switch", "kill_switch_active", "kill_switch_engaged", "trading_halted", "halted"],
        "event_type": ["event_type", "type", "event"],
        "ts": ["ts", "timestamp", "time", "at", "created_at"],
    ]

    private let table: [String: [String]]

    public init(policyAliases: [String: [String]] = [:]) {
        var table = FieldNames.builtIn
        for (key, names) in policyAliases { table[key] = names + (table[key] ?? [key]) }
        self.table = table
    }

    public func names(_ canonical: String) -> [String] { table[canonical] ?? [canonical] }

    public func value(_ canonical: String, in object: JSONObject) -> JSONValue? {
        object.first(names(canonical))
    }

    /// The field name that matched, for evidence.
    public func matchedName(_ canonical: String, in object: JSONObject) -> String? {
        names(canonical).first { object[$0].map { !$0.isNull } ?? false }
    }
}
