import Foundation

public enum IncidentState: String, Sendable, Comparable {
    case open, acknowledged, mitigated, resolved

    private var order: Int {
        switch self {
        case .open: return 0
        case .acknowledged: return 1
        case .mitigated: return 2
        case .resolved: return 3
        }
    }
    public static func < (a: IncidentState, b: IncidentState) -> Bool { a.order < b.order }
}

/// An incident as folded from its journal events.
public struct Incident: Sendable {
    public struct Note: Sendable {
        public var at: Date
        public var by: String?
        public var text: String?
    }

    public struct Escalation: Sendable {
        public var at: Date
        public var level: Int
        public var by: String?
        public var reason: String?
    }

    public var id: String
    /// The policy's canonical id when the journal's string names one, else the string as written.
    public var severity: String
    public var severityKnown: Bool
    public var title: String
    public var openedAt: Date
    public var openedBy: String?
    public var source: String?
    public var runID: String?
    /// The journal the incident was opened in, relative to the root; writes go there.
    public var journal: String
    /// What the writer named it (the trading bot's breached SLO `name`), shown beside the title.
    public var name: String?
    /// When the writer's own SLA monitor recorded the acknowledgment SLA breached.
    public var recordedSLABreach: Date?
    /// Read from a log Sitrep does not write (see `LoggedIncident`); writes are refused.
    public var readOnly = false

    public var ack: Note?
    public var mitigation: Note?
    public var resolution: Note?
    public var updates: [Note] = []
    public var escalations: [Escalation] = []
    public var rollbackEvents: [JournalEvent] = []
    /// Every event of the incident in fold order.
    public var timeline: [JournalEvent] = []
    /// A resolved incident kept compact by a live fold: its events are left on disk, here in
    /// fold order, and `timeline` and `rollbackEvents` are empty until read back.
    public var compactEvents: [JournalEventRef] = []

    /// Whether the events are on disk only (see `compactEvents`).
    public var isCompact: Bool { !compactEvents.isEmpty }

    /// How many events were folded into it, whether held or left on disk.
    public var eventCount: Int { timeline.count + compactEvents.count }

    /// The same incident without its events, which stay on disk at `refs`, nor its updates
    /// (the list shows none; the detail view and reports read them back).
    func compacted(refs: [JournalEventRef]) -> Incident {
        var compact = self
        compact.timeline = []
        compact.rollbackEvents = []
        compact.updates = []
        compact.compactEvents = refs
        return compact
    }

    public var state: IncidentState {
        if resolution != nil { return .resolved }
        if mitigation != nil { return .mitigated }
        if ack != nil { return .acknowledged }
        return .open
    }

    public var isActive: Bool { resolution == nil }

    /// The highest level recorded by `incident_escalate`, 1 before any.
    public var recordedLevel: Int { escalations.map(\.level).max().map { max(1, $0) } ?? 1 }

    /// When the incident first reached a lifecycle point (or any later one).
    public func reached(_ point: StopPoint) -> Date? {
        let candidates: [Date?]
        switch point {
        case .acknowledged: candidates = [ack?.at, mitigation?.at, resolution?.at]
        case .mitigated: candidates = [mitigation?.at, resolution?.at]
        case .resolved: candidates = [resolution?.at]
        }
        return candidates.compactMap { $0 }.min()
    }
}
