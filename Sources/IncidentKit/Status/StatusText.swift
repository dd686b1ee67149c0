import Foundation

/// `sitrep status` as plain text: the same picture as the console, for a script or a pager.
/// Every string from an artifact is sanitised.
public enum StatusText {
    public static func render(_ picture: Picture, includeResolved: Bool, ascii: Bool = false) -> String {
        func clean(_ s: String) -> String { TextSanitizer.clean(s, ascii: ascii) }
        var out = ""
        out +=
            "Sitrep  \(Timestamp.format(picture.now))  policy \(clean(picture.policy.name))  root \(clean(picture.root))\n"
        if let gateway = picture.gateway, gateway.isEngaged(at: picture.now) {
            out += "!! HALTED (kill switch): \(clean(gateway.reason ?? "engaged"))\n"
        }
        let incidents = picture.incidents.filter { includeResolved || $0.incident.isActive }
        out += "\nIncidents (\(incidents.count)\(includeResolved ? "" : " active"))\n"
        if incidents.isEmpty { out += "  none\n" }
        for view in incidents {
            let i = view.incident
            let age = SpanFormat.short(CheckedNumber.int(clamping: picture.now.timeIntervalSince(i.openedAt)))
            var line =
                "  \(SeverityMark.symbol(rank: view.severityRank, ascii: ascii)) \(clean(i.severity))  \(clean(i.id))  \(i.state.rawValue)  \(age)  \(clean(i.title))"
            if let name = i.name, !i.title.contains(name) { line += "  [\(clean(name))]" }
            if let ack = i.ack { line += "  (ack \(clean(ack.by ?? "?")))" }
            if i.readOnly { line += "  (read-only: \(clean(i.journal)))" }
            out += line + "\n"
            for timer in view.timers {
                out +=
                    "      \(timer.state.rawValue.uppercased().padding(toLength: 9, withPad: " ", startingAt: 0)) \(timer.name) "
                switch timer.state {
                case .pending: out += "due in \(SpanFormat.short(timer.remainingSeconds))"
                case .breached: out += "OVERDUE by \(SpanFormat.short(-timer.remainingSeconds))"
                case .met: out += "met"
                case .metLate: out += "met \(SpanFormat.short(-timer.remainingSeconds)) late"
                }
                out += " (due \(Timestamp.format(timer.due))\(timer.clock == .business ? ", business time" : ""))\n"
            }
            let e = view.escalation
            var esc = "      escalation L\(e.recordedLevel)"
            if let level = picture.policy.level(e.recordedLevel) { esc += " \(level.name)" }
            if e.isOverdue {
                esc += ", DUE L\(e.dueLevel)" + (picture.policy.level(e.dueLevel).map { " \($0.name)" } ?? "")
            }
            if let next = e.nextLevelAt, let level = e.nextLevel {
                esc +=
                    ", L\(level) in \(SpanFormat.short(CheckedNumber.int(clamping: next.timeIntervalSince(picture.now))))"
            }
            out += esc + "\n"
        }
        out += "\nSignals (\(picture.signals.count))\n"
        if picture.signals.isEmpty { out += "  none\n" }
        for signal in picture.signals {
            out +=
                "  \(SeverityMark.symbol(rank: picture.policy.rank(of: signal.severity), ascii: ascii)) \(clean(signal.severity))  \(signal.detector.rawValue)  \(clean(signal.message))"
                + (signal.since.map { "  (since \(SpanFormat.short(Int(picture.now.timeIntervalSince($0)))) ago)" }
                    ?? "")
                + "\n"
        }
        out += "\nNodes (\(picture.nodes.count))\n"
        if picture.nodes.isEmpty { out += "  none\n" }
        for node in picture.nodes {
            let seen =
                node.node.lastHeartbeat.map {
                    SpanFormat.short(CheckedNumber.int(clamping: picture.now.timeIntervalSince($0))) + " ago"
                }
                ?? "never"
            out +=
                "  \(clean(node.node.id))  \(node.node.health.rawValue)\(node.stale ? " STALE" : "")  last seen \(seen)"
            if let uptime = node.node.uptimeRatio { out += String(format: "  uptime %.1f%%", uptime * 100) }
            out += "\n"
            if !node.lastCycleLog.isEmpty {
                out += "    last cycle (runner log):\n"
                for line in node.lastCycleLog { out += "      \(clean(line))\n" }
            }
        }
        if !picture.warnings.isEmpty {
            out += "\nWarnings (\(picture.warnings.count))\n"
            for warning in picture.warnings.prefix(20) { out += "  \(clean(warning.description))\n" }
            if picture.warnings.count > 20 {
                out += "  ... \(picture.warnings.count - 20) more (status --json lists all)\n"
            }
        }
        return out
    }
}

/// Severity is never shown by colour alone: each rank has a symbol.
public enum SeverityMark {
    public static func symbol(rank: Int, ascii: Bool) -> String {
        let unicode = ["◆", "▲", "●", "○", "·"]
        let plain = ["!!!", "!! ", "!  ", ".  ", "   "]
        let table = ascii ? plain : unicode
        return table[min(rank, table.count - 1)]
    }
}
