import Foundation
import IncidentKit
import Testing

@testable import ConsoleUI

/// The wizard's keys over the Pilot Operations Playbook fixture and its built-in rollback:
/// stop, checkout, re-run checks (three commands and a verification), restart, confirm (a
/// checklist). Progress comes from rollback events appended to a copy of the fixture's journal.
@Suite("Wizard keys")
struct WizardUpdateTests {
    static let incident = "INC-20251121-0001"
    static let runbook = "pilot-playbook-rollback"

    /// A copy of the fixture root, with the given rollback lines after its journal.
    func state(events: [String] = [], readOnly: Bool = false) throws -> AppState {
        let f = ViewFixtures.pilotPlaybook
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-wizard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: ViewFixtures.fixtures.appendingPathComponent(f.fixture), to: copy)
        let journal = copy.appendingPathComponent("incidents/incident_events.jsonl")
        let handle = try FileHandle(forWritingTo: journal)
        handle.seekToEndOfFile()
        handle.write(Data(events.map { $0 + "\n" }.joined().utf8))
        try handle.close()
        let policy = try PolicyResolver(root: copy.path).resolve(f.policy)
        let store = ArtifactStore(root: copy.path, fieldNames: FieldNames(policyAliases: policy.fieldAliases))
        store.refresh()
        let picture = PictureBuilder.build(store: store, policy: policy, now: Timestamp.parse(f.now)!)
        var state = AppState(picture: picture, width: 100, height: 30, operatorName: "alice", readOnly: readOnly)
        state.runbooks = RunbookCatalog.load(root: copy.path, extraFiles: [], environment: ["HOME": copy.path])
        return state
    }

    static let started =
        #"{"event_type":"rollback_started","incident_id":"INC-20251121-0001","run_id":"RB-1","runbook":"pilot-playbook-rollback","step":"stop-runner","ts":"2025-11-21T11:00:00Z"}"#

    static func step(_ id: String, _ status: String, next: String?, seq: Int, at: String) -> String {
        #"{"event_type":"rollback_step","incident_id":"INC-20251121-0001","run_id":"RB-1","step":""# + id
            + #"","status":""# + status + #"","next_step":"# + (next.map { "\"\($0)\"" } ?? "null") + #","seq":"#
            + "\(seq)" + #","ts":"2025-11-21T"# + at + #"Z"}"#
    }

    /// The run at step 3 ("rerun-checks"), entered at 11:02.
    static let atChecks = [
        started, step("stop-runner", "done", next: "checkout-good", seq: 0, at: "11:01:00"),
        step("checkout-good", "done", next: "rerun-checks", seq: 1, at: "11:02:00"),
    ]

    @discardableResult
    func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { Update.apply(.key($0), to: &state) }
    }

    func stepRequest(_ effects: [Effect]) -> RollbackRecords.StepTransition? {
        for effect in effects {
            if case .rollback(.step(_, _, let transition, _)) = effect { return transition }
        }
        return nil
    }

    @Test("the wizard shows where commands run, their expected output and when a cadence is due")
    func shellContextOutputAndReminders() throws {
        let cd =
            #"{"event_type":"rollback_command","incident_id":"INC-20251121-0001","run_id":"RB-1","step":"checkout-good","command":"cd /srv/app","argv":["cd","/srv/app"],"exit_code":0,"cwd":"/srv/app","env":{"LD_PRELOAD":"/tmp/x.so"},"context_change":true,"ts":"2025-11-21T11:01:30Z"}"#
        var s = try state(events: Self.atChecks + [cd])
        var entry = try #require(s.runbooks.entry(id: Self.runbook))
        entry.runbook.reminders = [RunbookReminder(label: "Post updates", everySeconds: 1800, resetByUpdate: true)]
        let index = try #require(entry.runbook.steps.firstIndex { $0.id == "rerun-checks" })
        entry.runbook.steps[index].commands[0].output = ["fairness: 3 of 3 nodes passing"]
        s.runbooks.add(entry)
        press([.char("r")], &s)
        let text = Screen.render(s).text
        // The directory is shown; a variable no command of the runbook names is not passed on.
        #expect(text.contains("Runs in /srv/app"), "\(text)")
        #expect(!text.contains("LD_PRELOAD"), "\(text)")
        #expect(text.contains("      fairness: 3 of 3 nodes passing"), "\(text)")
        // Started 11:00, now 11:05: the first update is due at 11:30.
        #expect(text.contains("Post updates (every 30m00s): due in 25m00s"), "\(text)")
    }

    @Test("a runbook with no steps (a template) is not started from the picker")
    func templateIsNotStarted() throws {
        var s = try state()
        var entry = try #require(s.runbooks.entry(id: Self.runbook))
        entry.runbook.steps = []
        entry.runbook.notice = "a template to fill in, not a procedure"
        s.runbooks.add(entry)
        press([.char("r")], &s)
        guard case .picker(let picker)? = s.overlay else {
            Issue.record("no picker")
            return
        }
        let position = try #require(picker.runbookIDs.firstIndex(of: Self.runbook))
        press(Array(repeating: .char("j"), count: position), &s)
        #expect(press([.enter], &s).isEmpty)
        #expect(s.flash?.text.contains("has no steps: a template to fill in") == true)
    }

    @Test("r offers the runbooks for the incident's severity first; Enter asks the loop to start it")
    func pickerStartsARun() throws {
        var s = try state()
        press([.char("r")], &s)
        guard case .picker(let picker)? = s.overlay else {
            Issue.record("no picker")
            return
        }
        #expect(picker.runbookIDs.first == Self.runbook)
        #expect(picker.applicable >= 1)
        let effects = press([.enter], &s)
        #expect(effects == [.rollback(.start(incident: Self.incident, runbook: Self.runbook, by: "alice"))])
        // When the run appears in the journal, the picker becomes the wizard on it.
        let started = try state(events: [Self.started])
        s.picture = started.picture
        _ = Update.apply(.picture(started.picture, dataChanged: true), to: &s)
        #expect(s.overlay == .wizard(WizardSession(incidentID: Self.incident, runID: "RB-1")))
    }

    @Test("a read-only console cannot start a rollback, but can follow one without moving it")
    func readOnly() throws {
        var s = try state(readOnly: true)
        press([.char("r")], &s)
        #expect(s.overlay == nil)
        #expect(s.flash?.text.contains("Read-only") == true)

        var following = try state(events: Self.atChecks, readOnly: true)
        press([.char("r")], &following)
        #expect(following.overlay == .wizard(WizardSession(incidentID: Self.incident, runID: "RB-1")))
        let effects = press([.enter, .char("s"), .char("b"), .char("A"), .char("x"), .char("y")], &following)
        #expect(effects.isEmpty)
    }

    @Test("Enter completes the step with its elapsed time, next step and the run's transition count")
    func enterCompletes() throws {
        var s = try state(events: [Self.started])
        press([.char("r")], &s)
        let t = try #require(stepRequest(press([.enter], &s)))
        #expect(t.step == "stop-runner")
        #expect(t.status == .done)
        #expect(t.next == "checkout-good")
        #expect(t.sequence == 0)
        #expect(t.elapsedSeconds == 300)  // started 11:00, the fixture's clock is 11:05
    }

    @Test("x asks first, showing the exact argv; y runs it; Ctrl-C then interrupts instead of quitting")
    func runCommand() throws {
        var s = try state(events: Self.atChecks)
        press([.char("r"), .char("x")], &s)
        guard case .wizard(let session)? = s.overlay, session.prompt == .confirmRun(item: 0, values: [:]) else {
            Issue.record("no confirmation: \(String(describing: s.overlay))")
            return
        }
        let effects = press([.char("y")], &s)
        guard case .runCommand(let request)? = effects.first else {
            Issue.record("no command effect")
            return
        }
        #expect(request.prepared.argv.prefix(2) == ["python3", "scripts/smoke_check.py"])
        #expect(request.stepID == "rerun-checks")
        #expect(!request.isVerification)
        #expect(s.commandRunning)
        #expect(press([.ctrl("c")], &s) == [.interruptCommand])
        #expect(!s.wantsQuit)
        _ = Update.apply(.commandOutput("checking\nfair"), to: &s)
        _ = Update.apply(.commandFinished(CommandEnd(exitCode: 130, interrupted: true, evidence: "e.log")), to: &s)
        #expect(s.command?.shownLines == ["checking", "fair"])
        #expect(!s.commandRunning)
        // Any key but y cancels the confirmation.
        press([.char("x"), .char("n")], &s)
        guard case .wizard(let after)? = s.overlay else { return }
        #expect(after.prompt == .none)
    }

    @Test("a step whose verification has not passed needs an override reason to complete")
    func verificationGate() throws {
        var s = try state(events: Self.atChecks)
        press([.char("r")], &s)
        #expect(press([.enter], &s).isEmpty)
        guard case .wizard(let session)? = s.overlay, case .reason(.override, _, _) = session.prompt else {
            Issue.record("no override prompt")
            return
        }
        #expect(press([.enter], &s).isEmpty)  // an empty reason is refused
        let t = try #require(stepRequest(press("metrics host down".map { Key.char($0) } + [.enter], &s)))
        #expect(t.status == .failed)
        #expect(t.reason == "metrics host down")
        #expect(t.verification == "not_run")
        #expect(t.next == "restart-loop")

        let passed =
            Self.atChecks + [
                #"{"event_type":"rollback_command","incident_id":"INC-20251121-0001","run_id":"RB-1","step":"rerun-checks","command":"python3 scripts/check_pilot_metrics.py pilot/pilot_metrics.json --require-status-collected","exit_code":0,"is_verification":true,"ts":"2025-11-21T11:03:00Z"}"#
            ]
        var ok = try state(events: passed)
        press([.char("r")], &ok)
        let done = try #require(stepRequest(press([.enter], &ok)))
        #expect(done.status == .done)
        #expect(done.verification == "passed")
    }

    @Test("s skips with a reason, b goes back after a confirmation")
    func skipAndBack() throws {
        var s = try state(events: Self.atChecks)
        press([.char("r"), .char("s")], &s)
        let skipped = try #require(stepRequest(press("done by hand".map { Key.char($0) } + [.enter], &s)))
        #expect(skipped.status == .skipped)
        #expect(skipped.reason == "done by hand")

        var b = try state(events: Self.atChecks)
        press([.char("r"), .char("b")], &b)
        let back = try #require(stepRequest(press([.char("y")], &b)))
        #expect(back.status == .back)
        #expect(back.step == "rerun-checks")
        #expect(back.next == "checkout-good")
        #expect(back.sequence == 2)
    }

    @Test("the last step with unticked items asks again, then completes the step and the run")
    func lastStep() throws {
        let events =
            Self.atChecks + [
                Self.step("rerun-checks", "failed", next: "restart-loop", seq: 2, at: "11:03:00"),
                Self.step("restart-loop", "done", next: "confirm", seq: 3, at: "11:04:00"),
            ]
        var s = try state(events: events)
        press([.char("r"), .char(" ")], &s)  // ticks the first item
        #expect(press([.enter], &s).isEmpty)
        guard case .wizard(let session)? = s.overlay, session.prompt == .confirmIncomplete(unticked: 1) else {
            Issue.record("no second confirmation")
            return
        }
        let effects = press([.enter], &s)
        let t = try #require(stepRequest(effects))
        #expect(t.next == nil)
        #expect(t.checklist == ["Node health confirmed"])
        #expect(effects.last == .rollback(.complete(incident: Self.incident, run: "RB-1", by: "alice")))
    }

    @Test("the wizard's step, its command output and the completion summary match the reviewed screens")
    func screens() throws {
        var s = try state(
            events: Self.atChecks + [
                #"{"event_type":"rollback_command","incident_id":"INC-20251121-0001","run_id":"RB-1","step":"rerun-checks","command":"python3 scripts/smoke_check.py --include-fairness --json-out smoke_summary.json","exit_code":1,"duration_s":2.5,"evidence":"incidents/evidence/x-1.log","ts":"2025-11-21T11:03:00Z"}"#
            ])
        press([.char("r"), .char("j"), .char("j"), .char("j")], &s)
        s.command = CommandProgress(
            incidentID: Self.incident, runID: "RB-1", stepID: "rerun-checks",
            prepared: CommandArgv.prepare(
                "python3 scripts/smoke_check.py --include-fairness --json-out smoke_summary.json"),
            isVerification: false, startedAt: s.now.addingTimeInterval(-120), drill: false)
        _ = Update.apply(
            .commandOutput("fairness: 2 of 3 nodes failing\nsummary written to smoke_summary.json\n"), to: &s)
        _ = Update.apply(.commandFinished(CommandEnd(exitCode: 1, evidence: "incidents/evidence/x-1.log")), to: &s)
        let (ok, diff) = try ViewFixtures.matchesGolden(Screen.render(s), "wizard-step-pilot-playbook-100x30")
        #expect(ok, "\(diff)")

        var done = try state(
            events: Self.atChecks + [
                Self.step("rerun-checks", "failed", next: "restart-loop", seq: 2, at: "11:03:00"),
                Self.step("restart-loop", "done", next: "confirm", seq: 3, at: "11:04:00"),
                Self.step("confirm", "done", next: nil, seq: 4, at: "11:04:30"),
                #"{"event_type":"rollback_completed","incident_id":"INC-20251121-0001","run_id":"RB-1","seq":5,"ts":"2025-11-21T11:04:30Z"}"#,
            ])
        // The run has ended, so r would offer a new one; the wizard that completed it shows the summary.
        done.overlay = .wizard(WizardSession(incidentID: Self.incident, runID: "RB-1"))
        let (summaryOK, summaryDiff) = try ViewFixtures.matchesGolden(
            Screen.render(done), "wizard-summary-pilot-playbook-100x30")
        #expect(summaryOK, "\(summaryDiff)")
    }

    @Test("a command with placeholders asks for each value, refuses quotes and $, and runs the filled-in argv")
    func placeholders() throws {
        let started =
            #"{"event_type":"rollback_started","incident_id":"INC-20251121-0001","run_id":"RB-1","runbook":"ph","ts":"2025-11-21T11:00:00Z"}"#
        var s = try state(events: [started])
        s.runbooks.add(
            RunbookEntry(
                runbook: Runbook(
                    id: "ph", title: "Placeholders",
                    steps: [
                        RunbookStep(
                            id: "revert", title: "Revert",
                            commands: [RunbookCommand("git revert <commit-hash> -m <why>")])
                    ]),
                origin: "ph.yaml"))
        press([.char("r"), .char("x")], &s)
        guard case .wizard(let asking)? = s.overlay, case .fill(_, let names, _, _, _) = asking.prompt else {
            Issue.record("no fill-in prompt")
            return
        }
        #expect(names == ["commit-hash", "why"])
        press("abc123".map { Key.char($0) } + [.enter], &s)
        press("$(id)".map { Key.char($0) } + [.enter], &s)
        guard case .wizard(let refused)? = s.overlay, case .fill(_, _, _, _, let error) = refused.prompt else {
            Issue.record("the bad value was taken")
            return
        }
        #expect(error?.contains("cannot contain $") == true)
        press([.ctrl("u")] + "bad deploy".map { Key.char($0) } + [.enter], &s)
        guard case .wizard(let confirming)? = s.overlay,
            confirming.prompt == .confirmRun(item: 0, values: ["commit-hash": "abc123", "why": "bad deploy"])
        else {
            Issue.record("no confirmation")
            return
        }
        guard case .runCommand(let request)? = press([.char("y")], &s).first else {
            Issue.record("no command")
            return
        }
        #expect(request.template == "git revert <commit-hash> -m <why>")
        // A value is one argv word (issue 13: it used to be re-split into "bad", "deploy").
        #expect(request.prepared.argv == ["git", "revert", "abc123", "-m", "bad deploy"])
    }

    @Test("u posts an update from the wizard (a step asks for one) and returns to the wizard")
    func updateFromTheWizard() throws {
        var s = try state(events: Self.atChecks)
        press([.char("r"), .char("u")], &s)
        guard case .form(let form)? = s.overlay else {
            Issue.record("no update form")
            return
        }
        #expect(form.kind == .update(incident: Self.incident))
        press([.escape], &s)
        #expect(s.overlay == .wizard(WizardSession(incidentID: Self.incident, runID: "RB-1")))
        press([.char("u")], &s)
        let effects = press("rolled back at 11:05".map { Key.char($0) } + [.enter], &s)
        #expect(effects == [.write(.update(id: Self.incident, by: "alice", message: "rolled back at 11:05"))])
        #expect(s.overlay == .wizard(WizardSession(incidentID: Self.incident, runID: "RB-1")))
    }
}
