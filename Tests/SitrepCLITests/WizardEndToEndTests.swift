import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The rollback wizard in the real binary: a run through with commands executed and their
/// evidence on disk, a dropped session (SIGHUP) resumed at the same step, a drill, and a runbook
/// that others can write refused for execution.
@Suite("Wizard end to end", .serialized)
struct WizardEndToEndTests {
    static let now = "2025-11-21T11:05:00Z"
    static let journal = "incidents/incident_events.jsonl"
    static let runbook = """
        id: e2e-rollback
        title: E2E rollback
        applies_to: [SEV-1]
        target: 5m
        steps:
          - id: drain
            title: Drain traffic
            budget: 1m
            commands: ["printf 'drained %s\\\\n' api-1"]
          - id: revert
            title: Revert the flag
            budget: 2m
            commands: ["sleep 30"]
            verify: "test -d incidents"
          - id: confirm
            title: Confirm health
            checklist: [Health checks green]
        """

    /// The Pilot Operations Playbook fixture with the runbook above in its `.sitrep/runbooks/`.
    func root(mode: mode_t = 0o644) throws -> SitrepRunner {
        let runner = try SitrepRunner(fixture: "pilot-playbook")
        let directory = runner.root.appendingPathComponent(".sitrep/runbooks")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        chmod(runner.root.appendingPathComponent(".sitrep").path, 0o755)
        chmod(directory.path, 0o755)
        let file = directory.appendingPathComponent("e2e.yaml").path
        try Self.runbook.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, mode)
        return runner
    }

    func console(_ runner: SitrepRunner, now: String = Self.now, extra: String = "") throws -> Tmux {
        try Tmux(
            width: 110, height: 34,
            command:
                "cd '\(runner.root.path)' && '\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --policy pilot-playbook --now \(now) --as alice \(extra); sleep 30"
        )
    }

    func rollbackEvents(_ runner: SitrepRunner) throws -> [JSONObject] {
        try runner.lines(Self.journal).compactMap { try JSONParser.parse($0).objectValue }.filter {
            $0["event_type"]?.stringValue?.hasPrefix("rollback_") == true
        }
    }

    func start(_ tmux: Tmux) {
        #expect(tmux.waitFor("INC-20251121-0001").0)
        tmux.send("r")
        let (picked, screen) = tmux.waitFor("Start a rollback on INC-20251121-0001")
        #expect(picked, "\(screen)")
        #expect(screen.contains("E2E rollback"))
        tmux.send("Enter")
        let (started, wizard) = tmux.waitFor("Step 1 of 3 · Drain traffic")
        #expect(started, "\(wizard)")
    }

    @Test(
        "a run through: a command confirmed and executed with its evidence file, SIGHUP, resume, interrupt, completion")
    func runThroughWithResume() throws {
        let runner = try root()
        defer { runner.cleanUp() }
        var tmux: Tmux? = try console(runner)
        start(tmux!)
        tmux!.send("x")
        let (asked, confirmation) = tmux!.waitFor("argv, exactly as it will run")
        #expect(asked, "\(confirmation)")
        #expect(confirmation.contains("[0] printf"))
        #expect(try rollbackEvents(runner).count == 1, "nothing runs before y")
        tmux!.send("y")
        let (ran, output) = tmux!.waitFor("drained api-1")
        #expect(ran, "\(output)")
        #expect(tmux!.waitFor("exit 0").0)

        let command = try #require(try rollbackEvents(runner).last)
        #expect(command["event_type"]?.stringValue == "rollback_command")
        #expect(command["exit_code"]?.intValue == 0)
        #expect(command["argv"] == .array([.string("printf"), .string("drained %s\\n"), .string("api-1")]))
        let evidence = try #require(command["evidence"]?.stringValue)
        #expect(evidence.hasPrefix("incidents/evidence/INC-20251121-0001-RB-"))
        let kept = try String(contentsOfFile: runner.root.appendingPathComponent(evidence).path, encoding: .utf8)
        #expect(kept.contains("drained api-1\n"))
        #expect(kept.contains("# exit: 0"))

        tmux!.send("Enter")
        #expect(tmux!.waitFor("Step 2 of 3 · Revert the flag").0)
        let runID = try #require(try rollbackEvents(runner).first?["run_id"]?.stringValue)

        // The SSH session drops.
        let pane = try #require(tmux!.panePID)
        let console = try #require(childPID(of: pane))
        kill(console, SIGHUP)
        #expect(waitUntil { kill(console, 0) != 0 })
        tmux = nil

        // Logged in again a minute later.
        let again = try self.console(runner, now: "2025-11-21T11:06:00Z")
        #expect(again.waitFor("INC-20251121-0001").0)
        again.send("r")
        let (resumed, screen) = again.waitFor("Step 2 of 3 · Revert the flag")
        #expect(resumed, "\(screen)")
        #expect(screen.contains(runID))
        #expect(screen.contains("✔1 ▶2 .3"))

        // A long command, interrupted.
        again.send("x")
        #expect(again.waitFor("[0] sleep").0)
        again.send("y")
        #expect(again.waitFor("Ctrl-C interrupts").0)
        again.send("C-c")
        let (interrupted, afterInterrupt) = again.waitFor("interrupted")
        #expect(interrupted, "\(afterInterrupt)")
        #expect(afterInterrupt.contains("INC-20251121-0001"), "Ctrl-C stopped the command, not the console")
        #expect(try rollbackEvents(runner).last?["interrupted"] == .bool(true))

        // The verification, then the rest.
        again.send("j")
        again.send("x")
        #expect(again.waitFor("[0] test").0)
        again.send("y")
        #expect(waitUntil { (try? rollbackEvents(runner).last?["is_verification"]) == .bool(true) })
        again.send("Enter")
        #expect(again.waitFor("Step 3 of 3 · Confirm health").0)
        again.send("Space")
        again.send("Enter")
        let (completed, summary) = again.waitFor("Rollback completed")
        #expect(completed, "\(summary)")
        #expect(summary.contains(evidence))

        let events = try rollbackEvents(runner)
        #expect(
            events.map { $0["event_type"]?.stringValue ?? "" } == [
                "rollback_started", "rollback_command", "rollback_step", "rollback_command", "rollback_command",
                "rollback_step", "rollback_step", "rollback_completed",
            ])
        #expect(events.allSatisfy { $0["run_id"]?.stringValue == runID })
        #expect(events.allSatisfy { $0["drill"] == nil })
        #expect(events[5]["verification"]?.stringValue == "passed")
        #expect(events[6]["checklist"] == .array([.string("Health checks green")]))
        #expect(summary.contains("Time to complete:"))

        // The report, from the wizard's summary (P) and from the command line.
        again.send("P")
        #expect(again.waitFor("Write the incident report").0)
        again.send("Enter")
        // The path in full (wrapped above the footer when it is long).
        let reportPath = runner.root.path + "/incidents/reports/INC-20251121-0001.md"
        let (reported, footer) = again.waitFor {
            $0.contains("Report written to")
                && $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined().contains(
                    reportPath)
        }
        #expect(reported, "\(footer)")
        let file = try String(
            contentsOfFile: runner.root.appendingPathComponent("incidents/reports/INC-20251121-0001.md").path,
            encoding: .utf8)
        for section in ["## Timeline (UTC)", "## Rollback runs", "## Commands run", "## Closure checklist"] {
            #expect(file.contains(section), "\(section)")
        }
        #expect(file.contains(runID))
        #expect(file.contains(evidence))
        #expect(file.contains("E2E rollback"))
        let printed = try runner.run([
            "report", "INC-20251121-0001", "--policy", "pilot-playbook", "--now", "2025-11-21T11:07:00Z",
        ])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("## Commands run") && printed.stdout.contains(evidence))
        again.send("Escape")
        again.send("q")
    }

    @Test("--drill walks the same flow, runs nothing and marks every event as a drill")
    func drill() throws {
        let runner = try root()
        defer { runner.cleanUp() }
        let tmux = try console(runner, extra: "--drill")
        start(tmux)
        #expect(tmux.capture().contains("DRILL"))
        tmux.send("x")
        #expect(tmux.waitFor("Drill: record this command as rehearsed?").0)
        tmux.send("y")
        #expect(tmux.waitFor("rehearsed").0)
        tmux.send("Enter")
        #expect(tmux.waitFor("Step 2 of 3").0)
        tmux.send("j")
        tmux.send("x")
        tmux.send("y")
        #expect(waitUntil { (try? rollbackEvents(runner).count) == 4 })
        tmux.send("Enter")
        #expect(tmux.waitFor("Step 3 of 3").0)
        tmux.send("Space")
        tmux.send("Enter")
        let (done, screen) = tmux.waitFor("Rollback completed (drill)")
        #expect(done, "\(screen)")
        let events = try rollbackEvents(runner)
        #expect(events.count == 7)
        #expect(events.allSatisfy { $0["drill"] == .bool(true) })
        let commands = events.filter { $0["event_type"]?.stringValue == "rollback_command" }
        #expect(commands.count == 2)
        #expect(commands.allSatisfy { $0["skipped_in_drill"] == .bool(true) && $0["exit_code"] == .null })
        #expect(!FileManager.default.fileExists(atPath: runner.root.appendingPathComponent("incidents/evidence").path))
        tmux.send("Escape")
        tmux.send("q")
    }

    @Test("a runbook file others can write is shown but its commands are refused, with the reason")
    func unsafeRunbookRefused() throws {
        let runner = try root(mode: 0o666)
        defer { runner.cleanUp() }
        let tmux = try console(runner)
        start(tmux)
        let (shown, screen) = tmux.waitFor("writable by group and others")
        #expect(shown, "\(screen)")
        tmux.send("x")
        tmux.send("y")
        let (refused, footer) = tmux.waitFor("Commands refused:")
        #expect(refused, "\(footer)")
        #expect(!footer.contains("argv, exactly as it will run"), "no confirmation is even offered")
        #expect(try rollbackEvents(runner).count == 1, "only the start is written")
        tmux.send("Escape")
        tmux.send("q")
    }
}
