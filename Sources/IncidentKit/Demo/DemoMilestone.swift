import Foundation

/// A moment of the demo's story worth telling the person watching, in simulated seconds.
public struct DemoMilestone: Sendable, Equatable {
    public var at: Double
    public var text: String
    /// A line for `pilot/node_runner.log`, when the node runner would log it.
    var runnerLog: String?

    init(at: Double, _ text: String, runnerLog: String? = nil) {
        self.at = at
        self.text = text
        self.runnerLog = runnerLog
    }

    /// The story in time order. The moment node-4 counts as stale depends on the speed: its
    /// staleness is measured by the console on the wall clock.
    static func timeline(nodeCount: Int, speed: Double) -> [DemoMilestone] {
        let s = DemoScenario.self
        var list = [
            DemoMilestone(
                at: 0,
                "root is live: \(Plural.count(nodeCount, "node")) heartbeating, run \(s.runID) reconciling; 4 incidents open, the SEV0 unacknowledged (response due at t=40s)",
                runnerLog: "node runner started with \(Plural.count(nodeCount, "node"))"),
            DemoMilestone(at: s.mismatchFrom, "order reconciliation starts reporting mismatches in run \(s.runID)"),
            DemoMilestone(
                at: s.thirdMismatchAt,
                "3 order mismatches in a row: reconciliation_mismatch_streak fires (auto-declare in the demo policy)"),
            DemoMilestone(at: s.bobAcksAt, "bob acknowledges the SEV1 \"Admin cannot resolve disputes\" from jump-2"),
            DemoMilestone(
                at: s.sev0BreachAt, "the SEV0's 15-minute response timer is breached; escalation to L2 is due"),
            DemoMilestone(at: s.staleDataAt, "data quality cycle reports \(s.staleDataWarnings) stale-data warnings"),
            DemoMilestone(at: s.firstSLOBreachAt, "SLO breach: \(s.mismatchRunsSLO)"),
            DemoMilestone(at: s.mismatchUntil, "order reconciliation is clean again"),
            DemoMilestone(at: s.haltAt, "gateway halts trading: \(s.haltReason), for 30 minutes"),
            DemoMilestone(at: s.haltClearedAt, "gateway halt cleared; the root keeps running steadily"),
            DemoMilestone(at: s.sev1EscalationAt, "the SEV1 has been open for an hour; escalation to L2 is due"),
        ]
        if nodeCount >= s.degradedNode {
            list.append(
                DemoMilestone(
                    at: s.degradedFrom,
                    "node-\(s.degradedNode) reports health degraded, uptime \(Int(s.degradedUptime * 100))%",
                    runnerLog: "node-\(s.degradedNode): health degraded, uptime ratio \(s.degradedUptime)"))
        }
        if nodeCount >= s.silentNode {
            let lastBeat = s.lastHeartbeat(node: s.silentNode, at: s.silentFrom)
            list.append(
                DemoMilestone(
                    at: s.silentFrom, "node-\(s.silentNode) stops heartbeating",
                    runnerLog: "node-\(s.silentNode): no heartbeat since the last cycle"))
            list.append(
                DemoMilestone(
                    at: lastBeat + Double(s.staleAfterSeconds) * speed,
                    "node-\(s.silentNode)'s last heartbeat is older than \(s.staleAfterSeconds)s: stale"))
        }
        return list.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }
}
