import Foundation
import IncidentKit
import Testing

/// The config file, key bindings and read-only mode through the real binary.
@Suite("Config, keys and read-only end to end", .serialized)
struct ConfigEndToEndTests {
    func writeConfig(_ runner: SitrepRunner, _ text: String) throws -> URL {
        let dir = runner.root.appendingPathComponent(".config/sitrep")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try text.write(to: dir.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        return runner.root.appendingPathComponent(".config")
    }

    @Test("the config's root, theme, operator and keys apply; remapped keys work and the footer shows them")
    func configuredConsole() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let home = try writeConfig(
            runner,
            """
            root: \(runner.root.path)
            theme: mono
            operator: carol
            keys:
              acknowledge: A
              quit: Q
            """)
        let tmux = try Tmux(
            width: 160, height: 30,
            command:
                "unset SITREP_USER NO_COLOR; '\(SitrepRunner.binary.path)' --now 2025-11-21T16:10:00Z; echo CONSOLE-EXITED; sleep 30",
            environment: ["XDG_CONFIG_HOME": home.path])
        let (shown, screen) = tmux.waitFor { $0.contains("Incidents (2)") && $0.contains("A ack") }
        #expect(shown, "\(screen)")
        #expect(screen.contains("op carol") && screen.contains("Q quit") && !screen.contains("a ack"), "\(screen)")
        #expect(!TerminalMatrixTests.hasColour(tmux.captureWithEscapes()), "the mono theme from the config")
        tmux.send("j")
        tmux.send("a")
        tmux.send("q")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(!tmux.capture().contains("Acknowledge") && !tmux.capture().contains("CONSOLE-EXITED"))
        tmux.send("A")
        let (form, formScreen) = tmux.waitFor("Acknowledge")
        #expect(form, "\(formScreen)")
        tmux.send("Escape")
        tmux.send("Q")
        #expect(tmux.waitFor("CONSOLE-EXITED").0)
    }

    @Test("config and key-binding errors name the file, the line and the key, and nothing runs")
    func configErrors() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let bad = runner.root.appendingPathComponent("bad.yaml")
        try "theme: light\nkeys:\n  quit: a\n".write(to: bad, atomically: true, encoding: .utf8)
        let conflict = try runner.run(["status", "--config", bad.path])
        #expect(conflict.status == 1)
        #expect(
            conflict.stderr.contains(
                "config: \(bad.path):3: keys.quit: key a is also bound to acknowledge (its default)"),
            "\(conflict.stderr)")
        try "root: /tmp\npolicy: trading-ops\nthem: light\n".write(to: bad, atomically: true, encoding: .utf8)
        let typo = try runner.run(["status", "--config", bad.path])
        #expect(typo.status == 1 && typo.stderr.contains("\(bad.path):3: them: unknown field"), "\(typo.stderr)")
        let missing = try runner.run(["status", "--config", runner.root.appendingPathComponent("none.yaml").path])
        #expect(missing.status == 1 && missing.stderr.contains("none.yaml: cannot read the config file"))
    }

    @Test("a bad theme file is refused with its file, line and key")
    func themeErrors() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let theme = runner.root.appendingPathComponent("mine.yaml")
        try "roles:\n  normal: {}\n  ok: {fg: chartreuse}\n".write(to: theme, atomically: true, encoding: .utf8)
        let tmux = try Tmux(
            width: 160, height: 10,
            command:
                "'\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --theme '\(theme.path)'; echo EXIT=\\$?; sleep 30"
        )
        let (done, screen) = tmux.waitFor("EXIT=")
        #expect(
            done && screen.contains("mine.yaml:3: roles.ok.fg: not a colour") && screen.contains("EXIT=1"), "\(screen)")
    }

    @Test("status takes root and policy from the config; the command line and the root's own policy win")
    func configDefaults() throws {
        let runner = try SitrepRunner(fixture: "trading-ops")
        defer { runner.cleanUp() }
        let config = runner.root.appendingPathComponent("c.yaml")
        try "root: \(runner.root.path)\npolicy: trading-ops\n".write(to: config, atomically: true, encoding: .utf8)
        let fromConfig = try runner.run(["status", "--json", "--config", config.path], withRoot: false)
        let json = try JSONParser.parse(fromConfig.stdout)
        #expect(json["root"]?.stringValue == runner.root.path && json["policy"]?.stringValue == "trading-ops")
        let explicit = try runner.run(["status", "--json", "--config", config.path, "--policy", "incident-runbook"])
        #expect(try JSONParser.parse(explicit.stdout)["policy"]?.stringValue == "incident-runbook")
    }

    @Test("--read-only writes nothing: no form opens, and a signal that would auto-declare does not")
    func readOnlyWritesNothing() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        // The demo story on this root: its policy auto-declares the reconciliation streak at 18s.
        let simulated = try runner.run(["simulate", "--speed", "20", "--duration", "2.5"])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let copy = try SitrepRunner()
        defer { copy.cleanUp() }
        try FileManager.default.removeItem(at: copy.root)
        try FileManager.default.copyItem(at: runner.root, to: copy.root)
        let before = runner.snapshot()
        let tmux = try Tmux(
            width: 140, height: 40,
            command: "'\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --read-only; sleep 30")
        #expect(tmux.waitFor("READ-ONLY").0)
        for key in ["a", "u", "e", "m", "R", "Tab", "d", "Enter"] { tmux.send(key) }
        let (refused, screen) = tmux.waitFor("Read-only console")
        #expect(refused, "\(screen)")
        Thread.sleep(forTimeInterval: 2)
        tmux.send("q")
        #expect(runner.snapshot() == before, "the read-only console changed the root")
        // The same root without --read-only does write: the test above could fail.
        let writer = try Tmux(
            width: 140, height: 40, command: "'\(SitrepRunner.binary.path)' --root '\(copy.root.path)'; sleep 30")
        let (declared, writerScreen) = writer.waitFor("Auto-declared")
        #expect(declared, "\(writerScreen)")
        writer.send("q")
        #expect(copy.snapshot() != before)
    }
}
