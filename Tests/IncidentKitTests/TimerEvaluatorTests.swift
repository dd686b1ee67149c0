import Foundation
import Testing

@testable import IncidentKit

@Suite("TimerEvaluator")
struct TimerEvaluatorTests {
    typealias F = PolicyFixtures
    let at = PolicyFixtures.at

    /// Evaluates the timers of a pilot-playbook incident opened at `opened` (UTC policy).
    func pilot(
        severity: String = "SEV-1", opened: String = "2025-11-18T10:00:00Z",
        _ events: [(type: String, at: String, extra: [(key: String, value: JSONValue)])] = [], now: String
    ) throws -> [TimerStatus] {
        let policy = try F.preset("pilot-playbook")
        let incident = try F.incident(policy, severity: severity, openedAt: opened, events)
        return TimerEvaluator.evaluate(incident, policy: policy, now: at(now))
    }

    // MARK: One-shot timers

    @Test("state names as the status JSON writes them")
    func stateNames() {
        #expect(TimerState.pending.rawValue == "pending")
        #expect(TimerState.met.rawValue == "met")
        #expect(TimerState.breached.rawValue == "breached")
        #expect(TimerState.metLate.rawValue == "met_late")
    }

    @Test("a fresh SEV-1 has three pending timers counting down from the open time")
    func pending() throws {
        let timers = try pilot(now: "2025-11-18T10:10:00Z")
        #expect(timers.map(\.name) == ["ack", "mitigate", "update"])
        let ack = try F.timer("ack", in: timers)
        #expect(ack.state == .pending)
        #expect(ack.due == at("2025-11-18T10:15:00Z"))
        #expect(ack.remainingSeconds == 300)
        #expect(ack.lengthSeconds == 900)
        #expect(ack.stoppedAt == nil)
        #expect(ack.isLive)
        #expect(ack.clock == .wall)
        #expect(!ack.repeats)
        #expect(ack.label == "Acknowledge")
        let mitigate = try F.timer("mitigate", in: timers)
        #expect(mitigate.state == .pending && mitigate.remainingSeconds == 3000 && mitigate.lengthSeconds == 3600)
        let update = try F.timer("update", in: timers)
        #expect(update.state == .pending && update.remainingSeconds == 3000 && update.repeats)
    }

    @Test("at the deadline a timer is still pending with nothing left; a moment later it is breached")
    func deadlineEdge() throws {
        let onTime = try F.timer("ack", in: pilot(now: "2025-11-18T10:15:00Z"))
        #expect(onTime.state == .pending && onTime.remainingSeconds == 0)
        let late = try F.timer("ack", in: pilot(now: "2025-11-18T10:15:00.500Z"))
        #expect(late.state == .breached)
        #expect(late.remainingSeconds == -1)  // never a breached timer showing 0 left
        let early = try F.timer("ack", in: pilot(now: "2025-11-18T10:10:00.500Z"))
        #expect(early.remainingSeconds == 299)
    }

    @Test("breached keeps counting how late")
    func breached() throws {
        let ack = try F.timer("ack", in: pilot(now: "2025-11-18T10:20:00Z"))
        #expect(ack.state == .breached)
        #expect(ack.remainingSeconds == -300)
        #expect(ack.isLive)
        let later = try F.timer("ack", in: pilot(now: "2025-11-18T12:15:00Z"))
        #expect(later.remainingSeconds == -7200)
    }

    @Test("met: the stop came in time, and the time left is measured at the stop")
    func met() throws {
        let timers = try pilot([F.ack("2025-11-18T10:12:00Z")], now: "2025-11-18T15:00:00Z")
        let ack = try F.timer("ack", in: timers)
        #expect(ack.state == .met)
        #expect(ack.stoppedAt == at("2025-11-18T10:12:00Z"))
        #expect(ack.remainingSeconds == 180)
        #expect(!ack.isLive)
        // Acknowledging does not stop the mitigation timer.
        let mitigate = try F.timer("mitigate", in: timers)
        #expect(mitigate.state == .breached)
        #expect(mitigate.remainingSeconds == -4 * 3600)
    }

    @Test("a stop exactly at the deadline is met")
    func metAtDeadline() throws {
        let ack = try F.timer("ack", in: pilot([F.ack("2025-11-18T10:15:00Z")], now: "2025-11-18T11:00:00Z"))
        #expect(ack.state == .met && ack.remainingSeconds == 0)
    }

    @Test("met late: the stop came after the deadline, and stays that way")
    func metLate() throws {
        for now in ["2025-11-18T10:20:00Z", "2025-11-19T10:00:00Z"] {
            let ack = try F.timer("ack", in: pilot([F.ack("2025-11-18T10:20:00Z")], now: now))
            #expect(ack.state == .metLate)
            #expect(ack.remainingSeconds == -300)
            #expect(ack.stoppedAt == at("2025-11-18T10:20:00Z"))
            #expect(!ack.isLive)
        }
    }

    @Test("resolving an unacknowledged incident stops its ack and mitigate timers")
    func resolutionStopsEverything() throws {
        let timers = try pilot([F.resolved("2025-11-18T10:05:00Z")], now: "2025-11-18T18:00:00Z")
        for timer in timers {
            #expect(timer.state == .met, "\(timer.name)")
            #expect(timer.stoppedAt == at("2025-11-18T10:05:00Z"), "\(timer.name)")
        }
        #expect(try F.timer("ack", in: timers).remainingSeconds == 600)
        #expect(try F.timer("mitigate", in: timers).remainingSeconds == 3300)
    }

    @Test("mitigation stops the ack timer (late) and the mitigate timer, but not the update timer")
    func mitigationStopsEarlierPoints() throws {
        let timers = try pilot([F.mitigated("2025-11-18T10:40:00Z")], now: "2025-11-18T10:50:00Z")
        let ack = try F.timer("ack", in: timers)
        #expect(ack.state == .metLate)
        #expect(ack.stoppedAt == at("2025-11-18T10:40:00Z"))
        #expect(ack.remainingSeconds == -1500)
        let mitigate = try F.timer("mitigate", in: timers)
        #expect(mitigate.state == .met && mitigate.remainingSeconds == 1200)
        let update = try F.timer("update", in: timers)
        #expect(update.state == .pending && update.stoppedAt == nil && update.remainingSeconds == 600)
    }

    @Test("a mitigate timer stops at resolution when there was no separate mitigation")
    func mitigateStopsAtResolution() throws {
        let timers = try pilot(
            [F.ack("2025-11-18T10:05:00Z"), F.resolved("2025-11-18T11:30:00Z")], now: "2025-11-18T12:00:00Z")
        let mitigate = try F.timer("mitigate", in: timers)
        #expect(mitigate.state == .metLate)
        #expect(mitigate.stoppedAt == at("2025-11-18T11:30:00Z"))
        #expect(mitigate.remainingSeconds == -1800)
        #expect(try F.timer("ack", in: timers).state == .met)
    }

    @Test("the first acknowledgment counts")
    func firstAckWins() throws {
        let ack = try F.timer(
            "ack",
            in: pilot([F.ack("2025-11-18T10:20:00Z"), F.ack("2025-11-18T10:25:00Z")], now: "2025-11-18T11:00:00Z"))
        #expect(ack.stoppedAt == at("2025-11-18T10:20:00Z"))
        #expect(ack.remainingSeconds == -300)
    }

    @Test("an explicit until overrides the name's default")
    func explicitUntil() throws {
        let policy = try F.parse(
            """
            name: p
            severities:
              - id: S1
                timers:
                  - {name: ack, within: 15m, until: resolved}
                  - {name: triage, within: 30m, until: mitigated}
                  - {name: resolve, within: 2h}
            """)
        let incident = try F.incident(
            policy, severity: "S1", openedAt: "2025-11-18T10:00:00Z", [F.ack("2025-11-18T10:05:00Z")])
        let timers = TimerEvaluator.evaluate(incident, policy: policy, now: at("2025-11-18T10:40:00Z"))
        let ack = try F.timer("ack", in: timers)
        #expect(ack.state == .breached && ack.stoppedAt == nil && ack.remainingSeconds == -1500)
        let triage = try F.timer("triage", in: timers)
        #expect(triage.state == .breached && triage.remainingSeconds == -600)
        #expect(try F.timer("resolve", in: timers).state == .pending)
    }

    // MARK: Repeating timers

    @Test("a repeating timer with no update breaches one period after the open")
    func repeatingNoUpdate() throws {
        let update = try F.timer("update", in: pilot(now: "2025-11-18T11:05:00Z"))
        #expect(update.state == .breached)
        #expect(update.due == at("2025-11-18T11:00:00Z"))
        #expect(update.remainingSeconds == -300)
        #expect(update.lateCycles == 0)
    }

    @Test("each incident_update resets the repeating timer")
    func repeatingReset() throws {
        let update = try F.timer("update", in: pilot([F.update("2025-11-18T10:45:00Z")], now: "2025-11-18T11:30:00Z"))
        #expect(update.state == .pending)
        #expect(update.due == at("2025-11-18T11:45:00Z"))
        #expect(update.remainingSeconds == 900)
        #expect(update.lateCycles == 0)
        #expect(update.lengthSeconds == 3600)
    }

    @Test("a late update restarts the cycle and is counted as a late cycle")
    func repeatingLateCycle() throws {
        let update = try F.timer("update", in: pilot([F.update("2025-11-18T11:10:00Z")], now: "2025-11-18T11:20:00Z"))
        #expect(update.state == .pending)
        #expect(update.due == at("2025-11-18T12:10:00Z"))
        #expect(update.lateCycles == 1)

        let many = try F.timer(
            "update",
            in: pilot(
                [F.update("2025-11-18T10:50:00Z"), F.update("2025-11-18T11:40:00Z"), F.update("2025-11-18T12:50:00Z")],
                now: "2025-11-18T13:00:00Z"))
        #expect(many.due == at("2025-11-18T13:50:00Z"))
        #expect(many.lateCycles == 1)  // only 12:50 came after its deadline (12:40)
        #expect(many.remainingSeconds == 3000)
    }

    @Test("acknowledgment and mitigation do not stop a repeating update timer")
    func repeatingNotStoppedByAck() throws {
        let update = try F.timer(
            "update",
            in: pilot(
                [F.ack("2025-11-18T10:05:00Z"), F.mitigated("2025-11-18T10:30:00Z")], now: "2025-11-18T11:10:00Z"))
        #expect(update.state == .breached)
        #expect(update.remainingSeconds == -600)
    }

    @Test("resolution stops a repeating timer; later updates change nothing")
    func repeatingStopsAtResolution() throws {
        let events = [
            F.update("2025-11-18T10:50:00Z"), F.resolved("2025-11-18T11:30:00Z"), F.update("2025-11-18T11:45:00Z"),
        ]
        for now in ["2025-11-18T11:40:00Z", "2025-11-18T20:00:00Z"] {
            let update = try F.timer("update", in: pilot(events, now: now))
            #expect(update.state == .met)
            #expect(update.due == at("2025-11-18T11:50:00Z"))
            #expect(update.stoppedAt == at("2025-11-18T11:30:00Z"))
            #expect(update.remainingSeconds == 1200)
            #expect(update.lateCycles == 0)
        }
        let late = try F.timer(
            "update",
            in: pilot(
                [F.update("2025-11-18T10:50:00Z"), F.resolved("2025-11-18T12:00:00Z")], now: "2025-11-18T13:00:00Z"))
        #expect(late.state == .metLate)
        #expect(late.remainingSeconds == -600)
    }

    @Test("updates after the evaluation instant are not counted yet")
    func repeatingFutureUpdates() throws {
        let update = try F.timer("update", in: pilot([F.update("2025-11-18T10:50:00Z")], now: "2025-11-18T10:30:00Z"))
        #expect(update.due == at("2025-11-18T11:00:00Z"))
        #expect(update.remainingSeconds == 1800)
    }

    @Test("a repeating timer in business time restarts from each update in business hours")
    func repeatingBusiness() throws {
        let policy = try F.parse(
            """
            name: p
            severities:
              - id: S1
                timers: [{name: update, every: 4h, clock: business}]
            """)
        // Opened Friday 15:00 UTC, updated Friday 16:30: due Monday 12:30.
        let incident = try F.incident(
            policy, severity: "S1", openedAt: "2025-11-21T15:00:00Z", [F.update("2025-11-21T16:30:00Z")])
        let update = try F.timer(
            "update", in: TimerEvaluator.evaluate(incident, policy: policy, now: at("2025-11-22T12:00:00Z")))
        #expect(update.due == at("2025-11-24T12:30:00Z"))
        #expect(update.state == .pending)
        #expect(update.clock == .business)
        #expect(update.lengthSeconds == 4 * 3600)
    }

    // MARK: Business-time timers

    @Test("2 business days is 16 business hours with 09:00-17:00")
    func twoBusinessDays() throws {
        let monday = try F.timer(
            "ack", in: pilot(severity: "SEV-3", opened: "2025-11-17T10:00:00Z", now: "2025-11-18T12:00:00Z"))
        #expect(monday.clock == .business)
        #expect(monday.lengthSeconds == 16 * 3600)
        #expect(monday.due == at("2025-11-19T10:00:00Z"))
        #expect(monday.state == .pending)
        #expect(monday.remainingSeconds == 22 * 3600)  // wall-clock seconds until due

        let thursday = try F.timer(
            "ack", in: pilot(severity: "SEV-3", opened: "2025-11-20T10:00:00Z", now: "2025-11-21T10:00:00Z"))
        #expect(thursday.due == at("2025-11-24T10:00:00Z"))

        let saturday = try F.timer(
            "ack", in: pilot(severity: "SEV-3", opened: "2025-11-22T11:00:00Z", now: "2025-11-22T12:00:00Z"))
        #expect(saturday.due == at("2025-11-25T17:00:00Z"))
    }

    @Test("a business timer breached over the weekend")
    func businessBreach() throws {
        let ack = try F.timer(
            "ack", in: pilot(severity: "SEV-3", opened: "2025-11-19T16:00:00Z", now: "2025-11-24T09:30:00Z"))
        // Wed 1h + Thu 8h + Fri 7h = 16h: due Friday 16:00.
        #expect(ack.due == at("2025-11-21T16:00:00Z"))
        #expect(ack.state == .breached)
        #expect(ack.remainingSeconds == -(65 * 3600 + 1800))
    }

    @Test("incident-runbook SEV2: 4 business hours from Friday 15:00 across the spring change")
    func runbookSpringForward() throws {
        let policy = try F.preset("incident-runbook")
        let incident = try F.incident(policy, severity: "SEV2", openedAt: "2025-03-28T15:00:00+01:00")
        let respond = try F.timer(
            "respond", in: TimerEvaluator.evaluate(incident, policy: policy, now: at("2025-03-29T12:00:00Z")))
        #expect(respond.due == at("2025-03-31T11:00:00+02:00"))
        #expect(respond.due == at("2025-03-31T09:00:00Z"))
        #expect(F.local(respond.due, in: "Europe/Berlin").hour == 11)
        #expect(respond.state == .pending)
        #expect(respond.remainingSeconds == 45 * 3600)

        // Acknowledged Monday 10:30 CEST: met with 30 minutes to spare.
        let acked = try F.incident(
            policy, severity: "SEV2", openedAt: "2025-03-28T15:00:00+01:00", [F.ack("2025-03-31T10:30:00+02:00")])
        let met = try F.timer(
            "respond", in: TimerEvaluator.evaluate(acked, policy: policy, now: at("2025-04-01T00:00:00Z")))
        #expect(met.state == .met && met.remainingSeconds == 1800)
    }

    @Test("incident-runbook SEV2: 4 business hours from Friday 15:00 across the autumn change")
    func runbookFallBack() throws {
        let policy = try F.preset("incident-runbook")
        let incident = try F.incident(policy, severity: "SEV2", openedAt: "2025-10-24T15:00:00+02:00")
        let respond = try F.timer(
            "respond", in: TimerEvaluator.evaluate(incident, policy: policy, now: at("2025-10-27T10:30:00Z")))
        #expect(respond.due == at("2025-10-27T11:00:00+01:00"))
        #expect(respond.due == at("2025-10-27T10:00:00Z"))
        #expect(F.local(respond.due, in: "Europe/Berlin").hour == 11)
        #expect(respond.state == .breached)
        #expect(respond.remainingSeconds == -1800)
    }

    @Test("incident-runbook SEV2 opened outside hours starts at the next window")
    func runbookOutsideHours() throws {
        let policy = try F.preset("incident-runbook")
        func due(_ opened: String) throws -> Date {
            let incident = try F.incident(policy, severity: "SEV2", openedAt: opened)
            return try F.timer("respond", in: TimerEvaluator.evaluate(incident, policy: policy, now: at(opened))).due
        }
        // Tuesday evening → Wednesday 13:00 local.
        #expect(try due("2025-11-18T20:00:00+01:00") == at("2025-11-19T13:00:00+01:00"))
        // Saturday → Monday 13:00 local.
        #expect(try due("2025-11-22T10:00:00+01:00") == at("2025-11-24T13:00:00+01:00"))
        // Sunday night, in UTC still Sunday, in Berlin already Monday 00:30 → Monday 13:00.
        #expect(try due("2025-11-23T23:30:00Z") == at("2025-11-24T13:00:00+01:00"))
        // Saturday before the spring change → Monday 13:00 CEST.
        #expect(try due("2025-03-29T10:00:00+01:00") == at("2025-03-31T11:00:00Z"))
    }

    @Test("incident-runbook SEV3: next business day")
    func runbookNextBusinessDay() throws {
        let policy = try F.preset("incident-runbook")
        func due(_ opened: String) throws -> Date {
            let incident = try F.incident(policy, severity: "SEV3", openedAt: opened)
            return try F.timer("respond", in: TimerEvaluator.evaluate(incident, policy: policy, now: at(opened))).due
        }
        #expect(try due("2025-11-17T10:00:00+01:00") == at("2025-11-18T10:00:00+01:00"))  // Mon → Tue
        #expect(try due("2025-11-21T16:00:00+01:00") == at("2025-11-24T16:00:00+01:00"))  // Fri → Mon
    }

    @Test("a business timer skips the policy's holidays")
    func businessHoliday() throws {
        let policy = try F.parse(
            """
            name: holidays
            timezone: Europe/Berlin
            business_hours: {days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00", holidays: [2025-12-25, 2025-12-26]}
            severities:
              - id: S2
                timers: [{name: respond, within: 4h, clock: business}]
            """)
        let incident = try F.incident(policy, severity: "S2", openedAt: "2025-12-24T15:00:00+01:00")
        let respond = try F.timer(
            "respond", in: TimerEvaluator.evaluate(incident, policy: policy, now: at("2025-12-26T12:00:00Z")))
        #expect(respond.due == at("2025-12-29T11:00:00+01:00"))
        #expect(respond.state == .pending)
    }

    // MARK: Severity lookup

    @Test("timers follow the severity named through an alias, and a later severity change")
    func severityLookup() throws {
        let policy = try F.preset("pilot-playbook")
        let viaAlias = try F.incident(policy, severity: "pilot:sev1", openedAt: "2025-11-18T10:00:00Z")
        #expect(viaAlias.severity == "SEV-1")
        #expect(TimerEvaluator.evaluate(viaAlias, policy: policy, now: at("2025-11-18T10:00:00Z")).count == 3)

        let changed = try F.incident(
            policy, severity: "SEV-2", openedAt: "2025-11-18T10:00:00Z",
            [F.update("2025-11-18T10:30:00Z", [("severity", .string("sev1"))])])
        #expect(changed.severity == "SEV-1")
        let ack = try F.timer(
            "ack", in: TimerEvaluator.evaluate(changed, policy: policy, now: at("2025-11-18T10:40:00Z")))
        #expect(ack.state == .breached && ack.due == at("2025-11-18T10:15:00Z"))
    }

    @Test("an unknown severity has no timers")
    func unknownSeverity() throws {
        let policy = try F.preset("pilot-playbook")
        let incident = try F.incident(policy, severity: "SEV-9", openedAt: "2025-11-18T10:00:00Z")
        #expect(!incident.severityKnown)
        #expect(TimerEvaluator.evaluate(incident, policy: policy, now: at("2025-11-18T12:00:00Z")).isEmpty)
    }

    @Test("an incident built directly evaluates the same as a folded one")
    func directIncident() throws {
        let policy = try F.preset("trading-ops")
        var incident = Incident(
            id: "INC-X", severity: "critical", severityKnown: true, title: "halt", openedAt: at("2025-11-18T10:00:00Z"),
            openedBy: nil, source: nil, runID: nil, journal: "incidents.jsonl")
        let pending = try F.timer(
            "ack", in: TimerEvaluator.evaluate(incident, policy: policy, now: at("2025-11-18T10:14:00Z")))
        #expect(pending.state == .pending && pending.remainingSeconds == 60)
        incident.ack = Incident.Note(at: at("2025-11-18T10:16:00Z"), by: "ops", text: nil)
        let late = try F.timer(
            "ack", in: TimerEvaluator.evaluate(incident, policy: policy, now: at("2025-11-18T10:14:00Z")))
        #expect(late.state == .metLate && late.remainingSeconds == -60)
        #expect(TimerEvaluator.evaluate(incident, policy: policy, now: at("2025-11-18T10:14:00Z")).count == 1)

        let spec = TimerSpec(name: "first-update", kind: .within(PolicyDuration(seconds: 600)))
        #expect(spec.until == .resolved)
        let custom = TimerEvaluator.evaluate(spec, incident: incident, policy: policy, now: at("2025-11-18T10:30:00Z"))
        #expect(custom.state == .breached && custom.remainingSeconds == -1200)
    }
}
