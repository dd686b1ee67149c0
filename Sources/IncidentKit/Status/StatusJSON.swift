import Foundation

/// `sitrep status --json`: exactly the schema of DESIGN.md §6.
public enum StatusJSON {
    public static func render(_ picture: Picture, includeResolved: Bool) -> JSONValue {
        var top = JSONObjectBuilder()
        top.set("now", Timestamp.format(picture.now))
        top.set("root", picture.root)
        top.set("policy", picture.policy.name)
        let incidents = picture.incidents.filter { includeResolved || $0.incident.isActive }
        top.set("incidents", .array(incidents.map(incident)))
        top.set("signals", .array(picture.signals.map(signal)))
        top.set("nodes", .array(picture.nodes.map(node)))
        top.set("warnings", .array(picture.warnings.map(warning)))
        return top.value
    }

    static func time(_ date: Date?) -> String? { date.map(Timestamp.format) }

    static func incident(_ view: IncidentView) -> JSONValue {
        let i = view.incident
        var o = JSONObjectBuilder()
        o.set("id", i.id)
        o.set("severity", i.severity)
        o.set("title", i.title)
        o.set("state", i.state.rawValue)
        o.set("opened_at", Timestamp.format(i.openedAt))
        o.set("acked_by", orNull: i.ack?.by)
        o.set("acked_at", orNull: time(i.ack?.at))
        var esc = JSONObjectBuilder()
        esc.set("level", view.escalation.recordedLevel)
        esc.set("due_level", view.escalation.dueLevel)
        esc.set("next_level_at", orNull: time(view.escalation.nextLevelAt))
        o.set("escalation", esc.value)
        o.set(
            "timers",
            .array(
                view.timers.map { t in
                    var timer = JSONObjectBuilder()
                    timer.set("name", t.name)
                    timer.set("due", Timestamp.format(t.due))
                    timer.set("remaining_s", t.remainingSeconds)
                    timer.set("state", t.state.rawValue)
                    return timer.value
                }))
        o.set("journal", i.journal)
        return o.value
    }

    static func signal(_ s: Signal) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("detector", s.detector.rawValue)
        o.set("subject", s.subject)
        o.set("severity", s.severity)
        o.set("message", s.message)
        o.set("since", orNull: time(s.since))
        return o.value
    }

    static func node(_ n: NodeView) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", n.node.id)
        o.set("health", n.node.health.rawValue)
        o.set("last_seen", orNull: time(n.node.lastHeartbeat))
        o.set("stale", n.stale)
        return o.value
    }

    static func warning(_ w: ArtifactWarning) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("path", w.path)
        o.set("line", orNull: w.line)
        o.set("message", w.message)
        return o.value
    }
}
