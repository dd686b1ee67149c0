import Foundation

/// Turns the artifacts in a store into signals, with the thresholds of the policy's detectors.
public enum SignalDetector {
    public static let defaultStaleAfter = PolicyDuration(seconds: 300)
    public static let defaultReadinessFields = ["last_cycle_ok", "step_count", "uptime_ratio_24h", "status_collected"]

    public static func detect(store: ArtifactStore, policy: Policy, now: Date) -> [Signal] {
        var signals: [Signal] = []
        let nodes = store.nodes
        for spec in policy.detectors {
            func signal(
                _ subject: String, _ message: String, since: Date?, _ evidence: [Evidence], severity: String? = nil
            ) {
                signals.append(
                    Signal(
                        detector: spec.kind, subject: subject, severity: severity ?? spec.severity, message: message,
                        since: since, evidence: evidence, autoDeclare: spec.autoDeclare))
            }
            switch spec.kind {
            case .nodeUnhealthy:
                for node in nodes where node.health == .unhealthy {
                    signal(
                        node.id, "node \(node.id) reports health \"\(node.rawHealth ?? "?")\"",
                        since: node.lastHeartbeat,
                        [
                            Evidence(
                                path: node.path, field: store.fieldNames.matchedName("health", in: node.fields),
                                value: node.rawHealth)
                        ])
                }
            case .heartbeatStale:
                let after = TimeInterval((spec.after ?? defaultStaleAfter).wallSeconds)
                for node in nodes {
                    guard let last = node.lastHeartbeat, now.timeIntervalSince(last) > after else { continue }
                    signal(
                        node.id,
                        "node \(node.id) last heartbeat \(SpanFormat.short(CheckedNumber.int(clamping: now.timeIntervalSince(last)))) ago",
                        since: last.addingTimeInterval(after),
                        [
                            Evidence(
                                path: node.path, field: store.fieldNames.matchedName("last_heartbeat", in: node.fields),
                                value: Timestamp.format(last))
                        ])
                }
            case .uptimeRatio:
                let below = spec.threshold ?? 0
                for node in nodes {
                    guard let ratio = node.uptimeRatio, ratio < below else { continue }
                    signal(
                        node.id, "node \(node.id) uptime \(percent(ratio)) below \(percent(below))",
                        since: node.lastHeartbeat,
                        [
                            Evidence(
                                path: node.path, field: store.fieldNames.matchedName("uptime_ratio", in: node.fields),
                                value: "\(ratio)")
                        ])
                }
                if let metrics = store.pilotMetrics, let ratio = metrics["uptime_ratio_24h"]?.doubleValue, ratio < below
                {
                    signal(
                        "pilot", "pilot uptime (24h) \(percent(ratio)) below \(percent(below))", since: nil,
                        [Evidence(path: ArtifactLayout.pilotMetrics, field: "uptime_ratio_24h", value: "\(ratio)")])
                }
            case .smokeStepFailing:
                let atLeast = CheckedNumber.int(clamping: spec.threshold ?? 2)
                let failing = Dictionary(
                    grouping: nodes.filter { $0.failingSmokeStep != nil }, by: { $0.failingSmokeStep! })
                for step in failing.keys.sorted() {
                    let group = failing[step]!
                    guard group.count >= atLeast else { continue }
                    signal(
                        step,
                        "smoke step \"\(step)\" failing on \(group.count) nodes: \(group.map(\.id).joined(separator: ", "))",
                        since: group.compactMap(\.lastHeartbeat).min(),
                        group.map {
                            Evidence(
                                path: $0.path, field: store.fieldNames.matchedName("failing_smoke_step", in: $0.fields),
                                value: step)
                        })
                }
            case .pilotReadiness:
                guard let metrics = store.pilotMetrics else { continue }
                let required = spec.names.isEmpty ? defaultReadinessFields : spec.names
                var problems: [String] = []
                var evidence: [Evidence] = []
                for field in required {
                    let value = metrics[field]
                    let failing: String?
                    switch value {
                    case nil, .null?: failing = "missing"
                    case .bool(false)?: failing = "false"
                    case .number(let n)? where n == 0: failing = "0"
                    default: failing = nil
                    }
                    if let failing {
                        problems.append("\(field) \(failing)")
                        evidence.append(Evidence(path: ArtifactLayout.pilotMetrics, field: field, value: failing))
                    }
                }
                if !problems.isEmpty {
                    signal(
                        "pilot_metrics", "pilot metrics not ready: \(problems.joined(separator: ", "))", since: nil,
                        evidence)
                }
            case .reconciliationMismatchStreak:
                let atLeast = CheckedNumber.int(clamping: spec.threshold ?? 3)
                for summary in store.reconciliations.values.sorted(by: { $0.path < $1.path })
                where summary.streak >= atLeast {
                    signal(
                        "\(summary.runID)/\(summary.kind)",
                        "\(summary.kind) reconciliation: \(summary.streak) consecutive mismatches in run \(summary.runID)"
                            + (summary.lastMismatchIDs.isEmpty
                                ? "" : " (\(summary.lastMismatchIDs.prefix(3).joined(separator: ", ")))"),
                        since: summary.streakStartedAt,
                        [
                            Evidence(
                                path: summary.path, line: summary.lastMismatchLine, field: "streak",
                                value: "\(summary.streak)")
                        ])
                }
            case .reconciliationPassRate:
                let below = spec.threshold ?? 0
                for summary in store.reconciliations.values.sorted(by: { $0.path < $1.path }) {
                    guard let rate = summary.passRate, rate < below else { continue }
                    signal(
                        "\(summary.runID)/\(summary.kind)",
                        "\(summary.kind) reconciliation pass rate \(percent(rate)) below \(percent(below)) (\(summary.passed)/\(summary.total)) in run \(summary.runID)",
                        since: summary.lastAt, [Evidence(path: summary.path, field: "pass_rate", value: "\(rate)")])
                }
            case .dataQualityErrors, .dataStale:
                let above = spec.threshold ?? 0
                let errors = spec.kind == .dataQualityErrors
                for reading in store.dataQuality {
                    guard let count = errors ? reading.errors : reading.staleWarnings, Double(count) > above else {
                        continue
                    }
                    signal(
                        reading.runID,
                        errors
                            ? "data quality: \(count) error(s) in the latest cycle of run \(reading.runID)"
                            : "data quality: \(count) stale-data warning(s) in the latest cycle of run \(reading.runID)",
                        since: reading.at,
                        [
                            Evidence(
                                path: reading.path, line: reading.line, field: errors ? "errors" : "stale_warnings",
                                value: "\(count)")
                        ])
                }
            case .errorRate:
                let above = spec.threshold ?? 0
                for reading in store.sloReadings.values.sorted(by: { $0.path + $0.slo < $1.path + $1.slo })
                where reading.slo.lowercased().contains("error_rate") {
                    guard var value = reading.value else { continue }
                    if above <= 1, value > 1 { value /= 100 }
                    guard value > above else { continue }
                    signal(
                        "\(reading.runID)/\(reading.slo)",
                        "operational error rate \(percent(value)) above \(percent(above)) in run \(reading.runID)",
                        since: reading.at,
                        [Evidence(path: reading.path, line: reading.line, field: "value", value: "\(reading.value!)")])
                }
            case .killSwitch:
                guard let gateway = store.gateway, gateway.isEngaged(at: now) else { continue }
                var message = "kill switch engaged / trading halted"
                if let reason = gateway.reason { message += ": \(reason)" }
                if let until = gateway.haltedUntil { message += " (until \(Timestamp.format(until)))" }
                signal(
                    "gateway", message, since: gateway.since,
                    [Evidence(path: gateway.path, field: "halt_reason", value: gateway.reason)])
            case .sloBreach:
                for reading in store.sloReadings.values.sorted(by: { $0.path + $0.slo < $1.path + $1.slo })
                where reading.breached {
                    var message = "SLO \(reading.slo) breached in run \(reading.runID)"
                    if let value = reading.value { message += ": \(formatNumber(value))" }
                    if let target = reading.target { message += " (target \(formatNumber(target)))" }
                    if let detail = reading.message { message += " — \(detail)" }
                    let severity = reading.severity.flatMap { policy.severity(named: $0)?.id }
                    signal(
                        "\(reading.runID)/\(reading.slo)", message, since: reading.at,
                        [Evidence(path: reading.path, line: reading.line)], severity: severity)
                }
            case .auditEvent:
                let types = Set((spec.names.isEmpty ? ["risk_limit_breach"] : spec.names).map { $0.lowercased() })
                for summary in store.audits.values.sorted(by: { $0.path + $0.type < $1.path + $1.type })
                where types.contains(summary.type.lowercased()) {
                    var message =
                        "\(summary.count) \(summary.type) event\(summary.count == 1 ? "" : "s") in \(summary.path)"
                    if let last = summary.lastMessage { message += " — last: \(last)" }
                    signal(
                        "\((summary.path as NSString).lastPathComponent):\(summary.type)", message,
                        since: summary.lastAt, [Evidence(path: summary.path, line: summary.lastLine)])
                }
            }
        }
        return signals
    }

    static func percent(_ ratio: Double) -> String {
        let p = ratio * 100
        return p == p.rounded() ? "\(CheckedNumber.int(clamping: p))%" : String(format: "%.1f%%", p)
    }

    static func formatNumber(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e12 ? "\(Int(n))" : String(format: "%g", n)
    }
}
