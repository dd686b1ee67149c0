/// The detectors a policy can switch on. Each reads one kind of artifact.
public enum DetectorKind: String, Sendable, CaseIterable {
    /// A node reports a health other than ok.
    case nodeUnhealthy = "node_unhealthy"
    /// A node's last heartbeat is older than `after` (default 5m).
    case heartbeatStale = "heartbeat_stale"
    /// A node's (or the pilot's) uptime ratio is `below` a threshold.
    case uptimeRatio = "uptime_ratio"
    /// The same smoke step fails on `at_least` nodes (default 2).
    case smokeStepFailing = "smoke_step_failing"
    /// `pilot_metrics.json` misses or falsifies a `require`d field.
    case pilotReadiness = "pilot_readiness"
    /// Consecutive reconciliation mismatches (orders or positions) `at_least` N.
    case reconciliationMismatchStreak = "reconciliation_mismatch_streak"
    /// Reconciliation pass rate `below` a target (0.995 or 99.5%).
    case reconciliationPassRate = "reconciliation_pass_rate"
    /// Data quality errors in the latest cycle `above` N (default 0).
    case dataQualityErrors = "data_quality_errors"
    /// Stale-data warnings in the latest cycle `above` N (default 0).
    case dataStale = "data_stale"
    /// Operational error rate `above` a target.
    case errorRate = "error_rate"
    /// The gateway reports a kill switch or trading halt.
    case killSwitch = "kill_switch"
    /// An `ops_slo_events` record reports a breach.
    case sloBreach = "slo_breach"
    /// An audit log event of one of the named `events` types.
    case auditEvent = "audit_event"
    /// A broken link in an audit log's hash chain (the profile's `audit_chain` files).
    case auditChain = "audit_chain"

    var needsThreshold: Bool {
        switch self {
        case .uptimeRatio, .reconciliationMismatchStreak, .reconciliationPassRate, .errorRate: return true
        default: return false
        }
    }

    var thresholdWord: String {
        switch self {
        case .uptimeRatio, .reconciliationPassRate: return "below"
        case .reconciliationMismatchStreak, .smokeStepFailing: return "at_least"
        default: return "above"
        }
    }
}
