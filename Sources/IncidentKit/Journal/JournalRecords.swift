import Foundation

/// Builds the journal records Sitrep writes, with the field names of DESIGN.md §3 in a fixed
/// order; an open and an acknowledgment written into a trading-bot journal carry what its
/// `IncidentTracker` reads (see `JournalDialect`) as well as Sitrep's `ts`, `event_id`, `host`.
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

    /// `incident_open` as the trading bot's tracker writes it (`Incident.to_dict`): `created_at`
    /// naive UTC with microseconds (its SLA check subtracts it from `datetime.utcnow()`),
    /// `name`, `message`, `context` and the empty acknowledgment fields.
    public static func tradingBotOpen(
        id: String, severity: String, title: String, name: String, by: String, source: String?,
        subject: String? = nil, runID: String?, host: String, ts: Date, eventID: String? = nil
    ) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("event_type", JournalEventType.open)
        o.set("run_id", orNull: runID)
        o.set("incident_id", id)
        o.set("created_at", JournalDialect.naiveUTC(ts))
        o.set("severity", severity)
        o.set("name", name)
        o.set("message", title)
        o.set("context", JSONValue.object(JSONObject()))
        o.setNull("acknowledged_at")
        o.setNull("acknowledged_by")
        o.set("acknowledgment_notes", "")
        o.setNull("sla_breached_at")
        finish(&o, ts: ts, eventID: eventID)
        o.set("host", host)
        o.set("by", by)
        o.set("source", source)
        o.set("subject", subject)
        return o.value
    }

    /// `incident_ack` as the trading bot's tracker writes it (`IncidentTracker.acknowledge`).
    public static func tradingBotAck(
        id: String, runID: String?, by: String, notes: String?, host: String, ts: Date
    ) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("event_type", JournalEventType.ack)
        o.set("run_id", orNull: runID)
        o.set("incident_id", id)
        o.set("acknowledged_at", JournalDialect.naiveUTC(ts))
        o.set("acknowledged_by", by)
        o.set("acknowledgment_notes", notes ?? "")
        finish(&o, ts: ts, eventID: nil)
        o.set("host", host)
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
