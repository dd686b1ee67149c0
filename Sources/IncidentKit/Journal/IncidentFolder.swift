import Foundation

/// Folds journal events from every journal under the root into incidents. Events are ordered by
/// `ts`, equal times keep read order; an `event_id` its incident saw before is ignored; the first
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

    /// Brings back a compact incident's events when a late event has to be folded into it.
    public protocol Recall {
        /// The events at `refs`, in order; nil when they are no longer where they were read.
        func events(of id: String, at refs: [JournalEventRef]) -> [JournalEvent]?
        /// The compact incident as last handed out, to fold on top of when its events are gone.
        func compactIncident(_ id: String) -> Incident?
    }

    /// A fold that can go on. Each incident is folded in its own order (`ts`, then read order):
    /// an event that sorts after its incident's last one is applied on top, an earlier one
    /// refolds that incident alone. Folding only ever orders events within an incident, so this
    /// gives what a fold of everything gives.
    ///
    /// With `compactResolved`, a resolved incident is handed out once by `takeChanged()` in
    /// compact form (its events left on disk, `Incident.compactEvents`) and not kept here beyond
    /// where its events are: memory follows the live incidents, not the history.
    public struct Folding {
        let policy: Policy
        let compactResolved: Bool
        /// Digests of the de-duplication keys (a per-process seeded hash: a writer cannot aim a
        /// collision at another writer's event).
        private var seen = Set<Int>()
        private var duplicates = 0
        private var whole: [String: Incident] = [:]
        /// The last event folded into each whole incident, in fold order.
        private var lastKey: [String: FoldKey] = [:]
        /// Compact incidents changed since the last `takeChanged()`.
        private var handout: [String: Incident] = [:]
        private var order: [String] = []
        private var orphans: [String: [JournalEvent]] = [:]
        private var warnings: [ArtifactWarning] = []
        private var changed = Set<String>()

        public init(policy: Policy, compactResolved: Bool = false) {
            self.policy = policy
            self.compactResolved = compactResolved
        }

        /// Events with a readable `ts` are folded; the others are warned about and ignored.
        public mutating func add(_ events: some Collection<JournalEvent>, recall: (any Recall)? = nil) {
            let ordered = events.filter { event in
                if event.ts == nil {
                    warnings.append(
                        ArtifactWarning(
                            path: event.journal, line: event.line, message: "event without a readable ts; ignored"))
                    return false
                }
                return true
            }.sorted { FoldKey($0) < FoldKey($1) }
            for event in ordered { add(event, recall: recall) }
            if compactResolved {
                for id in touched where whole[id]?.isActive == false { compactNow(id) }
                touched.removeAll(keepingCapacity: true)
            }
        }

        /// The de-duplication key's digest within its incident, with this process's seed. Within
        /// its incident: the digests of a compact incident's events are let go, and an event of
        /// another incident must not be taken for a duplicate only while they are held.
        private static func digest(_ event: JournalEvent) -> Int {
            var hasher = Hasher()
            hasher.combine(event.incidentID)
            hasher.combine(event.dedupeKey)
            return hasher.finalize()
        }

        /// Incidents an `add` changed, to compact the resolved ones after it.
        private var touched = Set<String>()

        /// A resolved incident's events are left on disk at once, not when it is handed out: a
        /// long history read between two pictures would otherwise hold them all.
        private mutating func compactNow(_ id: String) {
            guard let incident = whole[id], !incident.timeline.isEmpty else { return }
            let refs = incident.timeline.compactMap(JournalEventRef.init)
            // An event that was not read from a file cannot be found again: kept whole.
            guard refs.count == incident.timeline.count else { return }
            whole[id] = nil
            // Its events' digests go with it: the set holds the live incidents' events, not the
            // history's (a late duplicate brings the incident back, digests and all).
            for event in incident.timeline { seen.remove(Folding.digest(event)) }
            lastKey[id] = nil
            handout[id] = incident.compacted(refs: refs)
        }

        private mutating func add(_ event: JournalEvent, recall: (any Recall)?) {
            let id = event.incidentID
            // A compact incident's events are no longer among `seen`: held whole again first,
            // they are, and a duplicate of one of them is caught like any other.
            if let id, whole[id] == nil, let held = handout[id] ?? recall?.compactIncident(id), held.isCompact {
                bringBack(held, recall: recall)
            }
            guard seen.insert(Folding.digest(event)).inserted else {
                duplicates += 1
                return
            }
            guard let id else {
                if event.type.hasPrefix("incident_") || event.type.hasPrefix("rollback_") {
                    warnings.append(
                        ArtifactWarning(
                            path: event.journal, line: event.line, message: "\(event.type) without incident_id; ignored"
                        ))
                }
                return
            }
            touched.insert(id)
            guard var incident = whole[id] else {
                if event.type == JournalEventType.open {
                    var opened = IncidentFolder.open(event, id: id, policy: policy)
                    for pending in (orphans.removeValue(forKey: id) ?? []).sorted(by: { FoldKey($0) < FoldKey($1) }) {
                        IncidentFolder.apply(pending, to: &opened, policy: policy)
                    }
                    whole[id] = opened
                    lastKey[id] = opened.timeline.map(FoldKey.init).max()
                    if !compactResolved { order.append(id) }
                    changed.insert(id)
                } else {
                    orphans[id, default: []].append(event)
                }
                return
            }
            changed.insert(id)
            let key = FoldKey(event)
            if let last = lastKey[id], key < last {
                whole[id] = refold(incident.timeline + [event], id: id)
                return
            }
            lastKey[id] = key
            if event.type == JournalEventType.open {
                if incident.journal != event.journal {
                    // Ids are unique across journals: whoever can write another journal must
                    // not take over an incident (and its acknowledgments) by reusing its id.
                    warnings.append(
                        ArtifactWarning(
                            path: event.journal, line: event.line,
                            message: "incident_open of \(id), which \(incident.journal) opened first; ignored"))
                    return
                }
                incident.timeline.append(event)
            } else {
                IncidentFolder.apply(event, to: &incident, policy: policy)
            }
            whole[id] = incident
        }

        /// One incident folded again from its events (already de-duplicated).
        private func refold(_ events: [JournalEvent], id: String) -> Incident? {
            var again = Folding(policy: policy)
            again.add(events)
            return again.whole[id]
        }

        /// A compact incident held whole again, to fold a late event into: from its events read
        /// back, else (its journal rotated or rewritten) from its compact form, with a warning.
        /// Which incidents are compact, and where their events are, the recall keeps (the live
        /// picture holds them anyway), until they are handed out, `handout`.
        private mutating func bringBack(_ held: Incident, recall: (any Recall)?) {
            let id = held.id
            handout[id] = nil
            if let events = recall?.events(of: id, at: held.compactEvents), let incident = refold(events, id: id) {
                whole[id] = incident
                lastKey[id] = events.filter { $0.ts != nil }.map(FoldKey.init).max()
                for event in events { seen.insert(Folding.digest(event)) }
                return
            }
            warnings.append(
                ArtifactWarning(
                    path: held.journal, line: nil,
                    message: "events of \(id) could not be read back (the journal was rotated or rewritten); "
                        + "later events are folded onto what was read before"))
            // No last event to order against: whatever comes is applied on top.
            whole[id] = held
        }

        /// The incidents changed since the last call; with `compactResolved`, resolved ones come
        /// compact and are no longer held here.
        public mutating func takeChanged() -> [Incident] {
            defer {
                changed = []
                handout = [:]
            }
            return changed.compactMap { id in whole[id] ?? handout[id] }
        }

        /// Every warning so far, with those about events of incidents never opened.
        public var currentWarnings: [ArtifactWarning] {
            var all = warnings
            for (id, events) in orphans {
                for event in events where event.type.hasPrefix("incident_") || event.type.hasPrefix("rollback_") {
                    all.append(
                        ArtifactWarning(
                            path: event.journal, line: event.line, message: "\(event.type) for unknown incident \(id)"))
                }
            }
            return all
        }

        public var duplicatesIgnored: Int { duplicates }

        /// Everything folded, in the order incidents were opened (only for folds without
        /// `compactResolved`, which hand out what changed instead).
        public var result: Result {
            Result(
                incidents: order.compactMap { whole[$0] }, warnings: currentWarnings, duplicatesIgnored: duplicates)
        }
    }

    /// Fold order: `ts`, then read order.
    struct FoldKey: Comparable {
        var ts: Date
        var sequence: Int

        init(_ event: JournalEvent) {
            ts = event.ts!
            sequence = event.sequence
        }

        static func < (a: FoldKey, b: FoldKey) -> Bool { a.ts != b.ts ? a.ts < b.ts : a.sequence < b.sequence }
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
