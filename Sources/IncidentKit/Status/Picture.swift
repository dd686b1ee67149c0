import Foundation

/// One incident evaluated at an instant: its timers and its place on the escalation ladder.
public struct IncidentView: Sendable {
    public var incident: Incident
    public var timers: [TimerStatus]
    public var escalation: EscalationStatus
    public var severityRank: Int
    public var critical: Bool

    /// The live timer closest to (or furthest past) its deadline.
    public var mostUrgentTimer: TimerStatus? {
        timers.filter(\.isLive).min { $0.remainingSeconds < $1.remainingSeconds }
    }

    public var hasBreach: Bool { timers.contains { $0.state == .breached } }
}

public struct NodeView: Sendable {
    public var node: NodeState
    public var stale: Bool
    /// The last cycle of its runner's log, when it has one (raw lines; sanitise to show).
    public var lastCycleLog: [String] = []
}

/// The whole picture at one instant: what `status` prints and the console draws.
public struct Picture: Sendable {
    public var now: Date
    public var root: String
    public var policy: Policy
    /// Every incident, most pressing first: active before resolved, then severity, then urgency.
    public var incidents: IncidentList
    public var signals: [Signal]
    public var nodes: [NodeView]
    public var warnings: [ArtifactWarning]
    public var gateway: GatewayState?
    public var reconciliations: [ReconciliationSummary]
    public var dataQuality: [DataQualityReading]
    /// Where the root's source profile keeps its runs (`results/runs` in Sitrep's layout).
    public var runsDirectory = SourceProfile.Files().runs
    /// False when the root holds no artifact at all (empty, or a mistyped path): nothing is
    /// known, which is not the same as all quiet.
    public var artifactsFound = true
    /// Recent values per subject (reconciliation outcomes, uptime, data-quality errors).
    public var trends = Trends()
    /// Followed files left unread because the process ran out of file descriptors.
    public var filesWithoutDescriptor = 0

    /// The active incidents (`incidents` lists them first).
    public var activeIncidents: [IncidentView] { incidents.active }

    /// Signals no active incident was declared for.
    public var uncoveredSignals: [Signal] {
        let covered = coveredSignalKeys
        return signals.filter { !Picture.isCovered($0, by: covered) }
    }

    /// Whether an active incident was declared for a signal, given `coveredSignalKeys`.
    public static func isCovered(_ signal: Signal, by covered: Set<String>) -> Bool {
        covered.contains(signal.key) || covered.contains(signal.detector.rawValue)
    }

    /// The signal keys (and detectors) the active incidents were declared for.
    public var coveredSignalKeys: Set<String> {
        Set(
            activeIncidents.flatMap { view -> [String] in
                var keys: [String] = []
                if let source = view.incident.source, source.hasPrefix("detector:") {
                    keys.append(
                        view.incident.timeline.first?.string("subject").map { "\(source.dropFirst(9)):\($0)" }
                            ?? String(source.dropFirst(9)))
                }
                // A writer's own incident named after the SLO it breached (trading-bot's SLO
                // monitor opens one per breach) covers that SLO's breach signal in its run.
                if let name = view.incident.name, let run = view.incident.runID {
                    keys.append("\(DetectorKind.sloBreach.rawValue):\(run)/\(name)")
                }
                return keys
            })
    }
}

public enum PictureBuilder {
    public static func build(store: ArtifactStore, policy: Policy, now: Date) -> Picture {
        build(store: store, policy: policy, now: now, folded: IncidentFolder.fold(store.journalEvents, policy: policy))
    }

    public static func build(store: ArtifactStore, policy: Policy, now: Date, folded: IncidentFolder.Result) -> Picture
    {
        let parts = StoreParts(store: store)
        let views = (folded.incidents + parts.loggedIncidents(besides: folded.incidents, policy: policy)).map {
            view(of: $0, policy: policy, now: now)
        }
        return assemble(
            parts, store: store, policy: policy, now: now, nodes: PreparedNodes(parts, policy: policy).views(at: now),
            incidents: IncidentList(views.sorted { isMorePressing($0, $1) }),
            signals: SignalDetector.detect(store: store, policy: policy, now: now), foldWarnings: folded.warnings)
    }

    /// One incident evaluated at `now`.
    public static func view(of incident: Incident, policy: Policy, now: Date) -> IncidentView {
        let severity = policy.severity(named: incident.severity)
        return IncidentView(
            incident: incident, timers: TimerEvaluator.evaluate(incident, policy: policy, now: now),
            escalation: EscalationEvaluator.evaluate(incident, policy: policy, now: now),
            severityRank: policy.rank(of: incident.severity), critical: severity?.critical ?? false)
    }

    /// What a picture takes from the store, read once per change of the store rather than
    /// once per instant.
    public struct StoreParts {
        var root: String
        var profile: SourceProfile
        var nodes: [NodeState]
        var runnerCycle: (nodePath: String?, lines: [String])
        var logged: [LoggedIncident]
        var warnings: [ArtifactWarning]
        var gateway: GatewayState?
        var reconciliations: [ReconciliationSummary]
        var dataQuality: [DataQualityReading]
        var filesWithoutDescriptor: Int

        public init(store: ArtifactStore) {
            root = store.root
            profile = store.profile
            nodes = store.nodes
            runnerCycle = store.runnerLastCycle
            logged = store.loggedIncidents
            warnings = store.warnings
            gateway = store.gateway
            reconciliations = store.reconciliations.values.sorted { $0.path < $1.path }
            dataQuality = store.dataQuality
            filesWithoutDescriptor = store.filesWithoutDescriptor
        }

        /// The open incidents of a read-only incident log that no journal has.
        public func loggedIncidents(besides journal: [Incident], policy: Policy) -> [Incident] {
            guard !logged.isEmpty else { return [] }
            let journalIDs = Set(journal.map(\.id))
            return loggedIncidents(policy: policy) { journalIDs.contains($0) }
        }

        /// The open incidents of a read-only incident log whose id `inJournal` does not know.
        public func loggedIncidents(policy: Policy, inJournal: (String) -> Bool) -> [Incident] {
            logged.filter { $0.isOpen && !inJournal($0.id) }.map { $0.incident(policy: policy) }
        }
    }

    /// A picture from incidents already evaluated and sorted (most pressing first).
    public static func assemble(
        _ parts: StoreParts, store: ArtifactStore, policy: Policy, now: Date, nodes: [NodeView],
        incidents: IncidentList, signals: [Signal], foldWarnings: [ArtifactWarning]
    ) -> Picture {
        var picture = Picture(
            now: now, root: parts.root, policy: policy, incidents: incidents,
            signals: signals, nodes: nodes,
            warnings: parts.warnings + foldWarnings, gateway: parts.gateway, reconciliations: parts.reconciliations,
            dataQuality: parts.dataQuality, runsDirectory: parts.profile.files.runs,
            filesWithoutDescriptor: parts.filesWithoutDescriptor)
        picture.artifactsFound = store.foundAnyArtifact
        picture.trends = store.trends
        return picture
    }

    /// Active before resolved, then by the key: severity (then the nearest deadline), the
    /// nearest deadline (then severity), or age (newest first).
    public static func isMorePressing(_ a: IncidentView, _ b: IncidentView, by key: IncidentSortKey = .severity)
        -> Bool
    {
        if a.incident.isActive != b.incident.isActive { return a.incident.isActive }
        let ua = a.mostUrgentTimer?.remainingSeconds ?? Int.max
        let ub = b.mostUrgentTimer?.remainingSeconds ?? Int.max
        switch key {
        case .severity:
            if a.severityRank != b.severityRank { return a.severityRank < b.severityRank }
            if ua != ub { return ua < ub }
        case .deadline:
            if ua != ub { return ua < ub }
            if a.severityRank != b.severityRank { return a.severityRank < b.severityRank }
        case .age:
            if a.incident.openedAt != b.incident.openedAt { return a.incident.openedAt > b.incident.openedAt }
        }
        if a.incident.openedAt != b.incident.openedAt { return a.incident.openedAt < b.incident.openedAt }
        return a.incident.id < b.incident.id
    }
}
