import Foundation

/// The signals of a store as of one change of its files. Detectors that read only the files run
/// once per change; those that change with the clock (a stale heartbeat, a halt with an end)
/// run at each instant on what was worked out once, so an idle console's second costs the
/// nodes' clock comparisons, not the detectors.
public struct PreparedSignals {
    private struct Entry {
        var spec: DetectorSpec
        /// The signals, when they do not depend on the clock.
        var fixed: [Signal]?
        var heartbeats: [SignalDetector.HeartbeatWatch]?
    }

    private let entries: [Entry]
    private let store: ArtifactStore
    private let policy: Policy
    private let gateway: GatewayState?

    public init(store: ArtifactStore, policy: Policy) {
        self.store = store
        self.policy = policy
        let nodes = store.nodes
        let gateway = store.gateway
        self.gateway = gateway
        entries = policy.detectors.map { spec in
            if spec.kind == .heartbeatStale {
                return Entry(spec: spec, heartbeats: SignalDetector.heartbeatWatches(nodes, spec: spec, store: store))
            }
            if SignalDetector.isTimed(spec.kind) { return Entry(spec: spec) }
            return Entry(
                spec: spec,
                fixed: SignalDetector.detect(
                    spec, store: store, policy: policy, nodes: nodes, gateway: gateway, now: .distantPast))
        }
    }

    /// The signals at `now`, as `SignalDetector.detect` gives them.
    public func signals(at now: Date) -> [Signal] {
        entries.flatMap { entry in
            entry.fixed
                ?? SignalDetector.detect(
                    entry.spec, store: store, policy: policy, nodes: [], gateway: gateway, now: now,
                    heartbeats: entry.heartbeats)
        }
    }
}
