import Foundation

/// Keeps a picture of a live root with work and memory proportional to what is live. Journal
/// events are taken from the store as they are read and folded per incident (a late event
/// refolds its incident only). A resolved incident is kept compact: its events stay on disk
/// (read back by offset for the detail view and reports), it is evaluated and placed in the
/// sorted resolved list once, when it changes, and never again at each instant. What comes from
/// the store is read once per change of the store. Each instant evaluates and sorts only the
/// active incidents.
public final class LivePicture {
    public let store: ArtifactStore
    public let policy: Policy
    private var folding: IncidentFolder.Folding
    private var foldedGeneration = -1
    private var parts: PictureBuilder.StoreParts?
    private var prepared: PreparedSignals?
    private var preparedNodes: PreparedNodes?
    private var foldWarnings: [ArtifactWarning] = []

    /// Incidents evaluated at each instant: the active ones, and resolved ones whose
    /// resolution is still ahead of the clock (`--now` in the past).
    private var live: [String: Incident] = [:]
    /// Open incidents of a read-only incident log that no journal has (evaluated each instant).
    private var logged: [Incident] = []
    /// Resolved incidents, compact, evaluated once and sorted most pressing first. Their timers
    /// stopped and every escalation rule settled at the resolution, so the evaluation holds
    /// from then on; the timers are left out (the detail view evaluates the incident read back).
    private var frozen: [ResolvedView] = []
    private var frozenIDs = Set<String>()
    /// The latest resolution in `frozen`: at an instant before it, some are not resolved yet.
    private var frozenFrom = Date.distantPast

    public init(store: ArtifactStore, policy: Policy) {
        self.store = store
        self.policy = policy
        folding = IncidentFolder.Folding(policy: policy, compactResolved: true)
        store.journalSink = { [unowned self] events in folding.add(events, recall: self) }
    }

    public func picture(at now: Date) -> Picture {
        if foldedGeneration != store.generation {
            absorb(at: now)
            parts = PictureBuilder.StoreParts(store: store)
            prepared = PreparedSignals(store: store, policy: policy)
            preparedNodes = PreparedNodes(parts!, policy: policy)
            logged = parts!.loggedIncidents(policy: policy) { [self] id in live[id] != nil || frozenIDs.contains(id) }
            foldWarnings = folding.currentWarnings
            foldedGeneration = store.generation
        }
        if now < frozenFrom { thaw(at: now) }
        freezeResolved(at: now)
        var active: [IncidentView] = []
        var ahead: [IncidentView] = []
        for incident in Array(live.values) + logged {
            let view = PictureBuilder.view(of: incident, policy: policy, now: now)
            if incident.isActive { active.append(view) } else { ahead.append(view) }
        }
        active.sort { PictureBuilder.isMorePressing($0, $1) }
        // Resolved after this instant (a clock behind the journal): few, placed among the
        // shared resolved history rather than copying or sorting it at every instant.
        let incidents = IncidentList(
            active: active, resolved: frozen, placing: ahead.sorted { PictureBuilder.isMorePressing($0, $1) },
            by: { PictureBuilder.isMorePressing($0, $1) })
        return PictureBuilder.assemble(
            parts!, store: store, policy: policy, now: now, nodes: preparedNodes!.views(at: now), incidents: incidents,
            signals: prepared!.signals(at: now), foldWarnings: foldWarnings)
    }

    /// Every incident as last folded, resolved ones compact (for writes, which need the state,
    /// not the events).
    public var incidents: [Incident] { Array(live.values) + frozen.map(\.view.incident) }

    /// Whether an incident with this id was folded (or is in the read-only incident log).
    public func knows(_ id: String) -> Bool {
        live[id] != nil || frozenIDs.contains(id) || logged.contains { $0.id == id }
    }

    /// One incident as last folded, with its events: a compact one is read back from its
    /// journals (still compact, with no timeline, when they were rotated or rewritten since).
    public func incident(withID id: String) -> Incident? {
        if let incident = live[id] { return incident.isCompact ? readBack(incident) ?? incident : incident }
        guard let compact = frozenIncident(id) else {
            return logged.first { $0.id == id }
        }
        return readBack(compact) ?? compact
    }

    /// A resolved incident as the list holds it (compact).
    private func frozenIncident(_ id: String) -> Incident? {
        guard frozenIDs.contains(id) else { return nil }
        return frozen.first { $0.view.incident.id == id }?.view.incident
    }

    private func readBack(_ compact: Incident) -> Incident? {
        guard let events = events(of: compact.id, at: compact.compactEvents) else { return nil }
        return IncidentFolder.fold(events, policy: policy).incidents.first { $0.id == compact.id }
    }

    /// Folds what the store read since the last change and places the incidents that changed.
    private func absorb(at now: Date) {
        folding.add(store.takeJournalEvents(), recall: self)  // any read before the sink was set
        var fresh: [ResolvedView] = []
        var replaced = Set<String>()
        for incident in folding.takeChanged() {
            if frozenIDs.contains(incident.id) { replaced.insert(incident.id) }
            if let resolution = incident.resolution, resolution.at <= now {
                live[incident.id] = nil
                fresh.append(LivePicture.frozenView(of: incident, policy: policy, now: now))
            } else {
                live[incident.id] = incident
            }
        }
        merge(fresh, replacing: replaced)
    }

    /// A resolved incident as the list shows it, without its (stopped) timers.
    private static func frozenView(of incident: Incident, policy: Policy, now: Date) -> ResolvedView {
        var view = PictureBuilder.view(of: incident, policy: policy, now: now)
        view.timers = []
        return ResolvedView(view)
    }

    /// Resolved incidents held live because their resolution was ahead of the clock, now behind it.
    private func freezeResolved(at now: Date) {
        let due = live.values.filter { incident in incident.resolution.map { $0.at <= now } ?? false }
        guard !due.isEmpty else { return }
        for incident in due { live[incident.id] = nil }
        merge(due.map { LivePicture.frozenView(of: $0, policy: policy, now: now) }, replacing: [])
    }

    /// A clock moved behind some resolutions: those incidents are evaluated at each instant again.
    private func thaw(at now: Date) {
        var kept: [ResolvedView] = []
        for held in frozen {
            let incident = held.view.incident
            if let resolution = incident.resolution, resolution.at > now {
                live[incident.id] = incident
                frozenIDs.remove(incident.id)
            } else {
                kept.append(held)
            }
        }
        frozen = kept
        frozenFrom = kept.compactMap { $0.view.incident.resolution?.at }.max() ?? .distantPast
    }

    /// Sorting every resolved incident again at each change was the console's largest cost on
    /// a long history: the sorted list is kept, what changed is dropped, and new views are
    /// inserted where they belong.
    private func merge(_ fresh: [ResolvedView], replacing replaced: Set<String>) {
        if !replaced.isEmpty { frozen.removeAll { replaced.contains($0.view.incident.id) } }
        guard !fresh.isEmpty else { return }
        for held in fresh {
            frozenIDs.insert(held.view.incident.id)
            if let at = held.view.incident.resolution?.at { frozenFrom = max(frozenFrom, at) }
        }
        if fresh.count > frozen.count / 8 {
            frozen = (frozen + fresh).sorted { PictureBuilder.isMorePressing($0.view, $1.view) }
            return
        }
        for held in fresh.sorted(by: { PictureBuilder.isMorePressing($0.view, $1.view) }) {
            frozen.insert(held, at: LivePicture.insertionIndex(of: held.view, in: frozen))
        }
    }

    /// Where `view` goes in `sorted` (most pressing first), after its equals.
    private static func insertionIndex(of view: IncidentView, in sorted: [ResolvedView]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if PictureBuilder.isMorePressing(view, sorted[middle].view) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension LivePicture: IncidentFolder.Recall {
    public func events(of id: String, at refs: [JournalEventRef]) -> [JournalEvent]? {
        JournalReadBack.events(refs, root: store.root, incidentID: id, naiveZone: store.profile.naiveZone)
    }

    public func compactIncident(_ id: String) -> Incident? {
        live[id] ?? frozenIncident(id)
    }
}
