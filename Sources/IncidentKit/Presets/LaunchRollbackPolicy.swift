extension BuiltinPolicies {
    /// RB-LAUNCH-002, Rollback to Pilot Scope: P1..P4, immediate rollback for P1, rollback after a
    /// 30-minute triage window for P2, the L1..L4 path and the rollback targets.
    static let launchRollback = """
        name: launch-rollback
        description: RB-LAUNCH-002 Rollback to Pilot Scope — P1..P4, 30-minute P2 triage window, L1..L4
        source: "Runbook: Rollback to Pilot Scope (RB-LAUNCH-002)"
        timezone: UTC
        # Phase 6/7 target: total resolution < 30 minutes.
        recovery_objective: 30m
        severities:
          - id: P1
            aliases: [critical]
            label: Immediate rollback
            description: Crash loop > 15 min, TaskDB corruption, security breach, cost runaway, > 10 repos failing
            critical: true
            timers:
              - {name: mitigate, within: 10m, label: Rollback execution (< 10 minutes)}
              - {name: resolve, within: 30m, label: Total resolution (< 30 minutes)}
          - id: P2
            aliases: [major]
            label: Rollback after 30-min triage
            description: Persistent quality degradation, sustained SLO violations, quota exhaustion, cascading failures
            timers:
              - {name: triage, within: 30m, until: mitigated, label: 30-minute triage window}
          - id: P3
            label: No rollback
            description: Non-critical; isolate instead of rolling back
          - id: P4
            label: No rollback
            description: Non-critical; isolate instead of rolling back
        escalation:
          levels:
            - level: 1
              name: SRE on-call
              contacts: ["@sre-oncall", sre-oncall@company.com]
              criteria: [Initiate rollback, notify stakeholders]
            - level: 2
              name: Incident commander
              contacts: ["@sre-lead", "@eng-tl (backup)"]
              criteria: [Coordinate response, RCA]
            - level: 3
              name: Engineering TL
              contacts: ["@eng-tl", "@senior-eng (backup)"]
              criteria: [Fix implementation, staging verification, restart or pilot repo failure]
            - level: 4
              name: VP Engineering
              contacts: [VP Engineering]
              criteria: [Executive communication if outage > 1 hour]
          rules:
            - {severity: [P1, P2], unresolved_for: 1h, to: 4}
        detectors:
          - {kind: slo_breach, severity: P2}
          - {kind: error_rate, above: 0.05, severity: P2}
        """
}
