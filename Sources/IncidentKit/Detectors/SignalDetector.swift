import Foundation

/// Turns the artifacts in a store into signals, with the thresholds of the policy's detectors.
public enum SignalDetector {
    public static let defaultStaleAfter = PolicyDuration(seconds: 300)
    public static let defaultReadinessFields = ["last_cycle_ok", "step_count", "uptime_ratio_24h", "status_collected"]

    public static func detect(store: ArtifactStore, policy: Policy, now: Date) -> [Signal] {
        let gateway = store.gateway
        return policy.detectors.flatMap {
            detect($0, store: store, policy: policy, nodes: store.nodes, gateway: gateway, now: now)
        }
    }

    /// Detectors whose signals change with the clock, not only with the files.
    static func isTimed(_ kind: DetectorKind) -> Bool { kind == .heartbeatStale || kind == .killSwitch }

    /// The signals of one detector.
    static func detect(
        _ spec: DetectorSpec, store: ArtifactStore, policy: Policy, nodes: [NodeState], gateway: GatewayState?,
        now: Date
    ) -> [Signal] {
        var signals: [Signal] = []
        do {
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
                    var message =
                        node.healthField == nil
                        ? "node \(node.id) unhealthy (\(node.rawHealth ?? "?"))"
                        : "node \(node.id) reports health \"\(node.rawHealth ?? "?")\""
                    if let error = node.lastError, node.rawHealth?.contains(error) != true { message += ": \(error)" }
                    let field =
                        node.healthField ?? node.rawHealth.flatMap { $0.split(separator: "=").first.map(String.init) }
                    signal(
                        node.id, message, since: node.lastHeartbeat,
                        [Evidence(path: node.path, field: field, value: node.healthField == nil ? nil : node.rawHealth)]
                    )
                }
            case .heartbeatStale:
                signals += heartbeatWatches(nodes, spec: spec, store: store).compactMap {
                    staleHeartbeat($0, spec: spec, now: now)
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
                if let metrics = store.pilotMetrics,
                    let match = store.fieldNames.lookup("uptime_ratio_24h").match(in: metrics),
                    let ratio = match.value.doubleValue, ratio < below
                {
                    signal(
                        "pilot", "pilot uptime (24h) \(percent(ratio)) below \(percent(below))", since: nil,
                        [Evidence(path: store.pilotMetricsPath ?? "", field: match.name, value: "\(ratio)")])
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
                guard let metrics = store.pilotMetrics else { return signals }
                let required = spec.names.isEmpty ? defaultReadinessFields : spec.names
                var problems: [String] = []
                var evidence: [Evidence] = []
                for field in required {
                    let match = store.fieldNames.lookup(field).match(in: metrics)
                    let value = match?.value
                    let failing: String?
                    switch value {
                    case nil, .null?: failing = "missing"
                    case .bool(false)?: failing = "false"
                    case .number(let n)? where n == 0: failing = "0"
                    default: failing = nil
                    }
                    if let failing {
                        problems.append("\(field) \(failing)")
                        evidence.append(
                            Evidence(path: store.pilotMetricsPath ?? "", field: match?.name ?? field, value: failing))
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
                where summary.streak >= atLeast || summary.haltRecommended {
                    var message =
                        "\(summary.kind) reconciliation: \(summary.streak) consecutive mismatches in run \(summary.runID)"
                        + (summary.lastMismatchIDs.isEmpty
                            ? "" : " (\(summary.lastMismatchIDs.prefix(3).joined(separator: ", ")))")
                    if summary.haltRecommended {
                        message += "; halt recommended" + (summary.haltReason.map { ": \($0)" } ?? "")
                    }
                    signal(
                        "\(summary.runID)/\(summary.kind)", message,
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
                guard let gateway, gateway.isEngaged(at: now) else { return signals }
                var message = "kill switch engaged / trading halted"
                if let reason = gateway.reason { message += ": \(reason)" }
                if let until = gateway.haltedUntil { message += " (until \(Timestamp.format(until)))" }
                signal(
                    "gateway", message, since: gateway.since ?? gateway.asOf,
                    [Evidence(path: gateway.path, field: gateway.reasonField ?? "halt_reason", value: gateway.reason)])
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
            case .auditChain:
                let breaks = store.auditChainFindings.filter { $0.kind == .broken }
                for finding in breaks.prefix(20) {
                    signal(
                        "\(finding.path):\(finding.line)",
                        "audit log hash chain broken at \(finding.path) line \(finding.line): \(finding.message)",
                        since: nil, [Evidence(path: finding.path, line: finding.line)])
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

    /// What the stale-heartbeat detector needs of a node, worked out once per change of the
    /// files rather than at every instant.
    struct HeartbeatWatch {
        var nodeID: String
        var last: Date
        var after: TimeInterval
        var cycleText: String
        var evidence: Evidence
    }

    /// The signal of one watched heartbeat at `now`, if it is late.
    static func staleHeartbeat(_ watch: HeartbeatWatch, spec: DetectorSpec, now: Date) -> Signal? {
        let age = now.timeIntervalSince(watch.last)
        guard age > watch.after else { return nil }
        return Signal(
            detector: spec.kind, subject: watch.nodeID, severity: spec.severity,
            message: "node \(watch.nodeID) last heartbeat \(SpanFormat.short(CheckedNumber.int(clamping: age))) ago"
                + watch.cycleText,
            since: watch.last.addingTimeInterval(watch.after), evidence: [watch.evidence], autoDeclare: spec.autoDeclare
        )
    }

    static func heartbeatWatches(_ nodes: [NodeState], spec: DetectorSpec, store: ArtifactStore) -> [HeartbeatWatch] {
        nodes.compactMap { node in
            guard let last = node.lastHeartbeat else { return nil }
            return HeartbeatWatch(
                nodeID: node.id, last: last, after: staleAfter(node, spec: spec, profile: store.profile),
                cycleText: node.cycleInterval.map {
                    " (cycles every \(SpanFormat.short(CheckedNumber.int(clamping: $0))))"
                } ?? "",
                evidence: Evidence(
                    path: node.path, field: store.fieldNames.matchedName("last_heartbeat", in: node.fields),
                    value: Timestamp.format(last)))
        }
    }

    /// When a node's heartbeat is late: after the profile's number of its own cycle intervals
    /// when it has one, else after the detector's `after`.
    public static func staleAfter(_ node: NodeState, spec: DetectorSpec?, profile: SourceProfile) -> TimeInterval {
        if let interval = node.cycleInterval { return interval * profile.staleness.intervals }
        return TimeInterval((spec?.after ?? defaultStaleAfter).wallSeconds)
    }

    static func percent(_ ratio: Double) -> String {
        let p = ratio * 100
        return p == p.rounded() ? "\(CheckedNumber.int(clamping: p))%" : String(format: "%.1f%%", p)
    }

    static func formatNumber(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e12 ? "\(Int(n))" : String(format: "%g", n)
    }
}
