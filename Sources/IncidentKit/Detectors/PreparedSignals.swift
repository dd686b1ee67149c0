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
        entries.indices.flatMap { index in
            let entry = entries[index]
            if let fixed = entry.fixed { return fixed }
            guard let heartbeats = entry.heartbeats else {
                return SignalDetector.detect(
                    entry.spec, store: store, policy: policy, nodes: [], gateway: gateway, now: now)
            }
            if let kept = memo.heartbeats[index], kept.from <= now, now < kept.until { return kept.signals }
            let signals = SignalDetector.detect(
                entry.spec, store: store, policy: policy, nodes: [], gateway: gateway, now: now,
                heartbeats: heartbeats)
            memo.heartbeats[index] = Memo.Kept(
                signals: signals, from: now, until: PreparedSignals.unchangedUntil(heartbeats, from: now))
            return signals
        }
    }

    /// Stale-heartbeat signals change when a node goes stale and when a stale node's age, as
    /// written, changes (each second below an hour, each minute or hour above): until then the
    /// signals worked out at one instant are those of the next, and a thousand stale nodes cost
    /// a comparison a second, not a thousand messages.
    static func unchangedUntil(_ watches: [SignalDetector.HeartbeatWatch], from now: Date) -> Date {
        var until = Date.distantFuture
        for watch in watches {
            let staleAt = watch.last.addingTimeInterval(watch.after)
            let age = now.timeIntervalSince(watch.last)
            if age <= watch.after {
                until = min(until, PreparedNodes.justAfter(staleAt))
            } else {
                let shown = CheckedNumber.int(clamping: age)
                until = min(until, watch.last.addingTimeInterval(TimeInterval(SpanFormat.nextChange(after: shown))))
            }
        }
        return until
    }

    /// The heartbeat signals last worked out, by entry: a class, so the prepared signals stay a
    /// value that the picture holds while the memo fills in.
    private final class Memo {
        struct Kept {
            var signals: [Signal]
            var from: Date
            var until: Date
        }
        var heartbeats: [Int: Kept] = [:]
    }

    private let memo = Memo()
}
