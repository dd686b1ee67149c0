import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A paste into a form (issue 13): 20k characters took 4.6 s, a megabyte never returned, and
/// after the SSH link dropped the process kept burning CPU.
@Suite("Pasting into a form", .serialized)
struct PasteTests {
    @Test("a 300k-character paste is cut at the field's limit with a message, and a hang-up mid-paste ends the process")
    func hugePasteAndHangUp() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try Tmux(
            width: 100, height: 30,
            command:
                "'\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --now 2025-11-21T16:10:00Z --as alice; sleep 60"
        )
        #expect(tmux.waitFor("INC-20251121-0007").0)
        tmux.send("j")
        tmux.send("a")
        #expect(tmux.waitFor("Acknowledge").0)
        let paste = runner.root.appendingPathComponent("paste.txt")
        try String(repeating: "x", count: 300_000).write(to: paste, atomically: true, encoding: .utf8)
        try tmux.run(["load-buffer", paste.path])
        try tmux.run(["paste-buffer", "-t", tmux.session])
        let (told, screen) = tmux.waitFor("at most \(4096) characters", timeout: 60)
        #expect(told, "\(screen)")

        // Paste again and hang up while it is being read.
        let console = try #require(tmux.panePID.flatMap(childPID))
        try tmux.run(["paste-buffer", "-t", tmux.session])
        try tmux.run(["kill-server"])
        let ended = waitUntil(timeout: 20) { kill(console, 0) != 0 || Self.isZombie(console) }
        #expect(ended, "the console (pid \(console)) still runs after the hang-up")
        if !ended { kill(console, SIGKILL) }
        #expect(runner.lines("incidents/incident_events.jsonl").count == 1, "nothing was written")
    }

    static func isZombie(_ pid: Int32) -> Bool {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true
    }
}
