import Foundation

/// The demo's story as pure functions of simulated seconds since the start (`t`). Everything the
/// simulator writes is derived from here, so a step at any instant writes the same thing.
enum DemoScenario {
    static let runID = "demo-run"

    // Periods of the recurring artifacts, in simulated seconds.
    static let heartbeatPeriod = 2.0
    static let orderCheckPeriod = 3.0
    static let positionCheckPeriod = 5.0
    static let sloPeriod = 10.0
    static let dataQualityPeriod = 15.0
    static let metricsPeriod = 10.0

    /// node-4 sends its last heartbeat before this and then goes silent.
    static let silentNode = 4
    static let silentFrom = 20.0
    /// node-3 reports degraded health and a low uptime from here on.
    static let degradedNode = 3
    static let degradedFrom = 30.0
    static let degradedUptime = 0.86

    /// Order reconciliation mismatches while `mismatchFrom <= t < mismatchUntil`.
    static let mismatchFrom = 12.0
    static let mismatchUntil = 60.0

    static let bobAcksAt = 35.0
    static let staleDataAt = 45.0
    static let staleDataWarnings = 2
    static let haltAt = 70.0
    static let haltClearedAt = 120.0
    static let haltLength: TimeInterval = 30 * 60
    static let haltReason = "reconciliation_mismatch"

    /// When the SEV0's 15-minute response timer runs out, and when the SEV1 has been open an hour.
    static let sev0BreachAt = 40.0
    static let sev1EscalationAt = 600.0

    /// The demo policy's `heartbeat_stale` threshold (wall-clock, not sped up).
    static let staleAfterSeconds = 30

    /// The consecutive-mismatch SLO: how many 10-second windows in a row may see a mismatch.
    static let mismatchRunsSLO = "order_reconciliation_consecutive_mismatch_runs"
    static let mismatchRunsTarget = 3
    static let latencySLO = "order_gateway_latency_p99_ms"

    static func isOrderMismatch(at t: Double) -> Bool { t >= mismatchFrom && t < mismatchUntil }

    /// The instants of the order checks in `(from, to]`.
    static func orderChecks(after from: Double, upTo to: Double) -> [Double] {
        let first = Int((from / orderCheckPeriod).rounded(.down)) + 1
        let last = Int((to / orderCheckPeriod).rounded(.down))
        guard last >= first else { return [] }
        return (first...last).map { Double($0) * orderCheckPeriod }
    }

    /// Consecutive SLO windows, ending with the one closing at `t`, in which an order check
    /// mismatched.
    static func mismatchWindows(endingAt t: Double) -> Int {
        var count = 0
        var end = t
        while end > 0, orderChecks(after: end - sloPeriod, upTo: end).contains(where: isOrderMismatch) {
            count += 1
            end -= sloPeriod
        }
        return count
    }

    /// The order check that makes three mismatches in a row.
    static var thirdMismatchAt: Double {
        orderChecks(after: 0, upTo: mismatchUntil).filter(isOrderMismatch).dropFirst(2).first ?? mismatchFrom
    }

    /// The first SLO evaluation that reports the consecutive-mismatch SLO breached.
    static var firstSLOBreachAt: Double {
        stride(from: sloPeriod, through: mismatchUntil + sloPeriod, by: sloPeriod)
            .first { mismatchWindows(endingAt: $0) > mismatchRunsTarget } ?? mismatchUntil
    }

    static func staleDataWarnings(at t: Double) -> Int { t == staleDataAt ? staleDataWarnings : 0 }

    static func isHalted(at t: Double) -> Bool { t >= haltAt && t < haltClearedAt }

    /// The simulated instant of the last heartbeat a node sent by `t`.
    static func lastHeartbeat(node: Int, at t: Double) -> Double {
        let latest = (t / heartbeatPeriod).rounded(.down) * heartbeatPeriod
        guard node == silentNode, latest >= silentFrom else { return latest }
        return ((silentFrom / heartbeatPeriod).rounded(.up) - 1) * heartbeatPeriod
    }

    static func isDegraded(node: Int, at t: Double) -> Bool { node == degradedNode && t >= degradedFrom }

    /// A healthy node's uptime ratio: 0.999 for node-1 down to about 0.97 for node-6, repeating.
    static func baseUptime(node: Int) -> Double { 0.999 - Double((node - 1) % 6) * 0.0055 }
}
