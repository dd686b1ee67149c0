import Foundation

/// Builds the journal records Sitrep writes, with the field names of DESIGN.md §3 in a fixed
/// order (the acknowledgment keeps the trading team's `incident_ack.py` names).
public enum JournalRecords {
    public static func newEventID() -> String { UUID().uuidString.lowercased() }

    static func base(_ type: String, _ incidentID: String) -> JSONObjectBuilder {
        var o = JSONObjectBuilder()
        o.set("event_type", type)
        o.set("incident_id", incidentID)
        return o
    }

    static func finish(_ o: inout JSONObjectBuilder, ts: Date, eventID: String?) {
        o.set("ts", Timestamp.format(ts))
        o.set("event_id", eventID ?? newEventID())
    }

    public static func open(
        id: String, severity: String, title: String, by: String, source: String?, subject: String? = nil,
        runID: String?,
        ts: Date, eventID: String? = nil
    ) -> JSONValue {
        var o = base(JournalEventType.open, id)
        o.set("severity", severity)
        o.set("title", title)
        finish(&o, ts: ts, eventID: eventID)
        o.set("by", by)
        o.set("source", source)
        o.set("subject", subject)
        o.set("run_id", runID)
        return o.value
    }

    public static func ack(id: String, by: String, notes: String?, host: String, ts: Date) -> JSONValue {
        var o = base(JournalEventType.ack, id)
        o.set("ack_by", by)
        o.set("notes", notes ?? "")
        finish(&o, ts: ts, eventID: nil)
        o.set("host", host)
        return o.value
    }

    public static func update(id: String, by: String, message: String, ts: Date) -> JSONValue {
        var o = base(JournalEventType.update, id)
        o.set("by", by)
        o.set("message", message)
        finish(&o, ts: ts, eventID: nil)
        return o.value
    }

    public static func escalate(id: String, level: Int, by: String, reason: String, ts: Date) -> JSONValue {
        var o = base(JournalEventType.escalate, id)
        o.set("level", level)
        o.set("by", by)
        o.set("reason", reason)
        finish(&o, ts: ts, eventID: nil)
        return o.value
    }

    public static func mitigated(id: String, by: String, notes: String?, ts: Date) -> JSONValue {
        var o = base(JournalEventType.mitigated, id)
        o.set("by", by)
        o.set("notes", notes ?? "")
        finish(&o, ts: ts, eventID: nil)
        return o.value
    }

    public static func resolved(id: String, by: String, rootCause: String, ts: Date) -> JSONValue {
        var o = base(JournalEventType.resolved, id)
        o.set("by", by)
        o.set("root_cause", rootCause)
        finish(&o, ts: ts, eventID: nil)
        return o.value
    }
}
