import Foundation
import Testing

@testable import IncidentKit

@Suite("EscalationEvaluator")
struct EscalationEvaluatorTests {
    typealias F = PolicyFixtures
    let at = PolicyFixtures.at

    func status(
        _ presetName: String, _ severity: String, opened: String = "2025-11-18T10:00:00Z",
        _ events: [(type: String, at: String, extra: [(key: String, value: JSONValue)])] = [], now: String
    ) throws -> EscalationStatus {
        let policy = try F.preset(presetName)
        let incident = try F.incident(policy, severity: severity, openedAt: opened, events)
        return EscalationEvaluator.evaluate(incident, policy: policy, now: at(now))
    }

    // MARK: Recorded level

    @Test("the recorded level is 1 before any escalation")
    func recordedDefault() throws {
        let s = try status("incident-runbook", "SEV2", now: "2025-11-18T10:00:00Z")
        #expect(s.recordedLevel == 1)
        #expect(s.dueLevel == 1)
        #expect(!s.isOverdue)
    }

    @Test("the recorded level is the highest incident_escalate level, whatever the order")
    func recordedHighest() throws {
        let policy = try F.preset("incident-runbook")
        let incident = try F.incident(
            policy, severity: "SEV2", openedAt: "2025-11-18T10:00:00Z",
            [
                F.escalate("2025-11-18T10:10:00Z", level: 2), F.escalate("2025-11-18T10:20:00Z", level: 3, key: "to"),
                F.escalate("2025-11-18T10:30:00Z", level: 2, key: "to_level"),
            ])
        #expect(incident.escalations.map(\.level) == [2, 3, 2])
        #expect(incident.recordedLevel == 3)
        #expect(
            EscalationEvaluator.evaluate(incident, policy: policy, now: at("2025-11-18T11:00:00Z")).recordedLevel == 3)
    }

    @Test("an escalation to level 0 still counts as level 1; one without a level is not an escalation")
    func recordedOddLevels() throws {
        let policy = try F.preset("incident-runbook")
        let zero = try F.incident(
            policy, severity: "SEV2", openedAt: "2025-11-18T10:00:00Z", [F.escalate("2025-11-18T10:10:00Z", level: 0)])
        #expect(zero.recordedLevel == 1)
        let none = try F.incident(
            policy, severity: "SEV2", openedAt: "2025-11-18T10:00:00Z",
            [(JournalEventType.escalate, "2025-11-18T10:10:00Z", [("reason", .string("help"))])])
        #expect(none.escalations.isEmpty && none.recordedLevel == 1)
    }

    // MARK: Level due and next level

    @Test("incident-runbook SEV0 climbs to L2 after 15 minutes and L3 after an hour")
    func runbookSEV0Ladder() throws {
        let early = try status("incident-runbook", "SEV0", now: "2025-11-18T10:05:00Z")
        #expect(early.dueLevel == 1)
        #expect(early.nextLevel == 2)
        #expect(early.nextLevelAt == at("2025-11-18T10:15:00Z"))
        #expect(!early.isOverdue)

        let atFifteen = try status("incident-runbook", "SEV0", now: "2025-11-18T10:15:00Z")
        #expect(atFifteen.dueLevel == 2)
        #expect(atFifteen.nextLevel == 3)
        #expect(atFifteen.nextLevelAt == at("2025-11-18T11:00:00Z"))
        #expect(atFifteen.isOverdue)

        let afterHour = try status("incident-runbook", "SEV0", now: "2025-11-18T11:00:00Z")
        #expect(afterHour.dueLevel == 3)
        #expect(afterHour.nextLevel == nil && afterHour.nextLevelAt == nil)
    }

    @Test("recording the due level clears the overdue flag")
    func recordingClearsOverdue() throws {
        let s = try status(
            "incident-runbook", "SEV0", [F.escalate("2025-11-18T10:16:00Z", level: 2)], now: "2025-11-18T10:20:00Z")
        #expect(s.recordedLevel == 2 && s.dueLevel == 2)
        #expect(!s.isOverdue)
        #expect(s.nextLevelAt == at("2025-11-18T11:00:00Z"))
    }

    @Test("incident-runbook SEV1 goes to L2 after an hour unresolved")
    func runbookSEV1() throws {
        let before = try status("incident-runbook", "SEV-1", now: "2025-11-18T10:30:00Z")
        #expect(before.dueLevel == 1 && before.nextLevel == 2 && before.nextLevelAt == at("2025-11-18T11:00:00Z"))
        let after = try status("incident-runbook", "sev1", now: "2025-11-18T11:00:01Z")
        #expect(after.dueLevel == 2 && after.nextLevelAt == nil)
    }

    @Test("severities without rules stay at level 1 with nothing next")
    func noRules() throws {
        for severity in ["SEV2", "SEV3"] {
            let s = try status("incident-runbook", severity, now: "2025-11-20T10:00:00Z")
            #expect(s.dueLevel == 1 && s.nextLevelAt == nil && s.nextLevel == nil)
        }
        let warning = try status("trading-ops", "warning", now: "2025-11-20T10:00:00Z")
        #expect(warning.dueLevel == 1 && warning.nextLevelAt == nil)
    }

    @Test("resolution in time means the rule never fires, and nothing is next")
    func resolvedBeforeRule() throws {
        let s = try status(
            "incident-runbook", "SEV0", [F.resolved("2025-11-18T10:10:00Z")], now: "2025-11-18T12:00:00Z")
        #expect(s.dueLevel == 1)
        #expect(s.nextLevelAt == nil && s.nextLevel == nil)
    }

    @Test("a rule that fired before resolution still counts; later ones do not, and nothing is next")
    func resolvedAfterFirstRule() throws {
        let s = try status(
            "incident-runbook", "SEV0", [F.resolved("2025-11-18T10:30:00Z")], now: "2025-11-18T12:00:00Z")
        #expect(s.dueLevel == 2)
        #expect(s.nextLevelAt == nil)
        // Evaluated right after the resolution, the L3 rule is not "next" either.
        let justAfter = try status(
            "incident-runbook", "SEV0", [F.resolved("2025-11-18T10:30:00Z")], now: "2025-11-18T10:31:00Z")
        #expect(justAfter.dueLevel == 2 && justAfter.nextLevelAt == nil)
    }

    @Test("acknowledgment and mitigation do not stop unresolved_for rules")
    func unresolvedIgnoresAck() throws {
        let s = try status(
            "incident-runbook", "SEV0", [F.ack("2025-11-18T10:01:00Z"), F.mitigated("2025-11-18T10:10:00Z")],
            now: "2025-11-18T10:20:00Z")
        #expect(s.dueLevel == 2)
        #expect(s.nextLevelAt == at("2025-11-18T11:00:00Z"))
    }

    @Test("pilot-playbook SEV-1 goes straight to level 3 after 60 minutes unresolved")
    func pilotSEV1() throws {
        let before = try status("pilot-playbook", "SEV-1", now: "2025-11-18T10:59:59Z")
        #expect(before.dueLevel == 1)
        #expect(before.nextLevel == 3)
        #expect(before.nextLevelAt == at("2025-11-18T11:00:00Z"))
        let after = try status("pilot-playbook", "SEV1", now: "2025-11-18T11:00:00Z")
        #expect(after.dueLevel == 3 && after.nextLevelAt == nil)
        let sev2 = try status("pilot-playbook", "SEV-2", now: "2025-11-18T18:00:00Z")
        #expect(sev2.dueLevel == 1)
    }

    @Test("trading-ops: a critical incident unacknowledged for 15 minutes is due for external paging")
    func unackedFor() throws {
        let waiting = try status("trading-ops", "critical", now: "2025-11-18T10:10:00Z")
        #expect(waiting.dueLevel == 1 && waiting.nextLevel == 2 && waiting.nextLevelAt == at("2025-11-18T10:15:00Z"))

        let overdue = try status("trading-ops", "critical", now: "2025-11-18T10:15:00Z")
        #expect(overdue.dueLevel == 2 && overdue.isOverdue && overdue.nextLevelAt == nil)

        let ackedInTime = try status(
            "trading-ops", "critical", [F.ack("2025-11-18T10:10:00Z")], now: "2025-11-18T11:00:00Z")
        #expect(ackedInTime.dueLevel == 1 && ackedInTime.nextLevelAt == nil)

        let ackedLate = try status(
            "trading-ops", "critical", [F.ack("2025-11-18T10:20:00Z")], now: "2025-11-18T11:00:00Z")
        #expect(ackedLate.dueLevel == 2 && ackedLate.nextLevelAt == nil)
    }

    @Test("mitigating or resolving without acknowledgment also stops an unacked_for rule")
    func laterPointStopsUnacked() throws {
        let resolved = try status(
            "trading-ops", "critical", [F.resolved("2025-11-18T10:05:00Z")], now: "2025-11-18T11:00:00Z")
        #expect(resolved.dueLevel == 1 && resolved.nextLevelAt == nil)
        let mitigated = try status(
            "trading-ops", "critical", [F.mitigated("2025-11-18T10:05:00Z")], now: "2025-11-18T11:00:00Z")
        #expect(mitigated.dueLevel == 1 && mitigated.nextLevelAt == nil)
    }

    @Test("launch-rollback: P1 and P2 go to the VP after an hour; P3 does not")
    func launchRule() throws {
        for severity in ["P1", "p2", "major"] {
            let s = try status("launch-rollback", severity, now: "2025-11-18T11:00:00Z")
            #expect(s.dueLevel == 4, "\(severity)")
            let before = try status("launch-rollback", severity, now: "2025-11-18T10:45:00Z")
            #expect(before.nextLevel == 4 && before.nextLevelAt == at("2025-11-18T11:00:00Z"), "\(severity)")
        }
        let p3 = try status("launch-rollback", "P3", now: "2025-11-18T13:00:00Z")
        #expect(p3.dueLevel == 1 && p3.nextLevelAt == nil)
    }

    @Test("rules in business time count business hours, across the spring change")
    func businessRule() throws {
        let policy = try F.parse(
            """
            name: business-escalation
            timezone: Europe/Berlin
            business_hours: {days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00"}
            severities:
              - id: S2
            escalation:
              levels: [{level: 1, name: One}, {level: 2, name: Two}]
              rules:
                - {severity: S2, unacked_for: 4h, clock: business, to: 2}
            """)
        let incident = try F.incident(policy, severity: "S2", openedAt: "2025-03-28T15:00:00+01:00")
        let friday = EscalationEvaluator.evaluate(incident, policy: policy, now: at("2025-03-28T16:30:00Z"))
        #expect(friday.dueLevel == 1)
        #expect(friday.nextLevelAt == at("2025-03-31T09:00:00Z"))  // Monday 11:00 CEST
        #expect(EscalationEvaluator.evaluate(incident, policy: policy, now: at("2025-03-31T08:59:59Z")).dueLevel == 1)
        #expect(EscalationEvaluator.evaluate(incident, policy: policy, now: at("2025-03-31T09:00:00Z")).dueLevel == 2)
    }

    @Test("a rule without a severity applies to every severity; the nearest higher rule is next")
    func ruleForAll() throws {
        let policy = try F.parse(
            """
            name: ladder
            severities: [{id: A}, {id: B}]
            escalation:
              rules:
                - {unresolved_for: 30m, to: 3}
                - {unresolved_for: 10m, to: 2}
                - {severity: A, unresolved_for: 20m, to: 2}
            """)
        for severity in ["A", "B"] {
            let incident = try F.incident(policy, severity: severity, openedAt: "2025-11-18T10:00:00Z")
            let start = EscalationEvaluator.evaluate(incident, policy: policy, now: at("2025-11-18T10:00:00Z"))
            #expect(start.nextLevel == 2 && start.nextLevelAt == at("2025-11-18T10:10:00Z"), "\(severity)")
            // At 10:15 level 2 is due; A's own level-2 rule at 10:20 is not "next": level 3 at 10:30 is.
            let mid = EscalationEvaluator.evaluate(incident, policy: policy, now: at("2025-11-18T10:15:00Z"))
            #expect(
                mid.dueLevel == 2 && mid.nextLevel == 3 && mid.nextLevelAt == at("2025-11-18T10:30:00Z"), "\(severity)")
            let end = EscalationEvaluator.evaluate(incident, policy: policy, now: at("2025-11-18T10:30:00Z"))
            #expect(end.dueLevel == 3 && end.nextLevelAt == nil, "\(severity)")
        }
    }
}
