import Foundation

/// The nodes of a store as of one change of its files, with whether each is stale at an
/// instant. A node's view changes only when it goes stale, so the views worked out at one
/// instant serve every instant until the next node's heartbeat runs late: an idle console with
/// a thousand nodes copies them once per change, not once a second.
public struct PreparedNodes {
    private let nodes: [NodeState]
    /// How long after its last heartbeat each node is stale (a node without one always is).
    private let staleAfter: [TimeInterval]
    private let lastCycleLog: (nodePath: String?, lines: [String])
    private let memo = Memo()

    public init(_ parts: PictureBuilder.StoreParts, policy: Policy) {
        let spec = policy.detectors.first { $0.kind == .heartbeatStale }
        nodes = parts.nodes
        staleAfter = parts.nodes.map { SignalDetector.staleAfter($0, spec: spec, profile: parts.profile) }
        lastCycleLog = parts.runnerCycle
    }

    public func views(at now: Date) -> [NodeView] {
        if let kept = memo.kept, kept.from <= now, now < kept.until { return kept.views }
        var until = Date.distantFuture
        let views = nodes.indices.map { index in
            let node = nodes[index]
            var stale = true
            if let last = node.lastHeartbeat {
                stale = now.timeIntervalSince(last) > staleAfter[index]
                if !stale { until = min(until, PreparedNodes.justAfter(last.addingTimeInterval(staleAfter[index]))) }
            }
            var view = NodeView(node: node, stale: stale)
            if node.path == lastCycleLog.nodePath { view.lastCycleLog = lastCycleLog.lines }
            return view
        }
        memo.kept = (views, now, until)
        return views
    }

    /// The first instant after `date`: a node is stale once its lateness is past, not at it.
    static func justAfter(_ date: Date) -> Date {
        Date(timeIntervalSinceReferenceDate: date.timeIntervalSinceReferenceDate.nextUp)
    }

    /// A class, so the prepared nodes stay a value while the memo fills in.
    private final class Memo {
        var kept: (views: [NodeView], from: Date, until: Date)?
    }
}
