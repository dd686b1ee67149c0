import Foundation

/// Keeps a picture of a live root: refolds the journals only when the store saw new data, and
/// re-evaluates timers, escalation and detectors for each new instant.
public final class LivePicture {
    public let store: ArtifactStore
    public let policy: Policy
    private var folded: IncidentFolder.Result?
    private var foldedGeneration = -1

    public init(store: ArtifactStore, policy: Policy) {
        self.store = store
        self.policy = policy
    }

    public func picture(at now: Date) -> Picture {
        if folded == nil || foldedGeneration != store.generation {
            folded = IncidentFolder.fold(store.journalEvents, policy: policy)
            foldedGeneration = store.generation
        }
        return PictureBuilder.build(store: store, policy: policy, now: now, folded: folded!)
    }

    /// The incidents as last folded (for writes that need the current state).
    public var incidents: [Incident] { folded?.incidents ?? [] }
}
