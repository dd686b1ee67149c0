import Foundation

/// Where an incident stands on the escalation ladder at an instant.
public struct EscalationStatus: Sendable {
    /// The highest level recorded in the journal (1 before any escalation).
    public var recordedLevel: Int
    /// The level the policy's rules say the incident should be at by now.
    public var dueLevel: Int
    /// When the next rule falls due, if one still can.
    public var nextLevelAt: Date?
    public var nextLevel: Int?

    /// The rules ask for a higher level than anyone has recorded.
    public var isOverdue: Bool { dueLevel > recordedLevel }
}

public enum EscalationEvaluator {
    public static func evaluate(_ incident: Incident, policy: Policy, now: Date) -> EscalationStatus {
        var due = 1
        var pending: [(at: Date, level: Int)] = []
        for rule in policy.rules where rule.applies(to: incident.severity) {
            let duration: PolicyDuration
            let stop: Date?
            switch rule.condition {
            case .unresolvedFor(let d):
                duration = d
                stop = incident.resolution?.at
            case .unackedFor(let d):
                duration = d
                stop = incident.reached(.acknowledged)
            }
            let fires = policy.deadline(from: incident.openedAt, after: duration, on: rule.clock)
            if let stop, stop <= fires { continue }
            if fires <= now {
                due = max(due, rule.to)
            } else if stop == nil {
                pending.append((fires, rule.to))
            }
        }
        let next = pending.filter { $0.level > due }.min { $0.at < $1.at }
        return EscalationStatus(
            recordedLevel: incident.recordedLevel, dueLevel: due, nextLevelAt: next?.at, nextLevel: next?.level)
    }
}
