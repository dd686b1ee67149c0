extension BuiltinPolicies {
    /// The Incident Runbook (Phase 6): SEV0..3 response times, business hours for SEV2/SEV3, and
    /// the L1..L4 ladder with its time-based criteria.
    static let incidentRunbook = """
        name: incident-runbook
        description: Incident Runbook (Phase 6) — SEV0..3 response times, L1..L4 escalation
        source: Incident Runbook
        # The runbook says "business hours" without defining them: Monday to Friday,
        # 09:00-17:00 Europe/Berlin.
        timezone: Europe/Berlin
        business_hours: {days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00", holidays: []}
        severities:
          - id: SEV0
            aliases: [sev-0, critical]
            label: Critical (Funds/Ledger)
            description: Funds incorrect / double release, ledger inconsistency, data integrity issues
            critical: true
            timers:
              - {name: respond, within: 15m, until: acknowledged, label: "Response (immediate, < 15 minutes)"}
          - id: SEV1
            aliases: [sev-1, high]
            label: High (Blocking Operations)
            description: Disputes stuck, timers not visible, admin cannot resolve disputes, deal state transitions blocked
            timers:
              - {name: respond, within: 1h, until: acknowledged, label: Response (< 1 hour)}
          - id: SEV2
            aliases: [sev-2, medium]
            label: Medium (UX/Performance)
            description: Non-blocking UX bugs, translation issues, slow pages, minor display errors
            timers:
              - {name: respond, within: 4h, clock: business, until: acknowledged, label: Response (< 4 business hours)}
          - id: SEV3
            aliases: [sev-3, low]
            label: Low (Cosmetics)
            description: Minor UI cosmetics, typos, styling issues
            timers:
              - {name: respond, within: 1d, clock: business, until: acknowledged, label: Response (next business day)}
        escalation:
          levels:
            - level: 1
              name: Operator
              contacts: [operator on duty]
              criteria: [Initial incident assessment, immediate actions, documentation]
            - level: 2
              name: On-call engineer
              contacts: [on-call engineer]
              criteria: ["SEV0 or SEV1 the operator cannot resolve within 15 minutes (SEV0) or 1 hour (SEV1)"]
            - level: 3
              name: Pilot coordinator
              contacts: [pilot coordinator]
              criteria: [Fix requires core code changes, system unavailability > 1 hour, data integrity concerns, pilot must be paused, legal/compliance concerns]
            - level: 4
              name: Decision owner
              contacts: [decision owner]
              criteria: [Pilot cancellation consideration, major policy changes, resource constraints]
          rules:
            - {severity: SEV0, unresolved_for: 15m, to: 2}
            - {severity: SEV1, unresolved_for: 1h, to: 2}
            # "System unavailability > 1 hour" and "data integrity concerns" take a SEV0 to L3.
            - {severity: SEV0, unresolved_for: 1h, to: 3}
        detectors:
          - {kind: reconciliation_mismatch_streak, at_least: 3, severity: SEV1}
          - {kind: uptime_ratio, below: 0.90, severity: SEV2}
          - {kind: node_unhealthy, severity: SEV2}
          - {kind: heartbeat_stale, after: 10m, severity: SEV2}
        """
}
