import Foundation

/// One line of an incident journal, parsed tolerantly. All fields are kept in `fields` so
/// unknown ones survive; the accessors know the usual synonyms.
public struct JournalEvent: Sendable {
    public var type: String
    public var incidentID: String?
    public var ts: Date?
    public var eventID: String?
    public var fields: JSONObject
    /// The journal it was read from, relative to the root.
    public var journal: String
    public var line: Int
    /// Read order across all journals, the tie-break for equal timestamps.
    public var sequence: Int
    /// Where the line starts in its journal and its length in bytes, to read it back once its
    /// incident is resolved and kept compact; -1 when not read from a file.
    public var offset: Int64 = -1
    public var length = 0

    public static let typeKeys = ["event_type", "type", "event"]
    public static let incidentKeys = ["incident_id", "incident", "id"]
    /// Sitrep's `ts` first; then the trading bot's time of each event (`created_at` of an open,
    /// `acknowledged_at` of an ack, `breached_at` of an SLA breach).
    public static let timeKeys = ["ts", "timestamp", "time", "at", "created_at", "acknowledged_at", "breached_at"]
    /// Spans of seconds the wizard writes; read through `CheckedNumber.span`.
    public static let spanKeys = ["elapsed_s", "total_s", "duration_s"]

    /// Numbers on this line that are out of range, one message each; the store shows them as
    /// warnings with path and line, and the event is read without them.
    public var numberProblems: [String]

    static func excerpt(_ value: JSONValue) -> String { String(JSONWriter.string(value).prefix(40)) }

    /// A naive time (the trading bot's `datetime.utcnow().isoformat()`) is read in `naiveZone`.
    public init?(
        object: JSONObject, journal: String, line: Int, sequence: Int,
        naiveZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        guard let type = object.first(JournalEvent.typeKeys)?.stringValue else { return nil }
        // The trading bot's reader lower-cases and trims the type.
        self.type = type.trimmingCharacters(in: .whitespaces).lowercased()
        self.incidentID = object.first(JournalEvent.incidentKeys)?.stringValue
        // An unreadable or absurd time (`ts: 1e22`) is nil here; the fold warns about it once.
        self.ts = object.first(JournalEvent.timeKeys).flatMap { Timestamp.parse($0, naiveZone: naiveZone) }
        var problems: [String] = []
        for key in JournalEvent.spanKeys {
            guard let raw = object[key], let value = raw.doubleValue, CheckedNumber.span(value) == nil else { continue }
            problems.append("\(key) \(JournalEvent.excerpt(raw)) is out of range (0 to 100 years); ignored")
        }
        self.numberProblems = problems
        self.eventID = object["event_id"]?.stringValue
        self.fields = object
        self.journal = journal
        self.line = line
        self.sequence = sequence
    }

    /// A span of seconds (`elapsed_s`, `total_s`) within range, else nil.
    public func span(_ key: String) -> Double? { CheckedNumber.span(fields[key]?.doubleValue) }

    public func string(_ names: String...) -> String? {
        fields.first(names)?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// What identifies this event for de-duplication: its `event_id`, or else its content.
    public var dedupeKey: String {
        eventID.map { "id:\($0)" } ?? "content:" + JSONWriter.string(.object(fields))
    }
}

/// The event types Sitrep writes and understands.
public enum JournalEventType {
    public static let open = "incident_open"
    public static let ack = "incident_ack"
    public static let update = "incident_update"
    public static let escalate = "incident_escalate"
    public static let mitigated = "incident_mitigated"
    public static let resolved = "incident_resolved"
    public static let rollbackStarted = "rollback_started"
    public static let rollbackStep = "rollback_step"
    public static let rollbackCompleted = "rollback_completed"
    public static let rollbackAborted = "rollback_aborted"
    /// A command the wizard ran (or rehearsed in a drill), with its exit code and evidence file.
    public static let rollbackCommand = "rollback_command"
    /// The trading bot's SLA monitor recorded that the acknowledgment SLA elapsed.
    public static let slaBreach = "incident_sla_breach"
}
