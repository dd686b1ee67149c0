import Foundation

/// The JSON the demo writes for the artifacts of DESIGN.md §2, with the field names the pilot
/// nodes, trading loop, SLO monitor and gateway use.
enum DemoRecords {
    static func node(_ index: Int, at t: Double, heartbeat: Date) -> JSONValue {
        let degraded = DemoScenario.isDegraded(node: index, at: t)
        let beats = Int((DemoScenario.lastHeartbeat(node: index, at: t) / DemoScenario.heartbeatPeriod).rounded(.down))
        var o = JSONObjectBuilder()
        o.set("node_id", "node-\(index)")
        o.set("health", degraded ? "degraded" : "ok")
        o.set("last_heartbeat", Timestamp.format(heartbeat))
        o.set("uptime_ratio", degraded ? DemoScenario.degradedUptime : DemoScenario.baseUptime(node: index))
        o.set("last_cycle_ok", !degraded)
        o.setNull("failing_smoke_step")
        o.set("cycle", 4_000 + beats)
        return o.value
    }

    static func pilotMetrics(at t: Double, updatedAt: Date) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("last_cycle_ok", true)
        o.set("step_count", 1_200 + Int((t / DemoScenario.metricsPeriod).rounded(.down)))
        o.set("uptime_ratio_24h", 0.994)
        o.set("status_collected", true)
        o.set("updated_at", Timestamp.format(updatedAt))
        return o.value
    }

    /// The gateway's state at `t`; `changedAt` is when it last changed.
    static func gateway(at t: Double, changedAt: Date) -> JSONValue {
        var o = JSONObjectBuilder()
        if DemoScenario.isHalted(at: t) {
            o.set("kill_switch", true)
            o.set("halt_reason", DemoScenario.haltReason)
            o.set("halted_at", Timestamp.format(changedAt))
            o.set("trading_halted_until", Timestamp.format(changedAt.addingTimeInterval(DemoScenario.haltLength)))
        } else {
            o.set("kill_switch", false)
            o.setNull("halt_reason")
            o.setNull("trading_halted_until")
            if t >= DemoScenario.haltClearedAt {
                o.set("last_halt_reason", DemoScenario.haltReason)
                o.set("cleared_at", Timestamp.format(changedAt))
            }
        }
        o.set("updated_at", Timestamp.format(changedAt))
        return o.value
    }

    static func orderCheck(_ number: Int, at t: Double, ts: Date) -> JSONValue {
        let mismatch = DemoScenario.isOrderMismatch(at: t)
        var o = JSONObjectBuilder()
        o.set("ts", Timestamp.format(ts))
        o.set("run_id", DemoScenario.runID)
        o.set("check", number)
        o.set("status", mismatch ? "mismatch" : "match")
        o.set("orders_checked", 118 + number % 9)
        if mismatch {
            let ids = ["ORD-\(70_400 + number)", "ORD-\(70_417 + number)"]
            o.set("mismatch_count", ids.count)
            o.set("mismatched_order_ids", .array(ids.map(JSONValue.string)))
            o.set("detail", "broker fill status differs from the ledger")
        } else {
            o.set("mismatch_count", 0)
        }
        return o.value
    }

    static func positionCheck(_ number: Int, ts: Date) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("ts", Timestamp.format(ts))
        o.set("run_id", DemoScenario.runID)
        o.set("check", number)
        o.set("status", "match")
        o.set("symbols_checked", 14)
        o.set("mismatch_count", 0)
        return o.value
    }

    /// The SLO monitor's evaluations at `t`: the consecutive-mismatch SLO (a breach record when
    /// it is over target) and a latency SLO that stays healthy.
    static func sloEvaluations(at t: Double, ts: Date) -> [JSONValue] {
        let windows = DemoScenario.mismatchWindows(endingAt: t)
        let breached = windows > DemoScenario.mismatchRunsTarget
        var mismatch = JSONObjectBuilder()
        mismatch.set("ts", Timestamp.format(ts))
        mismatch.set("run_id", DemoScenario.runID)
        mismatch.set("event_type", breached ? "slo_breach" : "slo_evaluation")
        mismatch.set("slo", DemoScenario.mismatchRunsSLO)
        mismatch.set("value", windows)
        mismatch.set("target", DemoScenario.mismatchRunsTarget)
        mismatch.set("breached", breached)
        if breached {
            mismatch.set("severity", "SEV1")
            mismatch.set(
                "message",
                "order reconciliation mismatched in \(windows) consecutive 10s windows (at most \(DemoScenario.mismatchRunsTarget) allowed)"
            )
        }
        var latency = JSONObjectBuilder()
        latency.set("ts", Timestamp.format(ts))
        latency.set("run_id", DemoScenario.runID)
        latency.set("event_type", "slo_evaluation")
        latency.set("slo", DemoScenario.latencySLO)
        latency.set("value", 180 + Int(t.truncatingRemainder(dividingBy: 70)))
        latency.set("target", 500)
        latency.set("breached", false)
        return [mismatch.value, latency.value]
    }

    static func dataQualityCycle(_ number: Int, at t: Double, ts: Date) -> JSONValue {
        let stale = DemoScenario.staleDataWarnings(at: t)
        var o = JSONObjectBuilder()
        o.set("ts", Timestamp.format(ts))
        o.set("run_id", DemoScenario.runID)
        o.set("event_type", "data_quality_cycle")
        o.set("cycle", number)
        o.set("checks", 42)
        o.set("errors", 0)
        o.set("stale_warnings", stale)
        if stale > 0 { o.set("stale_symbols", .array(["EURUSD", "GBPJPY"].prefix(stale).map(JSONValue.string))) }
        return o.value
    }
}
