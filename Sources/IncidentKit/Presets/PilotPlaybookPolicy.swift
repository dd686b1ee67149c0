extension BuiltinPolicies {
    /// The Pilot Operations Playbook: SEV-1..3 with acknowledge / mitigate / update SLAs and its
    /// three-step escalation path.
    static let pilotPlaybook = """
        name: pilot-playbook
        description: Pilot Operations Playbook (Phase 5) — SEV-1..3 response SLAs and escalation path
        source: Pilot Operations Playbook
        # The playbook names no time zone or business hours; SEV-3's "2 business days" uses
        # Monday to Friday, 09:00-17:00 UTC.
        timezone: UTC
        # The layout and field names of the project this runbook comes from (a superset of Sitrep's own).
        profile: openmeshmind
        business_hours: {days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00", holidays: []}
        severities:
          - id: SEV-1
            aliases: [sev1, "pilot:sev1"]
            label: Pilot unavailable
            description: Pilot unavailable or severe data integrity risk
            critical: true
            timers:
              - {name: ack, within: 15m, label: Acknowledge}
              - {name: mitigate, within: 60m, label: Initial mitigation}
              - {name: update, every: 60m, label: Public status update}
          - id: SEV-2
            aliases: [sev2, "pilot:sev2"]
            label: Degraded
            description: Degraded service, partial node failures, recurring validation failures
            timers:
              - {name: ack, within: 4h, label: Acknowledge}
              - {name: mitigate, within: 24h, label: Mitigation plan}
          - id: SEV-3
            aliases: [sev3, "pilot:sev3"]
            label: Non-blocking
            description: Non-blocking defects, documentation/process gaps (scheduled fix in the next weekly planning cycle)
            timers:
              - {name: ack, within: 2d, clock: business, label: Acknowledge}
        escalation:
          levels:
            - level: 1
              name: Primary maintainer
              contacts: ["@albot-dev"]
              criteria: ["Incident commander: maintainer on duty (default @albot-dev)"]
            - level: 2
              name: Active contributors
              contacts: [active contributors listed in the weekly pilot status report]
              criteria: [the primary maintainer needs help]
            - level: 3
              name: Community triage call
              contacts: [broad community call for triage support]
              criteria: [SEV-1 remains unresolved after 60 minutes]
          rules:
            - {severity: SEV-1, unresolved_for: 60m, to: 3}
        detectors:
          - {kind: node_unhealthy, severity: SEV-2}
          - {kind: heartbeat_stale, after: 10m, severity: SEV-2}
          - {kind: uptime_ratio, below: 0.90, severity: SEV-2}
          - {kind: smoke_step_failing, at_least: 2, severity: SEV-2}
          - {kind: pilot_readiness, require: [last_cycle_ok, step_count, uptime_ratio_24h, status_collected], severity: SEV-2}
        """
}
