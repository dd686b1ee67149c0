import Foundation
import IncidentKit
import Testing

@testable import ConsoleUI

@Suite("Update")
struct UpdateTests {
    func state() throws -> AppState {
        let f = ViewFixtures.incidentRunbook
        return try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: 100, height: 30)
    }

    @discardableResult
    func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { Update.apply(.key($0), to: &state) }
    }

    func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

    @Test("acknowledging opens a form with the operator filled in and the cursor in the note; Enter writes")
    func acknowledgeForm() throws {
        var s = try state()
        press([.char("j"), .char("a")], &s)
        guard case .form(let form)? = s.overlay else {
            Issue.record("no form")
            return
        }
        #expect(form.kind == .acknowledge(incident: "INC-20251121-0007"))
        #expect(form.fields[0].input.text == "alice")
        #expect(form.focused == 1)
        #expect(press(type("on it"), &s).isEmpty)
        let effects = press([.enter], &s)
        #expect(effects == [.write(.acknowledge(id: "INC-20251121-0007", by: "alice", notes: "on it"))])
        #expect(s.overlay == nil)
    }

    @Test("no single stray key writes: every key on the dashboard yields no write effect")
    func strayKeysDoNotWrite() throws {
        let keys: [Key] =
            "abcdefghijklmnopqrstuvwxyzRABCDEFGHIJKLMNOPQSTUVWXYZ0123456789 /?".map { Key.char($0) } + [
                .enter, .tab, .escape, .up, .down,
            ]
        for key in keys {
            var s = try state()
            let effects = press([key], &s)
            #expect(!effects.contains { if case .write = $0 { return true } else { return false } }, "\(key)")
        }
    }

    @Test("a, u, e, m, R and r on an incident of a read-only log offer a journal incident that references it")
    func readOnlyLoggedIncident() throws {
        for key in "aemRr" {
            var s = try ViewFixtures.state(
                "real-openmeshmind", policy: "pilot-playbook", now: "2026-11-29T04:20:00Z", width: 100, height: 30)
            s.selectedIncidentID = "INC-2026-002"
            #expect(s.selectedIncident?.incident.readOnly == true)
            press([.char(key)], &s)
            guard case .form(let form)? = s.overlay else {
                Issue.record("\(key): no form")
                continue
            }
            guard case .declare(_, let runID, _, let subject) = form.kind else {
                Issue.record("\(key): \(form.kind) is not a declare form")
                continue
            }
            #expect(runID == nil)
            #expect(subject == "INC-2026-002")
            #expect(form.subtitle.contains("only read from pilot/incident_log.json"))
            #expect(form.fields[2].input.text.hasPrefix("INC-2026-002: "))
        }
    }

    @Test("P asks before writing the report, shows its path in full, and keeps it under the root")
    func reportAsksFirst() throws {
        var s = try state()
        #expect(press([.char("P")], &s).isEmpty)
        guard case .form(let form)? = s.overlay, case .report(let id, let root) = form.kind else {
            Issue.record("no report form: \(String(describing: s.overlay))")
            return
        }
        let path = form.fields[0].input.text
        #expect(path.hasPrefix(root + "/") && path.hasSuffix("/reports/\(id).md"), "\(path)")
        let relative = String(path.dropFirst(root.count + 1))
        #expect(press([.enter], &s) == [.writeReport(incident: id, relativePath: relative)])
        #expect(s.overlay == nil)

        press([.char("P")], &s)
        press([.end] + Array(repeating: Key.backspace, count: path.count) + type("/etc/motd.md") + [.enter], &s)
        guard case .form(let refused)? = s.overlay else {
            Issue.record("a path outside the root was taken")
            return
        }
        #expect(refused.error?.contains("sitrep report") == true)
        #expect(press([.escape], &s).isEmpty)
        #expect(s.overlay == nil)
    }

    @Test("Enter on a node opens its detail with the runner log's last cycle; Esc closes it")
    func nodeDetailShowsTheLastCycle() throws {
        var s = try ViewFixtures.state(
            "real-openmeshmind", policy: "pilot-playbook", now: "2026-11-29T04:20:00Z", width: 100, height: 40)
        press([.tab, .tab], &s)
        #expect(s.focus == .nodes)
        let failing = try #require(s.picture.nodes.firstIndex { $0.node.id == "volunteer-node-001" })
        press(Array(repeating: Key.down, count: failing), &s)
        press([.enter], &s)
        #expect(s.overlay == .nodeDetail(node: "volunteer-node-001", scroll: 0))
        let text = Screen.render(s).text
        #expect(text.contains("Node volunteer-node-001"))
        #expect(text.contains("Last cycle FAILED"))
        #expect(text.contains("Step result: smoke_check -> failed (1.96s)"), "\(text)")
        #expect(!text.contains("Starting cycle #5"))  // only the last cycle
        // Scrolling stops where the text does: no counter runs on under still text.
        press(Array(repeating: Key.char("j"), count: 200), &s)
        guard case .nodeDetail(_, let scroll)? = s.overlay else {
            Issue.record("the node detail closed")
            return
        }
        #expect(scroll == NodeDetailOverlay.maxScroll(s, node: "volunteer-node-001"))
        #expect(scroll < 40)
        press([.escape], &s)
        #expect(s.overlay == nil)
    }

    @Test("an already acknowledged incident does not open the form and says who acknowledged")
    func alreadyAcknowledged() throws {
        var s = try state()
        press([.char("a")], &s)
        #expect(s.overlay == nil)
        #expect(s.flash?.text.contains("already acknowledged by alice at 2025-11-21T15:40:00Z") == true)
    }

    @Test("required fields are checked before anything is written")
    func requiredFields() throws {
        var s = try state()
        press([.char("R")], &s)
        #expect(press([.enter], &s).isEmpty)
        guard case .form(let form)? = s.overlay else {
            Issue.record("form closed")
            return
        }
        #expect(form.error == "Root cause is required")
        press(type("idempotency key skipped") + [.enter], &s)
        #expect(s.overlay == nil)
    }

    @Test("escalate proposes the due level and a reason; Esc cancels without writing")
    func escalateForm() throws {
        var s = try state()
        press([.char("e")], &s)
        guard case .form(let form)? = s.overlay else {
            Issue.record("no form")
            return
        }
        #expect(form.fields[1].input.text == "3")
        #expect(press([.escape], &s).isEmpty)
        #expect(s.overlay == nil)
    }

    @Test("text fields edit whole graphemes: backspace removes a multi-byte character, Ctrl-U clears")
    func textEditing() {
        var field = TextField("naïve 👩‍🚒")
        let handled = field.handle(.backspace)
        #expect(handled)
        #expect(field.text == "naïve ")
        _ = field.handle(.left)
        _ = field.handle(.left)
        _ = field.handle(.backspace)
        #expect(field.text == "naïe ")
        _ = field.handle(.char("v"))
        #expect(field.text == "naïve ")
        _ = field.handle(.end)
        _ = field.handle(.ctrl("u"))
        #expect(field.text.isEmpty)
    }

    @Test("/ filters incidents; Enter keeps the filter and selects the first match; Esc clears")
    func filter() throws {
        var s = try state()
        press([.char("/")] + type("slow"), &s)
        #expect(s.visibleIncidents.map(\.incident.id) == ["INC-20251121-0007"])
        press([.enter], &s)
        #expect(s.filter == "slow")
        #expect(s.selectedIncidentID == "INC-20251121-0007")
        press([.escape], &s)
        #expect(s.filter.isEmpty)
        #expect(s.visibleIncidents.count == 2)
    }

    @Test("read-only consoles refuse every write key")
    func readOnly() throws {
        var s = try state()
        s.readOnly = true
        for key in ["a", "u", "e", "m", "R", "d"] {
            press([.char(Character(key))], &s)
            #expect(s.overlay == nil, "\(key)")
        }
        #expect(s.flash?.text.contains("Read-only") == true)
    }

    @Test("d declares from the selected signal with its severity and message filled in")
    func declareFromSignal() throws {
        var s = try state()
        press([.tab, .char("d")], &s)
        guard case .form(let form)? = s.overlay else {
            Issue.record("no form")
            return
        }
        #expect(form.fields[1].input.text == "SEV1")
        #expect(form.fields[2].input.text.contains("3 consecutive mismatches"))
        let effects = press([.enter], &s)
        guard case .write(.declare(let severity, _, let runID, _, let source, let subject))? = effects.first else {
            Issue.record("no write")
            return
        }
        #expect(severity == "SEV1")
        #expect(runID == "deal-pilot")
        #expect(source == "detector:reconciliation_mismatch_streak")
        #expect(subject == "deal-pilot/orders")
    }

    @Test("q quits, Tab cycles the visible panes, selection follows the incident id across updates")
    func navigation() throws {
        var s = try state()
        press([.tab], &s)
        #expect(s.focus == .signals)
        press([.tab, .tab], &s)
        #expect(s.focus == .incidents)
        press([.char("j")], &s)
        #expect(s.selectedIncidentID == "INC-20251121-0007")
        let picture = s.picture
        _ = Update.apply(.picture(picture, dataChanged: true), to: &s)
        #expect(s.selectedIncidentID == "INC-20251121-0007")
        #expect(press([.char("q")], &s) == [.quit])
    }

    @Test("a paste longer than a field holds is cut at the limit and the form says so; the text stays whole up to it")
    func pasteIsCappedWithAMessage() throws {
        var s = try state()
        press([.char("j"), .char("a")], &s)
        press(type(String(repeating: "é", count: TextField.maxLength + 50)), &s)
        guard case .form(let form)? = s.overlay else {
            Issue.record("no form")
            return
        }
        #expect(form.fields[1].input.characters.count == TextField.maxLength)
        #expect(form.error?.contains("at most \(TextField.maxLength) characters") == true, "\(form.error ?? "none")")
        press([.backspace], &s)
        guard case .form(let edited)? = s.overlay else { return }
        #expect(edited.error == nil)
        #expect(edited.fields[1].input.characters.count == TextField.maxLength - 1)
    }
}
