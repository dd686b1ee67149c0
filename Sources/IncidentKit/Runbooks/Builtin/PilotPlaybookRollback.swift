extension BuiltinRunbooks {
    /// The Pilot Operations Playbook's rollback runbook, its five steps as written.
    static let pilotPlaybookRollback = """
        id: pilot-playbook-rollback
        title: Pilot rollback (Pilot Operations Playbook)
        source: Pilot Operations Playbook, "Rollback runbook"
        applies_to: [SEV-1, SEV-2]
        description: Capture state artifacts first (pilot/node_state.json, pilot/pilot_metrics.json, pilot/node_runner.log), then roll back and confirm health.
        steps:
          - id: stop-runner
            title: Stop the node runner process
            instructions: Stop the node runner before changing the checked-out release.
          - id: checkout-good
            title: Checkout last known good release tag or commit
            instructions: Check out the last release tag or commit known to be good.
          - id: rerun-checks
            title: Re-run smoke and pilot metric checks
            commands:
              - python3 scripts/smoke_check.py --include-fairness --json-out smoke_summary.json
              - python3 scripts/build_pilot_metrics.py --last-cycle-ok --step-count 1 --uptime-ratio-24h 1.0 --json-out pilot/pilot_metrics.json
              - python3 scripts/check_pilot_metrics.py pilot/pilot_metrics.json --require-status-collected
            verify: python3 scripts/check_pilot_metrics.py pilot/pilot_metrics.json --require-status-collected
          - id: restart-loop
            title: Restart node loop
            commands:
              - python3 scripts/pilot_node_runner.py --config pilot/node_config.json
          - id: confirm
            title: Confirm health and update incident issue with rollback timestamp and restored status
            instructions: Post an update (u) with the rollback timestamp and the restored status.
            checklist:
              - Node health confirmed
              - Incident updated with rollback timestamp and restored status
        """
}
