import Foundation
import IncidentKit
import Testing

extension Tmux {
    /// The screen with its colours and attributes as SGR escape sequences (`capture-pane -e`).
    func captureWithEscapes() -> String { (try? run(["capture-pane", "-p", "-e", "-t", session])) ?? "" }
}

/// The console on the terminals of a jump host: LANG=C, NO_COLOR, 8 and 256 colours, the
/// terminal types of the issue, and every built-in theme. Each must draw the dashboard with no
/// garbage and with severity readable without colour (symbol and label on every row).
@Suite("Terminals and themes end to end", .serialized)
struct TerminalMatrixTests {
    static let now = "2025-11-21T16:10:00Z"
    /// Whether an SGR capture sets a colour (39 and 49, back to the default, do not count).
    static func hasColour(_ capture: String) -> Bool {
        capture.range(of: "\u{1B}\\[(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)", options: .regularExpression) != nil
    }

    /// The last pane and the SLA pane are drawn: the frame reached tmux whole.
    static func wholeFrame(_ screen: String) -> Bool {
        screen.contains("Incidents (2)") && screen.contains("INC-20251121-0007") && screen.contains(" met ")
            && screen.contains("Nodes (0)")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var environment: [String: String]
        var extra = ""
        var testDescription: String { name }
    }

    static let terminals: [Case] = [
        Case(name: "LANG=C", environment: ["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""]),
        Case(name: "POSIX locale", environment: ["LANG": "POSIX", "LC_ALL": "POSIX"]),
        Case(name: "NO_COLOR=1", environment: ["NO_COLOR": "1"]),
        Case(name: "TERM=xterm (8 colours)", environment: ["TERM": "xterm"]),
        Case(name: "TERM=screen-256color", environment: ["TERM": "screen-256color"]),
        Case(name: "TERM=screen", environment: ["TERM": "screen"]),
        Case(name: "TERM=tmux-256color", environment: ["TERM": "tmux-256color"]),
        Case(name: "TERM=vt100", environment: ["TERM": "vt100"]),
        Case(name: "TERM=linux", environment: ["TERM": "linux"]),
        Case(name: "--ascii --no-color", environment: [:], extra: "--ascii --no-color"),
    ]

    /// `swift test` sets NO_COLOR for its children; only the NO_COLOR case keeps it.
    func open(_ runner: SitrepRunner, _ c: Case) throws -> Tmux {
        try Tmux(
            width: 100, height: 30,
            command: (c.environment["NO_COLOR"] == nil ? "unset NO_COLOR; " : "")
                + "'\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --now \(TerminalMatrixTests.now) --read-only \(c.extra); sleep 30",
            environment: c.environment)
    }

    /// The incident rows carry a symbol and the severity label; nothing from the terminal's
    /// escape language shows as text; every line fits.
    func checkReadable(_ screen: String, ascii: Bool) {
        let lines = screen.split(separator: "\n")
        let sev0 = lines.first { $0.contains("INC-20251121-0008") }.map(String.init) ?? ""
        let sev2 = lines.first { $0.contains("INC-20251121-0007") }.map(String.init) ?? ""
        #expect(sev0.contains(ascii ? "!!! SEV0" : "◆ SEV0"), "\(screen)")
        #expect(sev2.contains(ascii ? "!   SEV2" : "● SEV2"), "\(screen)")
        #expect(screen.contains("OVERDUE") || screen.contains("met"), "timer states are spelled out")
        #expect(!screen.contains("\u{1B}") && !screen.contains("^["), "raw escape sequences: \(screen)")
        #expect(lines.allSatisfy { $0.count <= 100 })
        if ascii {
            #expect(
                screen.unicodeScalars.allSatisfy { $0.value == 10 || (0x20..<0x7F).contains($0.value) }, "\(screen)")
            // The console's own punctuation has ASCII stand-ins; a `?` would be a lost character.
            let body = lines.dropLast().joined(separator: "\n")
            #expect(!body.contains("?"), "\(screen)")
            #expect(screen.contains("+-") && screen.contains("SLA - INC-20251121-0008"), "\(screen)")
        }
    }

    @Test("the dashboard renders without garbage and severity stays readable", arguments: terminals)
    func terminal(_ c: Case) throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try open(runner, c)
        let (shown, screen) = tmux.waitFor(TerminalMatrixTests.wholeFrame)
        #expect(shown, "\(screen)")
        let ascii = ["LANG=C", "POSIX locale", "--ascii --no-color"].contains(c.name)
        checkReadable(screen, ascii: ascii)
        let colours = tmux.captureWithEscapes()
        let sev0 = colours.split(separator: "\n").first { $0.contains("INC-20251121-0008") }.map(String.init) ?? ""
        switch c.name {
        case "NO_COLOR=1", "TERM=vt100", "--ascii --no-color":
            #expect(!TerminalMatrixTests.hasColour(colours), "\(colours)")
            #expect(sev0.contains("\u{1B}[1"), "bold or reverse still marks the rows")
        case "TERM=xterm (8 colours)", "TERM=screen", "TERM=linux":
            #expect(colours.contains("\u{1B}[31m"), "red for SEV0")
            #expect(!colours.contains("38;5;") && !colours.contains("48;5;"), "no 256-colour codes on 8 colours")
        default:
            #expect(colours.contains("\u{1B}[31m"), "\(colours)")
        }
        tmux.send("q")
    }

    @Test(
        "each built-in theme draws its own colours and keeps severity readable",
        arguments: ["default", "high-contrast", "deuteranopia", "light", "mono"])
    func theme(_ name: String) throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try open(
            runner, Case(name: name, environment: ["TERM": "screen-256color"], extra: "--theme \(name)"))
        let (shown, screen) = tmux.waitFor(TerminalMatrixTests.wholeFrame)
        #expect(shown, "\(screen)")
        checkReadable(screen, ascii: false)
        let colours = tmux.captureWithEscapes()
        let rows = colours.split(separator: "\n")
        let sev0 = rows.first { $0.contains("INC-20251121-0008") }.map(String.init) ?? ""
        let sev2 = rows.first { $0.contains("INC-20251121-0007") }.map(String.init) ?? ""
        switch name {
        case "default":
            #expect(sev0.contains("\u{1B}[31m") && sev2.contains("\u{1B}[36m"), "\(colours)")
        case "high-contrast":
            #expect(sev0.contains("\u{1B}[41m") && colours.contains("\u{1B}[40m"), "red block, black background")
        case "deuteranopia":
            #expect(sev0.contains("38;5;208m") && sev2.contains("38;5;39m"), "\(colours)")
            #expect(!sev0.contains("\u{1B}[31m") && !sev0.contains("\u{1B}[32m"), "no red or green")
        case "light":
            #expect(sev0.contains("\u{1B}[31m") && sev2.contains("\u{1B}[34m"), "\(colours)")
        default:
            #expect(!TerminalMatrixTests.hasColour(colours), "\(colours)")
            #expect(sev0.contains("\u{1B}[1;4") || sev0.contains("\u{1B}[1;4;7"), "mono underlines SEV0")
        }
        tmux.send("q")
    }

    @Test("an 8-colour terminal gets the nearest colours of a 256-colour theme")
    func downgradedTheme() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let tmux = try open(
            runner, Case(name: "xterm", environment: ["TERM": "xterm"], extra: "--theme deuteranopia"))
        #expect(tmux.waitFor(TerminalMatrixTests.wholeFrame).0)
        let colours = tmux.captureWithEscapes()
        let sev0 = colours.split(separator: "\n").first { $0.contains("INC-20251121-0008") }.map(String.init) ?? ""
        #expect(sev0.contains("\u{1B}[33m"), "orange becomes yellow: \(sev0)")
        #expect(!colours.contains("38;5;"))
        tmux.send("q")
    }

    @Test(
        "the mouse is off by default (no tracking, the wheel does nothing); --mouse lets the wheel move the selection")
    func mouse() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        for enabled in [false, true] {
            let tmux = try open(
                runner, Case(name: "mouse", environment: ["TERM": "xterm-256color"], extra: enabled ? "--mouse" : ""))
            #expect(tmux.waitFor(TerminalMatrixTests.wholeFrame).0)
            let tracking = try tmux.run(["display-message", "-p", "-t", "t", "#{mouse_any_flag}"])
            #expect(tracking.trimmingCharacters(in: .whitespacesAndNewlines) == (enabled ? "1" : "0"))
            tmux.type("\u{1B}[<65;10;5M")  // SGR mouse report: wheel down
            let (moved, screen) = tmux.waitFor(timeout: 2) { $0.contains("SLA · INC-20251121-0007") }
            #expect(moved == enabled, "\(screen)")
            tmux.send("q")
        }
    }

    @Test("TERM=dumb, an unknown TERM and no terminal are refused with a pointer to sitrep status")
    func refused() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        for (term, expected) in [
            ("dumb", "TERM=dumb"), ("no-such-terminal", "no terminfo entry for TERM=no-such-terminal"),
        ] {
            let tmux = try Tmux(
                width: 120, height: 10,
                command: "'\(SitrepRunner.binary.path)' --root '\(runner.root.path)'; echo EXIT=\\$?; sleep 30",
                environment: ["TERM": term])
            let (done, screen) = tmux.waitFor("EXIT=")
            #expect(done, "\(screen)")
            #expect(
                screen.contains(expected) && screen.contains("sitrep status") && screen.contains("EXIT=1"), "\(screen)")
        }
        let piped = try runner.run([], environment: ["TERM": "xterm"])
        #expect(piped.status == 1 && piped.stderr.contains("sitrep status"))
    }
}
