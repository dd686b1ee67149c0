import Foundation

/// Keeps a picture of a live root with work proportional to what is live. New journal events
/// that sort after the folded ones are folded on top (no refold of the history); a resolved
/// incident whose evaluation no longer depends on the clock is evaluated and sorted once, when
/// it changes, not at every instant; what comes from the store is read once per change of the
/// store. Each instant evaluates and sorts only the active incidents.
public final class LivePicture {
    public let store: ArtifactStore
    public let policy: Policy
    private var folding: IncidentFolder.Folding
    /// How many of the store's journal events are folded.
    private var foldedEvents = 0
    private var folded: IncidentFolder.Result?
    private var foldedGeneration = -1
    private var parts: PictureBuilder.StoreParts?

    /// Incidents evaluated at each instant: the active ones, and resolved ones whose
    /// resolution is still ahead of the clock (`--now` in the past).
    private var live: [Incident] = []
    /// Resolved incidents, evaluated and sorted most pressing first. Their timers stopped and
    /// every escalation rule settled at the resolution, so the evaluation holds from then on.
    private var frozen: [IncidentView] = []
    /// The evaluation of `frozen` holds at instants from here on.
    private var frozenFrom = Date.distantPast
    /// Resolved views by id, with the timeline length they were evaluated at.
    private var frozenByID: [String: (view: IncidentView, events: Int)] = [:]

    public init(store: ArtifactStore, policy: Policy) {
        self.store = store
        self.policy = policy
        folding = IncidentFolder.Folding(policy: policy)
    }

    public func picture(at now: Date) -> Picture {
        if folded == nil || foldedGeneration != store.generation {
            fold()
            parts = PictureBuilder.StoreParts(store: store)
            foldedGeneration = store.generation
            partition(at: now)
        } else if now < frozenFrom {
            partition(at: now)
        }
        var active: [IncidentView] = []
        var resolved: [IncidentView] = []
        for incident in live {
            let view = PictureBuilder.view(of: incident, policy: policy, now: now)
            if incident.isActive { active.append(view) } else { resolved.append(view) }
        }
        active.sort { PictureBuilder.isMorePressing($0, $1) }
        var incidents = active + frozen
        // Resolved after this instant (a clock behind the journal): few, inserted in order
        // rather than sorting the whole resolved history again at every instant.
        for view in resolved.sorted(by: { PictureBuilder.isMorePressing($0, $1) }) {
            incidents.insert(view, at: LivePicture.insertionIndex(of: view, in: incidents, from: active.count))
        }
        return PictureBuilder.assemble(
            parts!, store: store, policy: policy, now: now, incidents: incidents, foldWarnings: folded!.warnings)
    }

    /// The incidents as last folded (for writes that need the current state).
    public var incidents: [Incident] { folded?.incidents ?? [] }

    private func fold() {
        let events = store.journalEvents
        let fresh = events.count >= foldedEvents ? events[foldedEvents...] : events[...]
        if events.count < foldedEvents || !folding.canAppend(fresh) {
            folding = IncidentFolder.Folding(policy: policy)
            folding.add(events)
        } else {
            folding.add(fresh)
        }
        foldedEvents = events.count
        folded = folding.result
    }

    /// Splits the folded incidents into those evaluated at each instant and those frozen;
    /// a resolved incident is evaluated again only when its timeline grew.
    private func partition(at now: Date) {
        live = []
        var fresh: [IncidentView] = []
        var byID: [String: (view: IncidentView, events: Int)] = [:]
        var from = Date.distantPast
        let journal = folded!.incidents
        for incident in journal + parts!.loggedIncidents(besides: journal, policy: policy) {
            guard let resolution = incident.resolution, resolution.at <= now else {
                live.append(incident)
                continue
            }
            if let cached = frozenByID[incident.id], cached.events == incident.timeline.count {
                byID[incident.id] = cached
            } else {
                let view = PictureBuilder.view(of: incident, policy: policy, now: now)
                byID[incident.id] = (view, incident.timeline.count)
                fresh.append(view)
            }
            from = max(from, resolution.at)
        }
        frozenFrom = from
        defer { frozenByID = byID }
        if fresh.isEmpty, byID.count == frozen.count { return }
        // Sorting every resolved incident again at each change was the console's largest
        // cost on a long history: keep the sorted list, drop what changed or went, and insert
        // the new views where they belong.
        let replaced = Set(fresh.map(\.incident.id))
        var kept = frozen.filter { byID[$0.incident.id] != nil && !replaced.contains($0.incident.id) }
        if fresh.count > kept.count / 8 {
            frozen = (kept + fresh).sorted(by: { PictureBuilder.isMorePressing($0, $1) })
            return
        }
        for view in fresh.sorted(by: { PictureBuilder.isMorePressing($0, $1) }) {
            kept.insert(view, at: LivePicture.insertionIndex(of: view, in: kept, from: 0))
        }
        frozen = kept
    }

    /// Where `view` goes in `sorted` (most pressing first) at or after `from`, after its equals.
    private static func insertionIndex(of view: IncidentView, in sorted: [IncidentView], from: Int) -> Int {
        var low = from
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if PictureBuilder.isMorePressing(view, sorted[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
