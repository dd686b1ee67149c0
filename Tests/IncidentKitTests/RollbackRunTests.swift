import Foundation
import Testing

@testable import IncidentKit

/// One whole run written through the recorder, then folded back from every prefix of the
/// journal: wherever the console was killed, the wizard resumes at the same step with the same
/// clocks and the same evidence.
@Suite struct RollbackRunTests {
    private struct Checkpoint {
        var lines: Int
        var step: String?
        var since: Int
        var active: Bool
        var commands: Int
    }

    @Test func aRunResumesAtTheSameStepAndClockFromAJournalCutAtEveryLine() throws {
        try withFollowScratch { dir in
            try openTestIncident(dir)
            let runbook = try wizardTestRunbook()
            let entry = RunbookEntry(runbook: runbook, origin: "test.yaml")
            let start = try RollbackRecorder(root: dir.root, now: at(0)).start(
                incident: try readIncident(dir.root), entry: entry, drill: false, by: "alice")

            func flow() throws -> WizardFlow {
                let run = try #require(RollbackRun.runs(of: try readIncident(dir.root)).last)
                return WizardFlow(runbook: runbook, run: run)
            }
            func step(_ status: RollbackStepStatus, _ t: Int, choice: String? = nil, reason: String? = nil) throws {
                let f = try flow()
                try RollbackRecorder(root: dir.root, now: at(t)).step(
                    try transition(f, status, now: at(t), choice: choice, reason: reason), context: start,
                    incident: try readIncident(dir.root))
            }
            func command(_ text: String, _ t: Int, exit: Int, verification: Bool = false) throws {
                let result = RollbackRecords.CommandResult(
                    step: try #require(try flow().run.currentStep), command: text, argv: CommandArgv.prepare(text).argv,
                    exitCode: exit, startedAt: at(t - 2), durationSeconds: 2, evidence: "evidence/x-\(t).log",
                    isVerification: verification)
                try RollbackRecorder(root: dir.root, now: at(t)).command(
                    result, context: start, incident: try readIncident(dir.root))
            }

            try step(.done, 30)  // stop
            try step(.done, 50, choice: "code")  // decide → code
            try command("make test", 60, exit: 2, verification: true)
            try command("make test", 70, exit: 0, verification: true)
            try step(.done, 80)  // code → confirm
            try step(.back, 90)  // confirm → code again
            try step(.done, 100)  // code → confirm
            try step(.skipped, 130, reason: "checked by hand")  // confirm: last step
            let last = try flow()
            try RollbackRecorder(root: dir.root, now: at(130)).complete(
                run: last.run, context: start, incident: try readIncident(dir.root))

            // Line 1 opens the incident; each later line is one write above.
            let expected = [
                Checkpoint(lines: 2, step: "stop", since: 0, active: true, commands: 0),
                Checkpoint(lines: 3, step: "decide", since: 30, active: true, commands: 0),
                Checkpoint(lines: 4, step: "code", since: 50, active: true, commands: 0),
                Checkpoint(lines: 5, step: "code", since: 50, active: true, commands: 1),
                Checkpoint(lines: 6, step: "code", since: 50, active: true, commands: 2),
                Checkpoint(lines: 7, step: "confirm", since: 80, active: true, commands: 2),
                Checkpoint(lines: 8, step: "code", since: 90, active: true, commands: 2),
                Checkpoint(lines: 9, step: "confirm", since: 100, active: true, commands: 2),
                Checkpoint(lines: 10, step: nil, since: 130, active: true, commands: 2),
                Checkpoint(lines: 11, step: nil, since: 130, active: false, commands: 2),
            ]
            let journal = dir.lines(ArtifactLayout.rootJournal)
            #expect(journal.count == 11)
            for checkpoint in expected {
                try withFollowScratch { cut in
                    try cut.append(
                        ArtifactLayout.rootJournal, journal.prefix(checkpoint.lines).joined(separator: "\n") + "\n")
                    let run = try #require(RollbackRun.runs(of: try readIncident(cut.root)).first)
                    let resumed = WizardFlow(runbook: runbook, run: run)
                    #expect(resumed.run.currentStep == checkpoint.step, "cut at line \(checkpoint.lines)")
                    #expect(resumed.run.isActive == checkpoint.active, "cut at line \(checkpoint.lines)")
                    #expect(resumed.run.commands.count == checkpoint.commands, "cut at line \(checkpoint.lines)")
                    if checkpoint.active {
                        // The clock of the current position started when the journal says.
                        #expect(resumed.run.secondsOnCurrentVisit(now: at(200)) == 200 - checkpoint.since)
                    }
                    #expect(resumed.run.startedAt == at(0))
                }
            }

            let done = try #require(RollbackRun.runs(of: try readIncident(dir.root)).first)
            #expect(done.outcome == .completed(at: at(130)))
            #expect(done.totalSeconds(now: at(999)) == 130)
            // "code" was visited twice: 30 s, then 10 s after going back.
            #expect(done.secondsOnStep("code", now: at(999)) == 40)
            #expect(done.steps.map(\.status) == [.done, .done, .done, .back, .done, .skipped])
            #expect(done.steps[1].choice == "code")
            #expect(done.steps[2].verification == "passed")
            #expect(done.steps.last?.reason == "checked by hand")
            #expect(done.commands.map(\.exitCode) == [2, 0])
            #expect(done.commands.allSatisfy { $0.evidence != nil && $0.isVerification })
        }
    }

    @Test func aSecondConsoleCannotMakeTheSameTransitionAndIsToldWhy() throws {
        try withFollowScratch { dir in
            try openTestIncident(dir)
            let runbook = try wizardTestRunbook()
            let context = try RollbackRecorder(root: dir.root, now: at(0)).start(
                incident: try readIncident(dir.root), entry: RunbookEntry(runbook: runbook, origin: "t"), drill: false,
                by: "alice")
            // Both consoles saw the run at the first step.
            let seen = WizardFlow(
                runbook: runbook, run: try #require(RollbackRun.runs(of: try readIncident(dir.root)).last))
            let t = try transition(seen, .done, now: at(10))
            try RollbackRecorder(root: dir.root, now: at(10)).step(
                t, context: context, incident: try readIncident(dir.root))
            #expect {
                try RollbackRecorder(root: dir.root, now: at(11)).step(
                    t, context: context, incident: try readIncident(dir.root))
            } throws: { error in
                (error as? ActionError)?.message.contains("moved on in another console") == true
            }
            let run = try #require(RollbackRun.runs(of: try readIncident(dir.root)).last)
            #expect(run.steps.count == 1)
            #expect(run.currentStep == "decide")
        }
    }

    @Test func oneRunAtATimePerIncidentAndDrillsAreMarked() throws {
        try withFollowScratch { dir in
            try openTestIncident(dir)
            let entry = RunbookEntry(runbook: try wizardTestRunbook(), origin: "t")
            let recorder = RollbackRecorder(root: dir.root, now: at(0))
            let drill = try recorder.start(incident: try readIncident(dir.root), entry: entry, drill: true, by: "bob")
            #expect(throws: ActionError.self) {
                try recorder.start(incident: try readIncident(dir.root), entry: entry, drill: false, by: "alice")
            }
            let line = try parseObject(try #require(dir.lines(ArtifactLayout.rootJournal).last))
            #expect(line["event_type"] == .string("rollback_started"))
            #expect(line["drill"] == .bool(true))
            #expect(line["run_id"] == .string(drill.runID))
            #expect(line["target_s"] == .number(600))
            #expect(line["step"] == .string("stop"))
            let run = try #require(RollbackRun.active(of: try readIncident(dir.root)))
            #expect(run.drill)
            try recorder.abort(run: run, context: drill, incident: try readIncident(dir.root), reason: "practice over")
            #expect(RollbackRun.active(of: try readIncident(dir.root)) == nil)
            // With the drill ended, a real run may start.
            _ = try recorder.start(incident: try readIncident(dir.root), entry: entry, drill: false, by: "alice")
            #expect(RollbackRun.runs(of: try readIncident(dir.root)).map(\.drill) == [true, false])
        }
    }

    @Test func anEvidencePathStaysInItsDirectoryWhateverTheIDsSay() throws {
        try withFollowScratch { dir in
            try dir.append(
                ArtifactLayout.rootJournal,
                #"{"event_type":"incident_open","incident_id":"../../evil/x","severity":"SEV1","title":"t","ts":"2025-11-21T09:50:00Z"}"#
                    + "\n")
            let incident = try readIncident(dir.root, "../../evil/x")
            let context = RollbackRecords.Context(
                incidentID: incident.id, runID: "RB-1", runbookID: "r", drill: false, by: "alice")
            let path = RollbackRecorder(root: dir.root, now: at(0)).evidencePath(
                incident: incident, context: context, step: "../step")
            #expect(path == "incidents/evidence/_._.._evil_x-RB-1-_._step-1.log")
            #expect(!path.dropFirst("incidents/evidence/".count).contains("/"))
        }
    }
}
