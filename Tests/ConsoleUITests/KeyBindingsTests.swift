import Foundation
import IncidentKit
import Testing

@testable import ConsoleUI

@Suite("Key bindings")
struct KeyBindingsTests {
    func state(_ keys: KeyBindings, width: Int = 100) throws -> AppState {
        let f = ViewFixtures.incidentRunbook
        var s = try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: width, height: 30)
        s.keys = keys
        return s
    }

    /// The keys as the loop delivers them: translated, then applied.
    func press(_ keys: [Key], _ state: inout AppState) {
        for key in keys {
            if let key = state.keys.translate(key, in: state) { _ = Update.apply(.key(key), to: &state) }
        }
    }

    @Test("the default bindings give no key to two actions (a new action must pick a free key)")
    func defaultsConflictFree() throws {
        let defaults = try KeyBindings(overrides: [:])
        #expect(defaults == KeyBindings.defaults)
        for action in KeyAction.allCases {
            #expect(!action.defaultKeys.isEmpty)
            for key in action.defaultKeys { #expect(defaults.action(for: key) == action) }
        }
    }

    @Test("a remapped action answers to its new key only; text typed into a form is untouched")
    func remapped() throws {
        var s = try state(try KeyBindings(overrides: [.acknowledge: [.char("A")], .quit: [.char("Q")]]))
        press([.char("j"), .char("a")], &s)
        #expect(s.overlay == nil, "the old key does nothing")
        press([.char("q")], &s)
        #expect(!s.wantsQuit)
        press([.char("A")], &s)
        guard case .form(let form)? = s.overlay else {
            Issue.record("A did not open the acknowledge form")
            return
        }
        #expect(form.kind == .acknowledge(incident: "INC-20251121-0007"))
        press([.char("q"), .char("a"), .char("A")], &s)
        guard case .form(let typed)? = s.overlay else {
            Issue.record("the form closed")
            return
        }
        #expect(typed.fields[typed.focused].input.text == "qaA")
        press([.escape, .char("Q")], &s)
        #expect(s.wantsQuit)
    }

    @Test("the filter line takes every character, bound or not")
    func filterTakesText() throws {
        var s = try state(try KeyBindings(overrides: [.filter: [.char("f")]]))
        press([.char("f"), .char("q"), .char("f")], &s)
        #expect(s.filterInput?.text == "qf")
    }

    @Test("Ctrl-C quits whatever is bound")
    func ctrlC() throws {
        var s = try state(try KeyBindings(overrides: [.quit: [.char("Q")]]))
        press([.ctrl("c")], &s)
        #expect(s.wantsQuit)
    }

    @Test("the footer and the help show the keys as bound")
    func shownAsBound() throws {
        var s = try state(
            try KeyBindings(overrides: [.acknowledge: [.char("A")], .help: [.function(2)], .down: [.ctrl("n"), .down]]),
            width: 160)
        let footer = Screen.render(s).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("Ctrl-N/k move") && footer.contains("A ack") && footer.contains("F2 help"), "\(footer)")
        #expect(!footer.contains("a ack"))
        press([.function(2)], &s)
        let help = Screen.render(s).text
        #expect(help.contains("A ") && help.contains("acknowledge the selected incident"), "\(help)")
        #expect(help.contains("k Up / Ctrl-N Down"), "\(help)")
    }

    @Test("the help has a line for every action")
    func helpCoversEveryAction() {
        let entries = HelpOverlay.entries(.defaults)
        for action in KeyAction.allCases {
            #expect(
                entries.contains { $0.1 == action.help && $0.0.contains(KeyName.display(action.canonicalKey)) },
                "\(action)")
        }
    }

    @Test("key names parse and print back")
    func names() {
        for (text, key) in [
            ("a", Key.char("a")), ("R", .char("R")), ("ctrl-x", .ctrl("x")), ("F5", .function(5)), ("pgdn", .pageDown),
            ("shift-tab", .backTab), ("space", .char(" ")), ("esc", .escape),
        ] {
            #expect(KeyName.parse(text) == key, "\(text)")
            #expect(KeyName.parse(KeyName.display(key)) == key, "\(text) round trip")
        }
        #expect(KeyName.parse("ctrl-") == nil)
        #expect(KeyName.parse("hyper-a") == nil)
        #expect(KeyName.parse("f13") == nil)
    }
}
