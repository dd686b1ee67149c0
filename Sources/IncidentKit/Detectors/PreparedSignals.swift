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
            return memo.heartbeats(index, heartbeats, spec: entry.spec, at: now)
        }
    }

    /// Each stale-heartbeat signal changes when its node goes stale and when its age, as
    /// written, changes (each second below an hour, each minute or hour above). Each is kept
    /// until then: a thousand stale nodes, whose minutes turn at different seconds, cost a
    /// comparison each a second and a message each a minute, not a thousand messages a second.
    static func unchangedUntil(_ watch: SignalDetector.HeartbeatWatch, from now: Date) -> Date {
        let age = now.timeIntervalSince(watch.last)
        if age <= watch.after { return PreparedNodes.justAfter(watch.last.addingTimeInterval(watch.after)) }
        let shown = CheckedNumber.int(clamping: age)
        return watch.last.addingTimeInterval(TimeInterval(SpanFormat.nextChange(after: shown)))
    }

    /// The heartbeat signals last worked out, by entry: a class, so the prepared signals stay a
    /// value that the picture holds while the memo fills in.
    private final class Memo {
        struct Kept {
            /// Each watch's signal (nil: not late) and the instant it may change.
            var slots: [(signal: Signal?, until: Date)]
            var from: Date
            var until: Date
            var signals: [Signal]
        }
        var kept: [Int: Kept] = [:]

        func heartbeats(
            _ index: Int, _ watches: [SignalDetector.HeartbeatWatch], spec: DetectorSpec, at now: Date
        ) -> [Signal] {
            func slot(_ watch: SignalDetector.HeartbeatWatch) -> (signal: Signal?, until: Date) {
                (SignalDetector.staleHeartbeat(watch, spec: spec, now: now), unchangedUntil(watch, from: now))
            }
            // A clock set back starts over; otherwise only the watches whose text may have changed.
            guard var held = kept[index], held.from <= now else {
                let slots = watches.map(slot)
                let fresh = Kept(
                    slots: slots, from: now, until: slots.map(\.until).min() ?? .distantFuture,
                    signals: slots.compactMap(\.signal))
                kept[index] = fresh
                return fresh.signals
            }
            guard now >= held.until else { return held.signals }
            for i in held.slots.indices where held.slots[i].until <= now { held.slots[i] = slot(watches[i]) }
            held.from = now
            held.until = held.slots.map(\.until).min() ?? .distantFuture
            held.signals = held.slots.compactMap(\.signal)
            kept[index] = held
            return held.signals
        }
    }

    private let memo = Memo()
}
