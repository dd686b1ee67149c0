/// The built-in source profiles, as YAML read by `ProfileLoader` like a team's own.
public enum BuiltinProfiles {
    /// Today's layout (DESIGN.md §2), with the field synonyms Sitrep has always accepted.
    static let sitrepText = """
        name: sitrep
        description: Sitrep's own layout (DESIGN.md §2) and the field names it has always accepted
        naive_timezone: UTC
        journal_dialect: sitrep
        files:
          node_states: [pilot/node_state.json, "nodes/*/node_state.json"]
          pilot_metrics: [pilot/pilot_metrics.json]
          runner_log: pilot/node_runner.log
          runs: results/runs
          root_journal: incidents/incident_events.jsonl
          gateway: [gateway/stats.json]
          audit: ["audit_logs/*.jsonl"]
        fields:
          node_id: [node_id, node, id, name, hostname]
          health: [health, status, state]
          last_heartbeat: [last_heartbeat, heartbeat_at, last_seen, updated_at, ts, timestamp]
          uptime_ratio: [uptime_ratio, uptime_ratio_24h, uptime]
          last_cycle_ok: [last_cycle_ok, cycle_ok]
          last_error: [last_error]
          failing_smoke_step: [failing_smoke_step, failed_smoke_step, smoke_failed_step, failing_step, failed_step]
          reconciliation_status: [status, result, outcome]
          reconciliation_ok: [ok, matched, passed, reconciled, clean]
          mismatch_count: [mismatch_count, mismatches, mismatched, mismatch, drift_count]
          mismatched_ids: [mismatched_order_ids, mismatched_ids, order_ids, symbols]
          slo: [slo, slo_name, name, metric]
          value: [value, observed, actual, current]
          target: [target, threshold, objective, limit]
          breached: [breached, breach, violated]
          severity: [severity, level, priority]
          quality_errors: [errors, error_count, quality_errors, critical_errors]
          stale_warnings: [stale_warnings, stale_count, stale, stale_warning_count]
          halt_reason: [halt_reason, reason]
          halted_until: [trading_halted_until, halted_until]
          halted_since: [halted_at, halted_since, since]
          kill_switch: [kill_switch, kill_switch_active, kill_switch_engaged, trading_halted, halted]
          event_type: [event_type, type, event]
          ts: [ts, timestamp, time, at, created_at]
        """

    /// gr8monk3ys/trading-bot at a6841d0: `live_trader.py` and the `utils/` writers it wires.
    static let tradingBotText = """
        name: trading-bot
        description: gr8monk3ys/trading-bot (IncidentTracker, SLOMonitor, OrderReconciler, DataQuality, AuditLog, RuntimeStateStore)
        extends: sitrep
        # Every writer stamps datetime.utcnow().isoformat(): naive UTC with microseconds.
        naive_timezone: UTC
        journal_dialect: trading-bot
        # The Operations Runbook (seed 004) is this project's runbook.
        policy: trading-ops
        recognize: [data/live_trader_state.json, "audit_logs/audit_*.jsonl"]
        files:
          # RuntimeStateStore's v2 envelope: {checksum, checksum_algo, format_version, payload}.
          gateway: [data/live_trader_state.json]
          audit: ["audit_logs/audit_*.jsonl"]
          # AuditLog (utils/audit_log.py): SHA-256 hash chain over sorted audit_*.jsonl.
          audit_chain: ["audit_logs/audit_*.jsonl"]
        # The order gateway, RuntimeState and AuditLog stamp datetime.now(): the bot host's local time.
        host_time_fields: [halted_until, state_as_of, audit_ts]
        host_timezone: local
        halt:
          # utils/order_gateway.py: halted while now < trading_halted_until, whatever halt_reason says.
          requires_until: [data/live_trader_state.json]
        fields:
          # v2 envelope first, then the legacy v1 file (RuntimeState.to_dict() at the top level).
          halt_reason: [payload.gateway_state.halt_reason, gateway_state.halt_reason]
          halted_until: [payload.gateway_state.trading_halted_until, gateway_state.trading_halted_until]
          state_as_of: [payload.timestamp, timestamp]
          # data_quality_snapshot (utils/data_quality.py summarize_quality_reports)
          quality_errors: [total_errors]
          # ops_slo_events.jsonl slo_breach records
          target: [threshold]
          mismatched_ids: [last_run_mismatches, mismatches]
          # position_reconciliation_snapshot (utils/reconciliation.py _write_snapshot)
          reconciliation_ok: [positions_match]
        reconciliation:
          # order_reconciliation_snapshot: `status: ok` means the broker fetch worked.
          streak: consecutive_mismatch_runs
          halt: halt_recommended
          halt_reason: halt_reason
          fetch_failed_status: [fetch_failed]
        """

    /// albot-dev/OpenMeshMind at 8338aaf: `scripts/pilot_node_runner.py` and
    /// `scripts/build_pilot_metrics.py`.
    static let openMeshMindText = """
        name: openmeshmind
        description: albot-dev/OpenMeshMind pilot node runner, pilot metrics and incident log
        extends: sitrep
        naive_timezone: UTC
        journal_dialect: sitrep
        # The Pilot Operations Playbook (seed 000) is this project's runbook.
        policy: pilot-playbook
        recognize: [pilot/node_config.json, pilot/incident_log.json, "pilot/nodes/*/pilot_metrics.json"]
        files:
          node_config: pilot/node_config.json
          node_metrics: ["pilot/nodes/*/pilot_metrics.json"]
          incident_log: pilot/incident_log.json
        fields:
          node_id: [node.node_id]
          last_heartbeat: [last_cycle_utc, timestamp_utc]
          uptime_ratio: [health.uptime_ratio_24h]
          last_cycle_ok: [health.last_cycle_ok]
          step_count: [step_count, health.step_count]
          uptime_ratio_24h: [uptime_ratio_24h, health.uptime_ratio_24h]
          status_collected: [status_collected, status.collected]
        health:
          # pilot_node_runner.py --health fails on either.
          unhealthy_when_false: [last_cycle_ok]
          unhealthy_when_set: [last_error]
          degraded_below: 0.90
        staleness:
          interval_field: cycle_interval_sec
          default_interval: 30m
          intervals: 2
        """

    public static let sitrep = load(sitrepText, [:])
    public static let tradingBot = load(tradingBotText, ["sitrep": sitrep])
    public static let openMeshMind = load(openMeshMindText, ["sitrep": sitrep])

    public static let all = [sitrep, tradingBot, openMeshMind]
    public static let byName: [String: SourceProfile] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    private static func load(_ text: String, _ bases: [String: SourceProfile]) -> SourceProfile {
        do {
            return try ProfileLoader.parse(text: text, file: "builtin:profile", builtins: bases)
        } catch {
            fatalError("built-in profile does not load: \(error)")
        }
    }
}
