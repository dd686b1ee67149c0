import Foundation

/// `sitrep check`: monitoring-plugin semantics (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) and one
/// summary line with performance data.
public struct HealthCheck: Sendable {
    public enum Level: Int32, Sendable {
        case ok = 0, warning = 1, critical = 2, unknown = 3
        public var word: String {
            switch self {
            case .ok: return "OK"
            case .warning: return "WARNING"
            case .critical: return "CRITICAL"
            case .unknown: return "UNKNOWN"
            }
        }
    }

    public var level: Level
    public var line: String

    /// CRITICAL: a live SLA timer breached, an escalation overdue, or a critical incident
    /// unacknowledged. WARNING: an unacknowledged incident, a signal no incident covers, or an
    /// unreadable artifact. Otherwise OK.
    public static func evaluate(_ picture: Picture) -> HealthCheck {
        if !picture.artifactsFound { return nothingFound(picture) }
        let active = picture.activeIncidents
        var critical: [String] = []
        var warning: [String] = []
        for view in active {
            let id = view.incident.id
            for timer in view.timers where timer.state == .breached {
                critical.append("\(id) \(timer.name) breached \(SpanFormat.short(-timer.remainingSeconds)) ago")
            }
            if view.escalation.isOverdue {
                critical.append(
                    "\(id) escalation overdue (L\(view.escalation.recordedLevel), due L\(view.escalation.dueLevel))")
            }
            if view.incident.state == .open {
                if view.critical {
                    critical.append("\(id) \(view.incident.severity) unacknowledged")
                } else {
                    warning.append("\(id) \(view.incident.severity) unacknowledged")
                }
            }
        }
        let uncovered = picture.uncoveredSignals
        if !uncovered.isEmpty {
            warning.append("\(uncovered.count) signal\(uncovered.count == 1 ? "" : "s") without an incident")
        }
        if !picture.warnings.isEmpty {
            warning.append("\(picture.warnings.count) artifact warning\(picture.warnings.count == 1 ? "" : "s")")
        }
        let level: Level = !critical.isEmpty ? .critical : !warning.isEmpty ? .warning : .ok
        let breached = active.reduce(0) { $0 + $1.timers.filter { $0.state == .breached }.count }
        let details = (critical + warning).prefix(4).joined(separator: "; ")
        let more = critical.count + warning.count > 4 ? "; +\(critical.count + warning.count - 4) more" : ""
        let summary = "\(active.count) active incident\(active.count == 1 ? "" : "s")"
        let perf =
            "active=\(active.count) breached=\(breached) unacked=\(active.filter { $0.incident.state == .open }.count) signals=\(picture.signals.count) warnings=\(picture.warnings.count)"
        let text = details.isEmpty ? summary : "\(summary): \(details)\(more)"
        return HealthCheck(level: level, line: "SITREP \(level.word) - \(TextSanitizer.clean(text)) | \(perf)")
    }

    /// UNKNOWN: no artifact at all under the root. An empty or mistyped root is not all quiet.
    static func nothingFound(_ picture: Picture) -> HealthCheck {
        HealthCheck(
            level: .unknown,
            line:
                "SITREP UNKNOWN - no artifacts under \(TextSanitizer.clean(picture.root)): no journal, node state or event file; check --root | active=0"
        )
    }
}
