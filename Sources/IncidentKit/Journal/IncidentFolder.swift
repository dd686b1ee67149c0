import Foundation

/// Folds journal events from every journal under the root into incidents. Events are ordered by
/// `ts`, equal times keep read order; an `event_id` seen before is ignored; the first
/// acknowledgment wins.
public enum IncidentFolder {
    public struct Result: Sendable {
        public var incidents: [Incident]
        public var warnings: [ArtifactWarning]
        public var duplicatesIgnored: Int
    }

    public static func fold(_ events: [JournalEvent], policy: Policy) -> Result {
        var folding = Folding(policy: policy)
        folding.add(events)
        return folding.result
    }

    /// A fold that can go on: events that sort after everything folded so far (the usual case
    /// of lines appended to a live journal) are added without refolding the history.
    public struct Folding: Sendable {
        let policy: Policy
        private var seen = Set<String>()
        private var duplicates = 0
        private var incidents: [String: Incident] = [:]
        private var order: [String] = []
        private var orphans: [String: [JournalEvent]] = [:]
        private var warnings: [ArtifactWarning] = []
        /// The last event folded, in fold order (`ts`, then read order).
        private var last: (ts: Date, sequence: Int)?

        public init(policy: Policy) { self.policy = policy }

        /// Whether `events` all sort after what is folded, so `add` gives what a fold of
        /// everything would.
        public func canAppend(_ events: some Collection<JournalEvent>) -> Bool {
            guard let last else { return true }
            return events.allSatisfy { event in
                guard let ts = event.ts else { return true }
                return ts > last.ts || (ts == last.ts && event.sequence > last.sequence)
            }
        }

        public mutating func add(_ events: some Collection<JournalEvent>) {
            let ordered = events.filter { event in
                if event.ts == nil {
                    warnings.append(
                        ArtifactWarning(
                            path: event.journal, line: event.line, message: "event without a readable ts; ignored"))
                    return false
                }
                return true
            }.sorted { a, b in a.ts! != b.ts! ? a.ts! < b.ts! : a.sequence < b.sequence }
            for event in ordered { add(event) }
            if let final = ordered.last { last = (final.ts!, final.sequence) }
        }

        private mutating func add(_ event: JournalEvent) {
            guard seen.insert(event.dedupeKey).inserted else {
                duplicates += 1
                return
            }
            guard let id = event.incidentID else {
                if event.type.hasPrefix("incident_") || event.type.hasPrefix("rollback_") {
                    warnings.append(
                        ArtifactWarning(
                            path: event.journal, line: event.line, message: "\(event.type) without incident_id; ignored"
                        ))
                }
                return
            }
            if event.type == JournalEventType.open {
                if incidents[id] == nil {
                    incidents[id] = IncidentFolder.open(event, id: id, policy: policy)
                    order.append(id)
                    for pending in orphans.removeValue(forKey: id) ?? [] {
                        IncidentFolder.apply(pending, to: &incidents[id]!, policy: policy)
                    }
                } else if incidents[id]!.journal != event.journal {
                    // Ids are unique across journals: whoever can write another journal must
                    // not take over an incident (and its acknowledgments) by reusing its id.
                    let first = incidents[id]!
                    warnings.append(
                        ArtifactWarning(
                            path: event.journal, line: event.line,
                            message: "incident_open of \(id), which \(first.journal) opened first; ignored"))
                } else {
                    incidents[id]!.timeline.append(event)
                }
                return
            }
            if incidents[id] != nil {
                IncidentFolder.apply(event, to: &incidents[id]!, policy: policy)
            } else {
                orphans[id, default: []].append(event)
            }
        }

        public var result: Result {
            var all = warnings
            for (id, events) in orphans {
                for event in events where event.type.hasPrefix("incident_") || event.type.hasPrefix("rollback_") {
                    all.append(
                        ArtifactWarning(
                            path: event.journal, line: event.line, message: "\(event.type) for unknown incident \(id)"))
                }
            }
            return Result(incidents: order.map { incidents[$0]! }, warnings: all, duplicatesIgnored: duplicates)
        }
    }

    private static func open(_ event: JournalEvent, id: String, policy: Policy) -> Incident {
        let rawSeverity = event.string("severity", "sev", "priority", "level") ?? "unknown"
        let known = policy.severity(named: rawSeverity)
        var incident = Incident(
            id: id, severity: known?.id ?? rawSeverity, severityKnown: known != nil,
            title: event.string("title", "summary", "message", "description") ?? "(untitled)", openedAt: event.ts!,
            openedBy: event.string("by", "opened_by", "reporter"), source: event.string("source", "detector"),
            runID: event.string("run_id", "run"), journal: event.journal)
        incident.name = event.string("name")
        incident.timeline.append(event)
        return incident
    }

    private static func note(_ event: JournalEvent, by byKeys: [String], text textKeys: [String]) -> Incident.Note {
        Incident.Note(
            at: event.ts!, by: event.fields.first(byKeys)?.stringValue, text: event.fields.first(textKeys)?.stringValue)
    }

    private static func apply(_ event: JournalEvent, to incident: inout Incident, policy: Policy) {
        incident.timeline.append(event)
        switch event.type {
        case JournalEventType.ack:
            if incident.ack == nil {
                incident.ack = note(
                    event, by: ["ack_by", "by", "acknowledged_by"],
                    text: ["notes", "note", "message", "acknowledgment_notes"])
            }
        case JournalEventType.slaBreach:
            if incident.recordedSLABreach == nil, incident.ack.map({ $0.at > event.ts! }) ?? true {
                incident.recordedSLABreach = event.ts
            }
        case JournalEventType.update:
            incident.updates.append(note(event, by: ["by", "author"], text: ["message", "notes", "text"]))
            if let raw = event.string("severity"), let severity = policy.severity(named: raw) {
                incident.severity = severity.id
                incident.severityKnown = true
            }
            if let title = event.string("title") { incident.title = title }
        case JournalEventType.escalate:
            if let level = event.fields.first(["level", "to", "to_level"])?.intValue {
                incident.escalations.append(
                    Incident.Escalation(
                        at: event.ts!, level: level, by: event.string("by"), reason: event.string("reason", "notes")))
            }
        case JournalEventType.mitigated:
            if incident.mitigation == nil {
                incident.mitigation = note(event, by: ["by", "mitigated_by"], text: ["notes", "note", "message"])
            }
        case JournalEventType.resolved:
            if incident.resolution == nil {
                incident.resolution = note(event, by: ["by", "resolved_by"], text: ["root_cause", "notes", "message"])
            }
        default:
            if event.type.hasPrefix("rollback_") { incident.rollbackEvents.append(event) }
        }
    }
}
