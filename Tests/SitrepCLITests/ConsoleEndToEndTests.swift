import Foundation
import IncidentKit
import Testing

/// The real binary in a real terminal (tmux), reading what it drew and what it wrote.
@Suite("Console end to end", .serialized)
struct ConsoleEndToEndTests {
    let now = "2025-11-21T16:10:00Z"

    func console(_ runner: SitrepRunner, width: Int = 100, height: Int = 30, now: String? = nil, extra: String = "")
        throws -> Tmux
    {
        try Tmux(
            width: width, height: height,
            command:
                "'\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --now \(now ?? self.now) --as alice \(extra); sleep 30"
        )
    }

    @Test("select an incident, acknowledge it with a note through the keyboard, find the exact line on disk")
    func acknowledgeThroughTheKeyboard() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try console(runner)
        #expect(tmux.waitFor("INC-20251121-0007").0)
        tmux.send("j")
        tmux.send("a")
        #expect(tmux.waitFor("Acknowledge").0)
        tmux.type("slow query on deals — looking")
        #expect(tmux.waitFor("slow query on deals").0)
        let journal = "incidents/incident_events.jsonl"
        #expect(runner.lines(journal).count == 1, "nothing is written before Enter")
        tmux.send("Enter")
        let (shown, screen) = tmux.waitFor("INC-20251121-0007 acknowledged by alice")
        #expect(shown, "\(screen)")
        #expect(waitUntil { runner.lines(journal).count == 2 })
        let record = try #require(try JSONParser.parse(runner.lines(journal).last!).objectValue)
        #expect(record["event_type"]?.stringValue == "incident_ack")
        #expect(record["incident_id"]?.stringValue == "INC-20251121-0007")
        #expect(record["ack_by"]?.stringValue == "alice")
        #expect(record["notes"]?.stringValue == "slow query on deals — looking")
        #expect(record["event_id"] != nil && record["host"] != nil && record["ts"] != nil)
        tmux.send("q")
    }

    /// Starts the console on the incident-runbook fixture, appends an incident_open from
    /// outside and waits for its title; returns whether it was shown and the screen.
    private func appendedIncidentAppears(extra: String = "", title: String, id: String) throws -> (Bool, String) {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try console(runner, width: 140, extra: extra)
        defer { tmux.send("q") }
        #expect(tmux.waitFor("Incidents (2)").0)
        let line =
            #"{"event_type":"incident_open","incident_id":"\#(id)","severity":"SEV1","title":"\#(title)","ts":"2025-11-21T16:09:00Z","event_id":"ext-\#(id)"}"#
            + "\n"
        let handle = try FileHandle(forWritingTo: runner.root.appendingPathComponent("incidents/incident_events.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.close()
        return tmux.waitFor(title, timeout: 5)
    }

    @Test("without inotify the stat pass alone brings an appended incident to the screen")
    func liveUpdateByPollingOnly() throws {
        let (shown, screen) = try appendedIncidentAppears(
            extra: "--no-inotify --poll-interval 0.5", title: "Polled into view", id: "INC-20251121-0098")
        #expect(shown, "\(screen)")
    }

    @Test("an incident_open appended from outside appears without a key press")
    func liveUpdate() throws {
        let (shown, screen) = try appendedIncidentAppears(
            title: "Admin cannot resolve disputes", id: "INC-20251121-0099")
        #expect(shown, "\(screen)")
        #expect(screen.contains("Incidents (3)"))
    }

    @Test("resizing to 60x20 and 200x60 redraws the layout for the new size")
    func resize() throws {
        let runner = try SitrepRunner(fixture: "pilot-playbook")
        defer { runner.cleanUp() }
        let tmux = try console(runner, now: "2025-11-21T11:05:00Z", extra: "--policy pilot-playbook")
        #expect(tmux.waitFor("Signals (5)").0)
        tmux.resize(width: 60, height: 20)
        let (small, smallScreen) = tmux.waitFor { $0.contains("Escalation") && !$0.contains("Signals (") }
        #expect(small, "\(smallScreen)")
        #expect(smallScreen.split(separator: "\n").allSatisfy { $0.count <= 60 })
        tmux.resize(width: 200, height: 60)
        let (large, largeScreen) = tmux.waitFor { $0.contains("Signals (5)") && $0.contains("Nodes (4)") }
        #expect(large, "\(largeScreen)")
        tmux.resize(width: 30, height: 8)
        #expect(tmux.waitFor("Terminal too small").0)
        tmux.send("q")
    }

    @Test("a title full of escape sequences shows placeholders and leaves the terminal intact")
    func hostileTitle() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let evil = "pwn \u{1B}]0;HACKED\u{07}\u{1B}[2J\u{1B}[31mred \u{9B}1m \u{202E}gnp.exe"
        let record = JournalRecords.open(
            id: "INC-20251121-0066", severity: "SEV0", title: evil, by: "x", source: nil, runID: nil,
            ts: Timestamp.parse("2025-11-21T16:05:00Z")!,
            eventID: "evil-1")
        try JournalWriter.append(record, to: runner.root.appendingPathComponent("incidents/incident_events.jsonl").path)
        let tmux = try console(runner, width: 160, height: 40)
        let (shown, screen) = tmux.waitFor("pwn ␛]0;HACKED␇␛[2J␛[31mred")
        #expect(shown, "\(screen)")
        #expect(screen.contains("Incidents (3)"))
        let title = try tmux.run(["display-message", "-p", "-t", "t", "#{pane_title}"])
        #expect(!title.contains("HACKED"))
        tmux.send("q")
    }

    /// Fault-injection suite, item 9: every quit signal, fatal signals and a real crash (a
    /// Swift runtime trap on the first key, see CrashForTesting).
    @Test(
        "q, quit signals, fatal signals and a crash leave the terminal modes as they were",
        arguments: ["q", "TERM", "HUP", "INT", "QUIT", "SEGV", "ABRT", "crash"])
    func terminalRestored(how: String) throws {
        let runner = try SitrepRunner(fixture: "trading-ops")
        defer { runner.cleanUp() }
        let before = runner.root.appendingPathComponent("stty-before").path
        let after = runner.root.appendingPathComponent("stty-after").path
        let tmux = try Tmux(
            width: 100, height: 30,
            command:
                "stty -g > '\(before)'; '\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --policy trading-ops; stty -g > '\(after)'; echo; echo CONSOLE-EXITED; sleep 30",
            environment: how == "crash" ? ["SITREP_TEST_CRASH_ON_KEY": "1"] : [:]
        )
        #expect(tmux.waitFor("Incidents (2)").0)
        let signals = [
            "TERM": SIGTERM, "HUP": SIGHUP, "INT": SIGINT, "QUIT": SIGQUIT, "SEGV": SIGSEGV, "ABRT": SIGABRT,
        ]
        switch how {
        case "q": tmux.send("q")
        case "crash": tmux.send("j")
        default:
            let shell = try #require(tmux.panePID)
            let console = try #require(childPID(of: shell))
            kill(console, try #require(signals[how]))
        }
        let (exited, screen) = tmux.waitFor("CONSOLE-EXITED")
        #expect(exited, "\(screen)")
        #expect(waitUntil { FileManager.default.fileExists(atPath: after) })
        let saved = try String(contentsOfFile: before, encoding: .utf8)
        let restored = try String(contentsOfFile: after, encoding: .utf8)
        #expect(!saved.isEmpty)
        #expect(saved == restored)
        #expect(!screen.contains("Incidents (2)"), "the alternate screen was left")
        let cursor = try tmux.run(["display-message", "-p", "-t", "t", "#{cursor_flag}"])
        #expect(cursor.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "cursor visible")
    }

    @Test("with TERM=dumb the console refuses and points at sitrep status")
    func dumbTerminal() throws {
        let runner = try SitrepRunner(fixture: "trading-ops")
        defer { runner.cleanUp() }
        let result = try runner.run(["--policy", "trading-ops"], environment: ["TERM": "dumb"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("sitrep status"))
    }
}

@Suite("Demo end to end", .serialized)
struct DemoEndToEndTests {
    @Test("sitrep demo shows live incidents, auto-declares the mismatch streak and breaches a timer within seconds")
    func demo() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sitrep-demo-test-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tmux = try Tmux(
            width: 120, height: 36, command: "'\(SitrepRunner.binary.path)' demo --speed 5 --root '\(root)'; sleep 30")
        let (started, first) = tmux.waitFor("Incidents (4)")
        #expect(started, "\(first)")
        #expect(first.contains("SEV0") && first.contains("SEV3"))
        let (declared, screen) = tmux.waitFor("Incidents (5)", timeout: 20)
        #expect(declared, "\(screen)")
        let (breached, later) = tmux.waitFor("breached", timeout: 20)
        #expect(breached, "\(later)")
        tmux.send("q")
        #expect(tmux.waitFor("demo root:").0)
    }
}
