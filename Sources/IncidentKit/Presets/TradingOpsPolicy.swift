extension BuiltinPolicies {
    /// The Operations Runbook for paper/live trading: critical / warning, the 15-minute
    /// acknowledgment SLA for critical incidents, and its operational SLOs as detectors.
    static let tradingOps = """
        name: trading-ops
        description: Operations Runbook (paper/live trading) — critical/warning, 15-minute ack SLA, SLO detectors
        source: Operations Runbook
        timezone: UTC
        # The layout and field names of the project this runbook comes from (a superset of Sitrep's own).
        profile: trading-bot
        # Disaster recovery target: RTO <= 15 minutes.
        recovery_objective: 15m
        severities:
          - id: critical
            aliases: [crit, page]
            label: Critical
            critical: true
            timers:
              - {name: ack, within: 15m, label: Critical incident acknowledgment SLA (<= 15 minutes)}
          - id: warning
            aliases: [warn]
            label: Warning
        escalation:
          levels:
            - level: 1
              name: On-call
              contacts: [on-call operator]
              criteria: [Triage in the first 5 minutes, acknowledge with incident_ack.py]
            - level: 2
              name: External paging
              contacts: [SLO_PAGING_WEBHOOK_URL]
              criteria: [Critical incident unacknowledged past the 15-minute SLA]
          rules:
            - {severity: critical, unacked_for: 15m, to: 2}
        detectors:
          - {kind: reconciliation_mismatch_streak, at_least: 3, severity: critical}
          - {kind: data_quality_errors, above: 0, severity: critical}
          - {kind: data_stale, above: 0, severity: warning}
          - {kind: reconciliation_pass_rate, below: 99.5%, severity: warning}
          - {kind: error_rate, above: 2.0%, severity: warning}
          - {kind: kill_switch, severity: critical}
          - {kind: slo_breach, severity: warning}
          - {kind: audit_event, events: [risk_limit_breach], severity: critical}
          - {kind: audit_event, events: [risk_warning], severity: warning}
          - {kind: audit_chain, severity: critical}
        """
}
