import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The console as a commander meets it at the README's minimum size, 80x24 (issue 15): every
/// check drives the real binary in tmux and reads the screen, the journal or the bytes sent.
@Suite("Commander at 80x24 end to end", .serialized)
struct CommanderEndToEndTests {
    static let now = "2025-11-21T16:10:00Z"
    static let journal = "incidents/incident_events.jsonl"

    func console(
        _ runner: SitrepRunner, width: Int = 80, height: Int = 24, extra: String = "",
        environment: [String: String] = [:]
    ) throws -> Tmux {
        var env = ["XDG_CONFIG_HOME": runner.root.appendingPathComponent(".no-config").path, "TZ": "UTC"]
        for (k, v) in environment { env[k] = v }
        return try Tmux(
            width: width, height: height,
            command:
                "'\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --now \(Self.now) --as alice \(extra); sleep 30",
            environment: env)
    }

    func append(_ runner: SitrepRunner, _ lines: [String], to relative: String = journal) throws {
        let url = runner.root.appendingPathComponent(relative)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
        try handle.close()
    }

    func open(_ id: String, _ severity: String, _ title: String, at ts: String = "2025-11-21T15:00:00Z") -> String {
        #"{"event_type":"incident_open","incident_id":"\#(id)","severity":"\#(severity)","title":"\#(title)","ts":"\#(ts)","event_id":"open-\#(id)","by":"ops"}"#
    }

    func lastLine(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast(screen.hasSuffix("\n") ? 1 : 0).last
            .map(String.init) ?? ""
    }

    func row(_ screen: String, _ n: Int) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return rows.indices.contains(n) ? String(rows[n]) : ""
    }

    // MARK: 1 the footer

    @Test("1: the footer keeps ? help and q quit at 80x24, and the history summary leaves it")
    func footerAt80() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try console(runner)
        defer { tmux.send("q") }
        let (settled, screen) = tmux.waitFor(timeout: 15) { s in
            let footer = self.lastLine(s)
            return footer.contains("? help") && !footer.contains("History read")
        }
        #expect(settled, "\(screen)")
        let footer = lastLine(screen)
        for key in ["? help", "q quit", "a ack", "/ filter", "r rollback"] {
            #expect(footer.contains(key), "\(footer)")
        }
        #expect(!footer.contains("…"), "a key is never cut in the middle: \(footer)")
    }

    @Test("11: --read-only does not advertise the keys that write")
    func readOnlyFooter() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try console(runner, extra: "--read-only")
        defer { tmux.send("q") }
        let (shown, screen) = tmux.waitFor(timeout: 15) {
            self.lastLine($0).contains("? help") && !self.lastLine($0).contains("History")
        }
        #expect(shown, "\(screen)")
        let footer = lastLine(screen)
        for key in ["a ack", "u update", "R resolve", "r rollback", "P report"] {
            #expect(!footer.contains(key), "\(footer)")
        }
        #expect(footer.contains("q quit"))
    }

    // MARK: 2 and 3 help and the wizard's footer

    @Test("2: help fits 80x24, scrolls to its last line, and closes back to the dashboard")
    func helpScrolls() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try console(runner)
        defer { tmux.send("q") }
        #expect(tmux.waitFor("INC-20251121-0008").0)
        tmux.send("?")
        // Each wait is for the whole frame: a capture can fall between two rows of a redraw.
        let (opened, help) = tmux.waitFor { $0.contains("Help — dashboard keys") && $0.contains(" of ") }
        #expect(opened, "\(help)")
        #expect(help.contains("of "), "the help says it scrolls: \(help)")
        #expect(!help.contains("quit (Ctrl-C always quits)"), "at 80x24 the last line is below: \(help)")
        tmux.send("G")
        let (bottom, end) = tmux.waitFor {
            $0.contains("quit (Ctrl-C always quits)") && $0.contains("Policy incident-runbook")
        }
        #expect(bottom, "\(end)")
        #expect(end.contains("Policy incident-runbook"))
        tmux.send("x")
        let (closed, dashboard) = tmux.waitFor { !$0.contains("Help —") && $0.contains("Incidents (2)") }
        #expect(closed, "\(dashboard)")
    }

    /// Starts a rollback on the selected incident with the runbook whose title is `title`.
    func startRollback(_ tmux: Tmux, title: String) -> (Bool, String) {
        tmux.send("r")
        #expect(tmux.waitFor("Start a rollback").0)
        tmux.send("?")
        #expect(tmux.waitFor("Help — runbook picker keys").0, "the picker has its own help")
        tmux.send("x")
        #expect(tmux.waitFor { $0.contains("Start a rollback") && !$0.contains("Help —") }.0)
        for _ in 0..<12 {
            let screen = tmux.capture()
            if screen.split(separator: "\n").contains(where: { $0.contains("▶") && $0.contains(title) }) { break }
            tmux.send("j")
            Thread.sleep(forTimeInterval: 0.2)
        }
        tmux.send("Enter")
        return tmux.waitFor { $0.contains("Step 1 of") && self.lastLine($0).contains("? help") }
    }

    static let branchRunbook = """
        id: branch-test
        title: Branch test
        applies_to: [SEV0]
        steps:
          - id: which
            title: Which rollback?
            choices:
              - {label: Config only, goto: config}
              - {label: Code, goto: code}
          - id: config
            title: Revert the flag
          - id: code
            title: Revert the deploy
        """

    func branchRoot() throws -> SitrepRunner {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        let directory = runner.root.appendingPathComponent(".sitrep/runbooks")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        chmod(runner.root.path, 0o755)
        chmod(runner.root.appendingPathComponent(".sitrep").path, 0o755)
        chmod(directory.path, 0o755)
        let file = directory.appendingPathComponent("branch.yaml").path
        try Self.branchRunbook.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o644)
        return runner
    }

    @Test("2, 3: ? in the wizard shows the wizard's keys and Esc returns to the wizard; its footer is whole")
    func wizardHelpAndFooter() throws {
        let runner = try branchRoot()
        defer { runner.cleanUp() }
        let tmux = try console(runner)
        defer { tmux.send("q") }
        #expect(tmux.waitFor("INC-20251121-0008").0)
        let (started, wizard) = startRollback(tmux, title: "Branch test")
        #expect(started, "\(wizard)")
        let footer = lastLine(wizard)
        #expect(footer.contains("1-9 choose") && footer.contains("? help") && footer.contains("Esc hide"), "\(footer)")
        #expect(!footer.contains("…"), "\(footer)")
        tmux.send("?")
        let (help, screen) = tmux.waitFor { $0.contains("Help — rollback wizard keys") && $0.contains("1-9") }
        #expect(help, "\(screen)")
        #expect(screen.contains("1-9"))
        tmux.send("Escape")
        let (back, again) = tmux.waitFor { $0.contains("Step 1 of") && !$0.contains("Help —") }
        #expect(back, "closing help returns to the wizard: \(again)")
    }

    @Test("3: the wizard's footer is whole at 160x50")
    func wizardFooterWide() throws {
        let runner = try branchRoot()
        defer { runner.cleanUp() }
        let tmux = try console(runner, width: 160, height: 50)
        defer { tmux.send("q") }
        #expect(tmux.waitFor("INC-20251121-0008").0)
        let (started, wizard) = startRollback(tmux, title: "Branch test")
        #expect(started, "\(wizard)")
        let footer = lastLine(wizard)
        for key in ["1-9 choose", "Enter take the choice", "b back", "A abort", "u update", "Esc hide", "? help"] {
            #expect(footer.contains(key), "\(footer)")
        }
    }

    // MARK: 4 branches

    @Test("4: Enter on a branch step with no choice records nothing and says so; 2 then Enter takes branch 2")
    func branchNeedsAChoice() throws {
        let runner = try branchRoot()
        defer { runner.cleanUp() }
        let tmux = try console(runner)
        defer { tmux.send("q") }
        #expect(tmux.waitFor("INC-20251121-0008").0)
        #expect(startRollback(tmux, title: "Branch test").0)
        let journal = "results/runs/deal-pilot/incident_events.jsonl"
        let before = runner.lines(journal).count
        #expect(tmux.capture().contains("Branch: none chosen yet"), "said before Enter is pressed")
        tmux.send("Enter")
        let (said, screen) = tmux.waitFor("No branch chosen")
        #expect(said, "\(screen)")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(runner.lines(journal).count == before, "the highlighted branch was not recorded")
        tmux.send("2")
        tmux.send("Enter")
        #expect(waitUntil { runner.lines(journal).count > before })
        let step = try #require(
            try runner.lines(journal).compactMap { try JSONParser.parse($0).objectValue }.last {
                $0["event_type"]?.stringValue == "rollback_step"
            })
        #expect(step["choice"]?.stringValue == "code")
    }

    // MARK: 5 the report path

    /// The rows of the notice above the footer, joined: the wrapped text in full.
    func notice(_ screen: String, from marker: String) -> String {
        let rows = screen.split(separator: "\n").map(String.init)
        guard let start = rows.firstIndex(where: { $0.contains(marker) }) else { return "" }
        return rows[start..<(rows.count - 1)].map { $0.trimmingCharacters(in: .whitespaces) }.joined()
    }

    @Test("5: P says where the report went, in full, wrapped at 80 columns")
    func reportPathInFull() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try console(runner)
        defer { tmux.send("q") }
        #expect(tmux.waitFor("INC-20251121-0008").0)
        tmux.send("P")
        let expected = runner.root.path + "/results/runs/deal-pilot/reports/INC-20251121-0008.md"
        // Nothing is written before the commander confirms the file.
        #expect(tmux.waitFor("Write the incident report").0)
        #expect(!FileManager.default.fileExists(atPath: expected))
        tmux.send("Enter")
        let (written, screen) = tmux.waitFor { self.notice($0, from: "Report written to").contains(expected) }
        #expect(written, "\(screen)")
        #expect(FileManager.default.fileExists(atPath: expected))
        #expect(notice(screen, from: "Report written to").contains(expected), "\(screen)")
    }

    @Test("5: in the demo a report survives q, and the screen says the root is kept")
    func demoKeepsReports() throws {
        var env = ["XDG_CONFIG_HOME": "/nonexistent-sitrep-config", "TZ": "UTC"]
        env["TMPDIR"] = FileManager.default.temporaryDirectory.path
        let tmux = try Tmux(
            width: 80, height: 24, command: "'\(SitrepRunner.binary.path)' demo --speed 20 --as alice; sleep 30",
            environment: env)
        #expect(tmux.waitFor("INC-", timeout: 15).0)
        tmux.send("P")
        #expect(tmux.waitFor("Write the incident report").0)
        tmux.send("Enter")
        let (written, screen) = tmux.waitFor("keeps its root")
        #expect(written, "\(screen)")
        tmux.send("q")
        let (kept, after) = tmux.waitFor("demo root kept")
        #expect(kept, "\(after)")
        let path = try #require(
            after.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasSuffix(".md") })
        #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        if let range = path.range(of: "/sitrep-demo-") {
            let root = path[..<range.upperBound] + (path[range.upperBound...].split(separator: "/").first ?? "")
            try? FileManager.default.removeItem(atPath: String(root))
        }
    }

    // MARK: 6 the detail view

    @Test("6: the detail view wraps long text, j scrolls it, G reaches its end")
    func detailWrapsAndScrolls() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let long = (1...40).map { "word\($0)" }.joined(separator: " ") + " END-OF-NOTE"
        try append(
            runner,
            [
                #"{"event_type":"incident_update","incident_id":"INC-20251121-0007","by":"bob","message":"\#(long)","ts":"2025-11-21T15:10:00Z","event_id":"u-long"}"#
            ])
        let tmux = try console(runner)
        defer { tmux.send("q") }
        #expect(tmux.waitFor("INC-20251121-0007").0)
        tmux.send("/")
        tmux.type("0007")
        tmux.send("Enter")
        tmux.send("Enter")
        let (opened, first) = tmux.waitFor {
            $0.contains("Incident INC-20251121-0007") && self.lastLine($0).contains("j/k scroll")
        }
        #expect(opened, "\(first)")
        tmux.send("G")
        let (end, bottom) = tmux.waitFor("END-OF-NOTE")
        #expect(end, "the end of a long line is on screen, not cut: \(bottom)")
        #expect(bottom.contains("word40"))
        tmux.send("g")
        #expect(tmux.waitFor { self.row($0, 2) == self.row(first, 2) }.0)
        tmux.send("j")
        let (moved, scrolled) = tmux.waitFor { self.row($0, 2) != self.row(first, 2) }
        #expect(moved, "j moves the text: \(scrolled)")
        #expect(
            Array(row(scrolled, 2)).dropFirst(3).prefix(74) == Array(row(first, 3)).dropFirst(3).prefix(74),
            "by one row: \(scrolled)")
    }

    // MARK: 7, 8, 10 the list and the timers

    @Test("7: an auto-declared id keeps its prefix and its end at 80 columns")
    func idsCutInTheMiddle() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        try append(runner, [open("AUTO-20251121-4fd154", "SEV1", "orders reconciliation streak")])
        let tmux = try console(runner)
        defer { tmux.send("q") }
        let (shown, screen) = tmux.waitFor("AUTO-…1121-4fd154")
        #expect(shown, "\(screen)")
    }

    @Test("8: an acknowledgment after the deadline is LATE with its own mark, not a tick")
    func metLateIsNotATick() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        try append(
            runner,
            [
                open("INC-20251121-0042", "SEV0", "late ack"),
                #"{"event_type":"incident_ack","incident_id":"INC-20251121-0042","ack_by":"bob","ts":"2025-11-21T15:17:00Z","event_id":"ack-42"}"#,
            ])
        let tmux = try console(runner)
        defer { tmux.send("q") }
        #expect(tmux.waitFor("INC-20251121-0042").0)
        tmux.send("/")
        tmux.type("0042")
        tmux.send("Enter")
        let (shown, screen) = tmux.waitFor("LATE by 2m00s")
        #expect(shown, "\(screen)")
        #expect(screen.contains("! respond"))
        #expect(!screen.contains("✔ respond"), "\(screen)")
    }

    @Test("10: a severity the policy does not know warns and names the preset that knows it")
    func unknownSeverityWarns() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        try append(runner, [open("INC-20251121-0050", "P1", "checkout down")])
        let tmux = try console(runner)
        defer { tmux.send("q") }
        #expect(tmux.waitFor("INC-20251121-0050").0)
        tmux.send("/")
        tmux.type("0050")
        tmux.send("Enter")
        let (warned, screen) = tmux.waitFor {
            $0.contains("P1 is not a severity of") && $0.contains("launch-rollback") && $0.contains("? unknown sev")
        }
        #expect(warned, "\(screen)")
        #expect(screen.contains("launch-rollback"), "\(screen)")
        #expect(screen.contains("? unknown sev"))
    }

    // MARK: 9 an empty root

    @Test("9: an empty root says nothing is known, on screen and as check UNKNOWN (3)")
    func emptyRootIsUnknown() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let tmux = try console(runner)
        defer { tmux.send("q") }
        let (said, screen) = tmux.waitFor("No artifacts")
        #expect(said, "\(screen)")
        #expect(!screen.contains("every detector is quiet"))
        let check = try runner.run(["check", "--now", Self.now])
        #expect(check.status == 3, "\(check.stdout)")
        #expect(check.stdout.hasPrefix("SITREP UNKNOWN - no artifacts under"))
    }

    // MARK: 11 the command line

    @Test("11: command-line messages: a suggestion, no such file, --speed 0, no terminal")
    func commandLineMessages() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let typo = try runner.run(["stauts"], withRoot: false)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("did you mean 'status'?"), "\(typo.stderr)")
        let lint = try runner.run(["runbook", "lint", "/nonexistent.yaml"], withRoot: false)
        #expect(lint.status != 0)
        #expect(lint.stderr.contains("/nonexistent.yaml: no such file"), "\(lint.stderr)")
        let speed = try runner.run(["demo", "--speed", "0"], withRoot: false)
        #expect(speed.stderr.contains("--speed must be more than 0"), "\(speed.stderr)")
        let noTTY = try runner.run([], environment: ["TERM": "xterm-256color"])
        #expect(noTTY.status != 0)
        #expect(noTTY.stderr.contains("standard input"), "\(noTTY.stderr)")
        #expect(!noTTY.stderr.contains("TERM"), "a pipe is not a TERM problem: \(noTTY.stderr)")
        let list = try runner.run(["runbook", "list"], withRoot: false)
        let rows = list.stdout.split(separator: "\n").map(String.init)
        let columns = Set(rows.dropFirst().map { $0.range(of: "built-in")!.lowerBound.utf16Offset(in: $0) })
        #expect(columns.count == 1, "\(list.stdout)")
    }

    @Test("11: singular counts, and the local time only when it differs from UTC")
    func pluralsAndLocalTime() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let utc = try console(runner, width: 120)
        #expect(utc.waitFor("INC-20251121-0007").0)
        let header = row(utc.capture(), 0)
        #expect(header.components(separatedBy: "16:10").count == 2, "the time once under TZ=UTC: \(header)")
        utc.send("/")
        utc.type("0007")
        utc.send("Enter")
        utc.send("Enter")
        let (one, detail) = utc.waitFor("Timeline (1 event)")
        #expect(one, "\(detail)")
        utc.send("q")
        let berlin = try console(runner, width: 120, environment: ["TZ": "Europe/Berlin"])
        defer { berlin.send("q") }
        let (local, screen) = berlin.waitFor("17:10")
        #expect(local, "the local clock shows where it differs: \(row(screen, 0))")
    }

    // MARK: 13 the tall screen

    @Test("13: at 160x50 the incidents pane takes the free rows")
    func tallScreenGrowsIncidents() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try console(runner, width: 160, height: 50)
        defer { tmux.send("q") }
        let (shown, screen) = tmux.waitFor { $0.contains("INC-20251121-0007") && self.lastLine($0).contains("q quit") }
        #expect(shown, "\(screen)")
        // With room, the footer has the new keys too (once the start-up message has gone).
        let (keys, withKeys) = tmux.waitFor(timeout: 15) { self.lastLine($0).contains("H resolved") }
        #expect(keys && lastLine(withKeys).contains("s sort"), "\(lastLine(withKeys))")
        let rows = screen.split(separator: "\n").map(String.init)
        let top = try #require(rows.firstIndex { $0.contains("Incidents (2)") })
        let bottom = try #require(rows.indices.first { $0 > top && rows[$0].hasPrefix("└") })
        #expect(bottom - top - 1 >= 14, "a third of the body, not five rows: \(bottom - top - 1) rows")
    }

    // MARK: sort, resolved, n/N

    @Test("s sorts by deadline then age, H shows resolved incidents, n/N move between filter matches")
    func sortResolvedAndNextMatch() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        try append(
            runner,
            [
                open("INC-20251121-0001", "SEV2", "old and done", at: "2025-11-21T09:00:00Z"),
                #"{"event_type":"incident_resolved","incident_id":"INC-20251121-0001","by":"bob","root_cause":"cache","ts":"2025-11-21T10:00:00Z","event_id":"res-1"}"#,
            ])
        let tmux = try console(runner)
        defer { tmux.send("q") }
        let (start, screen) = tmux.waitFor("INC-20251121-0008")
        #expect(start, "\(screen)")
        #expect(row(screen, 2).contains("INC-20251121-0008"), "severity first: \(screen)")
        #expect(!screen.contains("INC-20251121-0001"))
        tmux.send("s")
        let (deadline, byDeadline) = tmux.waitFor {
            $0.contains("by deadline") && self.row($0, 2).contains("INC-20251121-0007")
        }
        #expect(deadline, "\(byDeadline)")
        #expect(row(byDeadline, 2).contains("INC-20251121-0007"), "the live deadline first: \(byDeadline)")
        tmux.send("s")
        let (age, byAge) = tmux.waitFor { $0.contains("by age") && self.row($0, 2).contains("INC-20251121-0008") }
        #expect(age, "\(byAge)")
        #expect(row(byAge, 2).contains("INC-20251121-0008"), "newest first: \(byAge)")
        tmux.send("H")
        let (resolved, withResolved) = tmux.waitFor { $0.contains("INC-20251121-0001") && $0.contains("RESOL") }
        #expect(resolved, "\(withResolved)")
        tmux.send("H")
        #expect(tmux.waitFor { !$0.contains("INC-20251121-0001") }.0)
        tmux.send("s")
        tmux.send("/")
        tmux.type("INC-2025")
        tmux.send("Enter")
        #expect(tmux.waitFor("SLA · INC-20251121-0008").0)
        tmux.send("n")
        let (next, afterN) = tmux.waitFor("SLA · INC-20251121-0007")
        #expect(next, "\(afterN)")
        tmux.send("n")
        let (wrapped, afterWrap) = tmux.waitFor { $0.contains("SLA · INC-20251121-0008") && $0.contains("wrapped") }
        #expect(wrapped, "\(afterWrap)")
        tmux.send("N")
        #expect(tmux.waitFor("SLA · INC-20251121-0007").0)
    }

    // MARK: the timeline bar

    @Test("the detail view draws open → acked against the respond deadline, in ASCII under LANG=C")
    func timelineBar() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        for (lang, track, deadline) in [("C.UTF-8", "O─", "│"), ("C", "O-", "|")] {
            let tmux = try console(runner, environment: ["LANG": lang])
            #expect(tmux.waitFor("INC-20251121-0008").0)
            tmux.send("Enter")
            let (shown, screen) = tmux.waitFor {
                $0.contains("lifecycle") && $0.contains("met, 5m00s before the deadline")
            }
            #expect(shown, "\(screen)")
            let lifecycle = try #require(screen.split(separator: "\n").first { $0.contains("lifecycle") })
            #expect(lifecycle.contains(track) && lifecycle.contains("A"), "\(lifecycle)")
            let empty = lang == "C" ? "." : "░"
            let respond = screen.split(separator: "\n").first {
                $0.contains("respond") && $0.contains(empty + deadline)
            }
            #expect(respond != nil, "the respond bar ends at its deadline mark: \(screen)")
            #expect(screen.contains("met, 5m00s before the deadline"), "\(screen)")
            tmux.send("q")
            tmux.send("q")
        }
    }

    // MARK: the bell

    @Test("a new critical incident rings the bell once and sends one sanitised OSC 777; text in files rings nothing")
    func bellOncePerEvent() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let config = runner.root.appendingPathComponent(".no-config/sitrep")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "notify: osc777\n".write(
            to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let tmux = try console(runner)
        defer { tmux.send("q") }
        let bytes = runner.root.appendingPathComponent("pane-bytes").path
        #expect(tmux.waitFor("INC-20251121-0008").0)
        Thread.sleep(forTimeInterval: 1.5)
        try tmux.run(["pipe-pane", "-o", "-t", tmux.session, "cat >> '\(bytes)'"], capture: false)
        Thread.sleep(forTimeInterval: 1.5)
        func captured() -> [UInt8] { Array(FileManager.default.contents(atPath: bytes) ?? Data()) }
        #expect(!captured().contains(7), "what was there at start rings nothing")
        // A title with a BEL and an OSC inside: only the state change may ring.
        try append(
            runner,
            [
                open(
                    "INC-20251121-0099", "SEV0", #"ledger \u0007 down \u001b]777;notify;x;y\u0007"#,
                    at: "2025-11-21T16:09:00Z")
            ])
        #expect(tmux.waitFor("INC-20251121-0099").0)
        Thread.sleep(forTimeInterval: 1)
        try append(
            runner,
            [
                #"{"event_type":"incident_update","incident_id":"INC-20251121-0099","by":"bob","message":"\u0007 still down","ts":"2025-11-21T16:09:30Z","event_id":"u-99"}"#
            ])
        Thread.sleep(forTimeInterval: 2)
        let out = captured()
        let text = String(decoding: out, as: UTF8.self)
        #expect(
            text.components(separatedBy: "777;notify;sitrep;").count == 2, "one notification: \(text.debugDescription)")
        #expect(text.contains("777;notify;sitrep;SEV0 INC-20251121-0099 opened: ledger"), "\(text.debugDescription)")
        #expect(
            out.filter { $0 == 7 }.count == 2, "one BEL from the bell, one ending the OSC: \(text.debugDescription)")
        #expect(!text.contains("notify;x;y"), "the title's escape never reaches the terminal")
    }

    // MARK: sparklines

    @Test("the data pane draws each recent reconciliation record as a sparkline, live, and in ASCII under LANG=C")
    func sparklines() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let recon = "results/runs/deal-pilot/order_reconciliation_events.jsonl"
        for (lang, before, after) in [("C.UTF-8", "█▁▁▁", "█▁▁▁█"), ("C", "#___", "#___#")] {
            let tmux = try console(runner, width: 160, height: 50, environment: ["LANG": lang])
            let (shown, screen) = tmux.waitFor("recon deal-pilot/orders: \(before) streak 3")
            #expect(shown, "one mark per record, pass high and mismatch low: \(screen)")
            try append(runner, [#"{"ts":"2025-11-21T15:40:00Z","status":"match","checked":120}"#], to: recon)
            let (live, later) = tmux.waitFor("recon deal-pilot/orders: \(after) streak 0")
            #expect(live, "\(later)")
            tmux.send("q")
            try FileManager.default.removeItem(at: runner.root.appendingPathComponent(recon))
            try FileManager.default.copyItem(
                at: SitrepRunner.fixtures.appendingPathComponent("incident-runbook/" + recon),
                to: runner.root.appendingPathComponent(recon))
        }
    }

    // MARK: 12 policy list

    @Test("12: policy list --root lists the root's own policy.yaml and its policies/, aligned")
    func policyListIncludesTheRoots() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let dir = runner.root.appendingPathComponent(".sitrep/policies")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "name: team-b\nseverities:\n  - id: S1\n".write(
            to: dir.appendingPathComponent("team-b.yaml"), atomically: true, encoding: .utf8)
        try "name: our-own\nseverities:\n  - id: S1\n".write(
            to: runner.root.appendingPathComponent(".sitrep/policy.yaml"), atomically: true, encoding: .utf8)
        let list = try runner.run(["policy", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        let rows = list.stdout.split(separator: "\n").map(String.init)
        let own = try #require(rows.first { $0.hasPrefix("our-own ") }, "\(list.stdout)")
        #expect(own.contains(".sitrep/policy.yaml") && own.contains("used when --policy is not given"))
        #expect(rows.contains { $0.hasPrefix("team-b ") && $0.contains(".sitrep/policies/team-b.yaml") })
        // Where the second column starts: after the first run of spaces.
        func secondColumn(_ row: String) -> Int {
            let chars = Array(row)
            guard let gap = chars.firstIndex(of: " ") else { return 0 }
            return chars[gap...].firstIndex { $0 != " " } ?? 0
        }
        let column = Set(rows.map(secondColumn))
        #expect(column.count == 1, "the second column starts at one place: \(list.stdout)")
    }

    @Test("a timer that breaches while the console is open rings once, with an OSC 9 notification naming it")
    func bellOnBreach() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        // Opened 14m54s before the console's clock: its 15-minute respond timer breaches six seconds in.
        try append(runner, [open("INC-20251121-0077", "SEV0", "ledger drift", at: "2025-11-21T15:55:06Z")])
        let config = runner.root.appendingPathComponent(".no-config/sitrep")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "notify: osc9\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let bytes = runner.root.appendingPathComponent("pane-bytes").path
        let tmux = try console(runner)
        defer { tmux.send("q") }
        try tmux.run(["pipe-pane", "-o", "-t", tmux.session, "cat >> '\(bytes)'"], capture: false)
        #expect(tmux.waitFor("INC-20251121-0077").0)
        let (breached, screen) = tmux.waitFor(timeout: 15) { $0.contains("OVERDUE") }
        #expect(breached, "\(screen)")
        Thread.sleep(forTimeInterval: 2)
        let text = String(decoding: FileManager.default.contents(atPath: bytes) ?? Data(), as: UTF8.self)
        #expect(text.components(separatedBy: "]9;sitrep: ").count == 2, "one notification: \(text.debugDescription)")
        #expect(text.contains("]9;sitrep: INC-20251121-0077 respond breached (SEV0)"), "\(text.debugDescription)")
    }
}
