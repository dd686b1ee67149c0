import Foundation

public enum TimerState: String, Sendable {
    case pending, met, breached
    case metLate = "met_late"
}

/// A timer of one incident evaluated at an instant.
public struct TimerStatus: Sendable {
    public var name: String
    public var label: String?
    public var clock: ClockKind
    public var repeats: Bool
    public var due: Date
    /// Seconds from `now` (or, once stopped, from the stop) until `due`; negative when late.
    public var remainingSeconds: Int
    public var state: TimerState
    public var stoppedAt: Date?
    /// For repeating timers: how many earlier cycles were closed late.
    public var lateCycles: Int
    /// The length of the current cycle in seconds on its clock, for progress bars.
    public var lengthSeconds: Int

    public var isLive: Bool { state == .pending || state == .breached }
}

public enum TimerEvaluator {
    public static func evaluate(_ incident: Incident, policy: Policy, now: Date) -> [TimerStatus] {
        guard let severity = policy.severity(named: incident.severity) else { return [] }
        return severity.timers.map { evaluate($0, incident: incident, policy: policy, now: now) }
    }

    public static func evaluate(_ spec: TimerSpec, incident: Incident, policy: Policy, now: Date) -> TimerStatus {
        let stop = incident.reached(spec.until)
        var start = incident.openedAt
        var lateCycles = 0
        if spec.repeats {
            let horizon = stop ?? now
            for update in incident.updates where update.at <= horizon {
                if update.at > policy.deadline(from: start, after: spec.duration, on: spec.clock) { lateCycles += 1 }
                start = max(start, update.at)
            }
        }
        var due = policy.deadline(from: start, after: spec.duration, on: spec.clock)
        // The writer's own SLA monitor recorded the acknowledgment SLA as breached (the trading
        // bot's incident_sla_breach): the timer breached then at the latest, whatever our policy.
        if !spec.repeats, spec.until == .acknowledged, let recorded = incident.recordedSLABreach, recorded < due {
            due = recorded
        }
        let state: TimerState
        let reference: Date
        if let stop {
            state = stop <= due ? .met : .metLate
            reference = stop
        } else {
            state = now <= due ? .pending : .breached
            reference = now
        }
        return TimerStatus(
            name: spec.name, label: spec.label, clock: spec.clock, repeats: spec.repeats, due: due,
            remainingSeconds: CheckedNumber.int(clamping: due.timeIntervalSince(reference).rounded(.down)),
            state: state, stoppedAt: stop,
            lateCycles: lateCycles, lengthSeconds: policy.seconds(spec.duration, on: spec.clock))
    }
}
