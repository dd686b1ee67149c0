import Foundation
import Testing

@testable import IncidentKit

@Suite struct WizardFlowTests {
    private func flow(_ events: [String] = []) throws -> WizardFlow {
        var lines = [
            #"{"event_type":"incident_open","incident_id":"INC-T","severity":"SEV1","title":"t","ts":"2025-11-21T09:50:00Z"}"#,
            #"{"event_type":"rollback_started","incident_id":"INC-T","run_id":"RB-1","runbook":"test-rollback","target_s":600,"ts":"2025-11-21T10:00:00Z"}"#,
        ]
        lines += events
        var incident: Incident?
        try withFollowScratch { dir in
            try dir.append(ArtifactLayout.rootJournal, lines.joined(separator: "\n") + "\n")
            incident = try readIncident(dir.root)
        }
        let folded = try #require(incident)
        let run = try #require(RollbackRun.runs(of: folded).first)
        return WizardFlow(runbook: try wizardTestRunbook(), run: run)
    }

    private func step(_ id: String, _ status: String, next: String?, at t: String, extra: String = "") -> String {
        let nextJSON = next.map { "\"\($0)\"" } ?? "null"
        return #"{"event_type":"rollback_step","incident_id":"INC-T","run_id":"RB-1","step":""# + id
            + #"","status":""# + status + #"","next_step":"# + nextJSON + extra + #","ts":"2025-11-21T10:"# + t
            + #"Z"}"#
    }

    @Test func cadencesAreDueOnTheirRhythmAndAnUpdateResetsAnUpdateReminder() throws {
        let f = try flow()
        let start = try #require(Timestamp.parse(.string("2025-11-21T10:00:00Z")))
        let updates = RunbookReminder(label: "Post updates", everySeconds: 1800, resetByUpdate: true)
        let checks = RunbookReminder(label: "Health checks", everySeconds: 600, resetByUpdate: false)
        #expect(f.reminderDue(updates, lastUpdate: nil, now: start.addingTimeInterval(600)) == 1200)
        #expect(f.reminderDue(updates, lastUpdate: nil, now: start.addingTimeInterval(1900)) == -100)
        // A journaled update at 25 minutes: the next one is due 30 minutes after it.
        #expect(
            f.reminderDue(updates, lastUpdate: start.addingTimeInterval(1500), now: start.addingTimeInterval(1900))
                == 1400)
        #expect(f.reminderDue(checks, lastUpdate: nil, now: start.addingTimeInterval(1300)) == 500)
        #expect(
            f.reminderDue(checks, lastUpdate: start.addingTimeInterval(1250), now: start.addingTimeInterval(1300))
                == 500)
    }

    @Test func endEndsTheRunUnlessAStepIsCalledSo() throws {
        let f = try flow()
        var step = try #require(f.runbook.step("stop"))
        step.next = RunbookStep.end
        #expect(f.next(after: step, choice: nil) == nil)
        #expect(f.next(after: step, choice: RunbookStep.end) == nil)
    }

    @Test func aStartWithoutAStepBeginsAtTheRunbooksFirstStep() throws {
        let f = try flow()
        #expect(f.currentStep?.id == "stop")
        #expect(f.currentNumber == 1)
        #expect(f.previousStep == nil)
    }

    @Test func nextFollowsTheChoiceThenNextThenTheOrder() throws {
        let f = try flow()
        let runbook = f.runbook
        #expect(f.next(after: try #require(runbook.step("stop")), choice: nil) == "decide")
        #expect(f.next(after: try #require(runbook.step("decide")), choice: "code") == "code")
        // The config branch joins the confirmation step instead of falling into the code branch.
        #expect(f.next(after: try #require(runbook.step("config")), choice: nil) == "confirm")
        #expect(f.next(after: try #require(runbook.step("confirm")), choice: nil) == nil)
    }

    @Test func aBranchingStepNeedsAChoiceAndAVerificationMustPassOrBeOverridden() throws {
        let atDecide = try flow([step("stop", "done", next: "decide", at: "00:30")])
        let decide = try #require(atDecide.currentStep)
        #expect(atDecide.gate(for: decide, choice: nil) == .needsChoice)
        #expect(atDecide.gate(for: decide, choice: "config") == .open)

        let toCode = [
            step("stop", "done", next: "decide", at: "00:30"), step("decide", "done", next: "code", at: "00:50"),
        ]
        let notRun = try flow(toCode)
        let code = try #require(notRun.currentStep)
        #expect(code.id == "code")
        #expect(notRun.gate(for: code, choice: nil) == .verificationNotRun)
        #expect(notRun.verificationWord(for: code) == "not_run")

        func verification(_ exit: String, at t: String, drill: Bool = false) -> String {
            #"{"event_type":"rollback_command","incident_id":"INC-T","run_id":"RB-1","step":"code","command":"make test","exit_code":"#
                + exit + #","is_verification":true"# + (drill ? #","skipped_in_drill":true"# : "")
                + #","ts":"2025-11-21T10:"# + t + #"Z"}"#
        }
        let failed = try flow(toCode + [verification("2", at: "01:00")])
        #expect(failed.gate(for: code, choice: nil) == .verificationFailed(exitCode: 2))
        #expect(failed.verificationWord(for: code) == "failed")
        // The latest verification counts: a pass after a failure opens the step.
        let passed = try flow(toCode + [verification("2", at: "01:00"), verification("0", at: "01:10")])
        #expect(passed.gate(for: code, choice: nil) == .open)
        #expect(passed.verificationWord(for: code) == "passed")
        // A command that ran in another step does not verify this one.
        let other = try flow(
            toCode + [verification("0", at: "01:00").replacingOccurrences(of: "\"code\"", with: "\"stop\"")])
        #expect(other.gate(for: code, choice: nil) == .verificationNotRun)
        // In a drill nothing runs; the rehearsed verification counts.
        let drill = try flow(toCode + [verification("null", at: "01:00", drill: true)])
        #expect(drill.gate(for: code, choice: nil) == .open)
    }

    @Test func skipMovesOnAndBackReturnsAlongThePathTaken() throws {
        let events = [
            step("stop", "skipped", next: "decide", at: "00:30", extra: #","reason":"already stopped""#),
            step("decide", "done", next: "config", at: "00:40"),
            step("config", "done", next: "confirm", at: "01:40"),
        ]
        let atConfirm = try flow(events)
        #expect(atConfirm.currentStep?.id == "confirm")
        // Back goes to the branch actually taken, not to the step above in the file.
        #expect(atConfirm.previousStep == "config")
        let back = try flow(events + [step("confirm", "back", next: "config", at: "02:00")])
        #expect(back.currentStep?.id == "config")
        #expect(back.previousStep == "decide")
        #expect(back.run.lastRecord(of: "stop")?.status == .skipped)
        #expect(back.run.lastRecord(of: "stop")?.reason == "already stopped")
        // Clocks keep running: config's first visit (60 s) plus 30 s since going back.
        #expect(back.run.secondsOnStep("config", now: at(150)) == 90)
    }

    @Test func overrunsAreMeasuredAgainstTheStepBudgetAndTheRunTarget() throws {
        let f = try flow()
        let stop = try #require(f.currentStep)
        #expect(f.stepOverrun(stop, now: at(60)) == nil)
        #expect(f.stepOverrun(stop, now: at(75)) == 15)
        #expect(f.targetOverrun(now: at(600)) == nil)
        #expect(f.targetOverrun(now: at(660)) == 60)
    }

    @Test func theLastStepLeavesOnlyTheCompletion() throws {
        let done = try flow([
            step("stop", "done", next: "decide", at: "00:30"), step("decide", "done", next: "config", at: "00:40"),
            step("config", "done", next: "confirm", at: "01:40"), step("confirm", "done", next: nil, at: "02:00"),
        ])
        #expect(done.currentStep == nil)
        #expect(done.run.isActive)
        #expect(done.previousStep == "confirm")
        let back = try flow([
            step("stop", "done", next: "decide", at: "00:30"), step("decide", "done", next: "config", at: "00:40"),
            step("config", "done", next: "confirm", at: "01:40"), step("confirm", "done", next: nil, at: "02:00"),
            step("confirm", "back", next: "confirm", at: "02:10"),
        ])
        #expect(back.currentStep?.id == "confirm")
    }

    @Test func anEventStampedBeforeItsRunsStartStillBelongsToIt() throws {
        // A second console whose clock is a few seconds behind records a verification.
        let early =
            #"{"event_type":"rollback_command","incident_id":"INC-T","run_id":"RB-1","step":"stop","command":"pkill -f runner","exit_code":0,"ts":"2025-11-21T09:59:58Z"}"#
        let f = try flow([early])
        #expect(f.run.commands.map(\.exitCode) == [0])
    }
}
