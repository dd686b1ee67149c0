import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The run's shell context in the real binary: `cd subdir` then `./script.sh` works as it does
/// for a person at a shell, an unset variable is asked for, and a dropped session resumes in the
/// same directory with the same variables.
@Suite("Wizard shell context end to end", .serialized)
struct WizardShellContextEndToEndTests {
    static let journal = "incidents/incident_events.jsonl"
    /// Markdown, imported on load, as an operator would drop it into `.sitrep/runbooks/`.
    static let runbook = """
        # Context rollback

        ## Rollback procedure

        1. Enter the deploy directory and pick the release (1 minute):

           ```bash
           cd pilot-deploy
           export RELEASE=v2
           ```

        2. Bring the pilot up (1 minute):

           ```bash
           ./scripts/pilot-up.sh "$REGION"
           ```

        3. Confirm (1 minute):

           - [ ] Pilot is up
        """

    func root() throws -> SitrepRunner {
        let runner = try SitrepRunner(fixture: "pilot-playbook")
        let directory = runner.root.appendingPathComponent(".sitrep/runbooks")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        chmod(runner.root.appendingPathComponent(".sitrep").path, 0o755)
        chmod(directory.path, 0o755)
        let file = directory.appendingPathComponent("context.md").path
        try Self.runbook.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o644)
        let scripts = runner.root.appendingPathComponent("pilot-deploy/scripts")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        let script = scripts.appendingPathComponent("pilot-up.sh").path
        try "#!/bin/sh\necho \"up $RELEASE $1 in $(basename \"$PWD\")\"\n".write(
            toFile: script, atomically: false, encoding: .utf8)
        chmod(script, 0o755)
        return runner
    }

    func console(_ runner: SitrepRunner, now: String) throws -> Tmux {
        try Tmux(
            width: 110, height: 34,
            command:
                "cd '\(runner.root.path)' && '\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --policy pilot-playbook --now \(now) --as alice; sleep 30"
        )
    }

    func commands(_ runner: SitrepRunner) throws -> [JSONObject] {
        try runner.lines(Self.journal).compactMap { try JSONParser.parse($0).objectValue }.filter {
            $0["event_type"]?.stringValue == "rollback_command"
        }
    }

    @Test("cd then ./script.sh runs in the directory; a SIGHUP and restart keep directory and variables")
    func cdThenScriptAndResume() throws {
        let runner = try root()
        defer { runner.cleanUp() }
        let deploy = runner.root.appendingPathComponent("pilot-deploy").standardizedFileURL.path
        var tmux: Tmux? = try console(runner, now: "2025-11-21T11:05:00Z")
        #expect(tmux!.waitFor("INC-20251121-0001").0)
        tmux!.send("r")
        let (picker, list) = tmux!.waitFor("Context rollback")
        #expect(picker, "\(list)")
        // The picker lists the severity's own runbooks first; walk to this one.
        for _ in 0..<12 where !tmux!.capture().contains("▶ Context rollback") {
            tmux!.send("j")
            _ = tmux!.waitFor(timeout: 0.3) { _ in false }
        }
        tmux!.send("Enter")
        let (started, wizard) = tmux!.waitFor("Step 1 of 3")
        #expect(started, "\(wizard)")
        #expect(wizard.contains("Runs in the console's directory"))

        // cd: nothing executed, the context changes.
        tmux!.send("x")
        let (confirm, shown) = tmux!.waitFor("Nothing is executed")
        #expect(confirm, "\(shown)")
        tmux!.send("y")
        let (moved, screen) = tmux!.waitFor("Runs in \(deploy)")
        #expect(moved, "\(screen)")
        tmux!.send("j")
        tmux!.send("x")
        #expect(tmux!.waitFor("sets RELEASE=v2").0)
        tmux!.send("y")
        #expect(tmux!.waitFor("with RELEASE=v2").0)
        let recorded = try commands(runner)
        #expect(recorded.count == 2)
        #expect(recorded.allSatisfy { $0["context_change"] == .bool(true) && $0["cwd"]?.stringValue == deploy })
        #expect(recorded.last?["env"]?["RELEASE"]?.stringValue == "v2")

        tmux!.send("Enter")
        #expect(tmux!.waitFor("Step 2 of 3").0)

        // The SSH session drops; logged in again a minute later.
        let pane = try #require(tmux!.panePID)
        let console = try #require(childPID(of: pane))
        kill(console, SIGHUP)
        #expect(waitUntil { kill(console, 0) != 0 })
        tmux = nil
        let again = try self.console(runner, now: "2025-11-21T11:06:00Z")
        #expect(again.waitFor("INC-20251121-0001").0)
        again.send("r")
        let (resumed, back) = again.waitFor("Step 2 of 3")
        #expect(resumed, "\(back)")
        #expect(back.contains("Runs in \(deploy)  with RELEASE=v2"), "\(back)")

        // The script reads $REGION, which nothing set: asked for, then run in the directory.
        again.send("x")
        let (asked, prompt) = again.waitFor("Set $REGION")
        #expect(asked, "\(prompt)")
        again.send("-l", "eu-west")
        again.send("Enter")
        #expect(again.waitFor("Run this command?").0)
        again.send("y")
        let (ran, output) = again.waitFor("up v2 eu-west in pilot-deploy")
        #expect(ran, "\(output)")
        // The output streams before the command's record (with its exit code) is appended.
        #expect(waitUntil { (try? commands(runner))?.count == 3 })
        let last = try #require(try commands(runner).last)
        #expect(last["exit_code"]?.intValue == 0)
        #expect(last["cwd"]?.stringValue == deploy)
        #expect(last["env"]?["REGION"]?.stringValue == "eu-west")
        again.send("Escape")
        again.send("q")
    }
}
