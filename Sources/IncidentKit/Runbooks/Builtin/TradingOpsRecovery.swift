extension BuiltinRunbooks {
    /// The Operations Runbook's recovery decision tree, after its first-five-minutes triage.
    static let tradingOpsRecovery = """
        id: trading-ops-recovery
        title: Triage and recovery decision tree (Operations Runbook)
        source: Operations Runbook, "First 5 Minutes" and "Recovery Decision Tree"
        applies_to: [critical, warning]
        description: The first three steps are the runbook's first five minutes of triage.
        steps:
          - id: kill-switch
            title: Confirm kill switch state from gateway stats
            budget: 1m
            instructions: [Check halt_reason and trading_halted_until in gateway/stats.json (the header banner shows them).]
          - id: inspect
            title: Open latest run artifact directory and inspect
            budget: 2m
            checklist: [last SLO breach, incident acknowledgment status (incident_events.jsonl), latest reconciliation snapshots, latest data quality snapshot]
          - id: classify
            title: Classify incident
            budget: 2m
            instructions: [Keep entries halted until root cause is identified.]
            choices:
              - {label: "data_quality: stale/missing/corrupt bars", goto: data-quality}
              - {label: "reconciliation: order/position drift", goto: reconciliation}
              - {label: "broker/connectivity: API/websocket failures", goto: broker}
          - id: data-quality
            title: Data quality breach
            checklist: [refresh data source connectivity, validate latest 30 daily bars for all active symbols, resume entries only after zero critical quality breaches for one full cycle]
            next: done
          - id: reconciliation
            title: Reconciliation breach
            checklist: [inspect mismatched order IDs and broker status, confirm lifecycle transitions recovered, require two consecutive clean reconciliation cycles before resuming]
            next: done
          - id: broker
            title: Broker failure
            checklist: [verify API and websocket health, restart broker session and rerun reconciliation]
          - id: done
            title: Acknowledge with notes and mitigation status
            commands: ["python scripts/incident_ack.py --run-id <run_id> --incident-id <id> --ack-by <oncall>"]
            instructions: [Keep notes concise and include mitigation status in --notes.]
        """

    /// The weekly disaster-recovery drill, with its RTO target.
    static let tradingOpsDrill = """
        id: trading-ops-dr-drill
        title: Disaster recovery drill (Operations Runbook, weekly)
        source: Operations Runbook, "Disaster Recovery Drill (Weekly)"
        description: "Target RTO <= 15 minutes; the step budgets are Sitrep's split of it."
        target: 15m
        steps:
          - id: chaos
            title: Run deterministic operational chaos drills and attach output
            budget: 3m
            commands: ["python scripts/chaos_drill.py --output results/chaos_drill_latest.json"]
          - id: stop
            title: Stop trading process gracefully
            budget: 2m
            instructions: [Stop the trading process gracefully; note the time for the recovery timings.]
          - id: restart
            title: Restart process and confirm
            budget: 5m
            checklist: [runtime state restored, reconciliation loops restart, SLO monitor resumes event emission]
          - id: timings
            title: Record recovery timing
            budget: 5m
            checklist: [detection time, restart complete time, first clean reconciliation time]
            instructions: ["Target: RTO <= 15 minutes; data-loss tolerance (RPO) <= 1 minute of runtime state."]
        """
}
