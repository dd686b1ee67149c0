import Foundation
import IncidentKit
import Testing

@testable import ConsoleUI

/// The bell's bookkeeping, the notification text, and the list's id fitting (issue 15).
@Suite("Alerts and fitting")
struct AlertsAndFittingTests {
    @Test("what the history holds never rings; a breach later rings once per incident and timer")
    func alertsOncePerEvent() throws {
        let f = ViewFixtures.incidentRunbook
        var tracker = AlertTracker()
        let start = try ViewFixtures.picture(f.fixture, policy: f.policy, now: f.now)
        #expect(tracker.alerts(in: start).isEmpty, "primed on the first picture")
        // Three days on, the SEV2's respond timer has breached.
        let later = try ViewFixtures.picture(f.fixture, policy: f.policy, now: "2025-11-24T16:10:00Z")
        let rung = tracker.alerts(in: later)
        #expect(rung.map(\.key) == ["INC-20251121-0007#respond"], "\(rung)")
        #expect(tracker.alerts(in: later).isEmpty, "never twice for one event")
    }

    @Test("notification text keeps no control character, no ; and no backslash, and is bounded")
    func notificationText() {
        let text = NotificationText.clean("a\u{07}b\u{1B}]777;x\\y\u{9B}" + String(repeating: "z", count: 300))
        #expect(
            !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
        #expect(!text.contains(";") && !text.contains("\\"))
        #expect(text.unicodeScalars.count <= NotificationText.limit)
        let escape = NotifyStyle.osc777.escape("SEV0 INC-1 opened", insideTmux: true)!
        #expect(escape.hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}]777;notify;sitrep;SEV0 INC-1 opened\u{07}"))
        #expect(escape.hasSuffix("\u{1B}\\"))
    }

    @Test("ids are cut in the middle: the prefix and the distinctive end stay")
    func fitMiddle() {
        #expect(CharacterWidth.fitMiddle("AUTO-20261129-4fd154", 17) == "AUTO-…1129-4fd154")
        #expect(CharacterWidth.fitMiddle("INC-20251121-0007", 17) == "INC-20251121-0007")
        #expect(CharacterWidth.of(CharacterWidth.fitMiddle("paper-2025-11-21-recon-1", 17)) == 17)
    }

    @Test("the footer drops the least needed keys first and keeps ? help and q quit")
    func footerRanks() throws {
        let f = ViewFixtures.incidentRunbook
        let state = try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: 40, height: 24)
        let footer = FooterView.fitted(FooterView.hints(for: state), width: 40)
        #expect(footer.hasSuffix("? help  q quit"), "\(footer)")
        #expect(CharacterWidth.of(footer) <= 40)
    }

    @Test("F1 in a form shows the form's keys, and any other key returns to the form as it was")
    func helpOverAForm() throws {
        let f = ViewFixtures.incidentRunbook
        var state = try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: 80, height: 24)
        for key: Key in [.char("j"), .char("a"), .char("x")] { _ = Update.apply(.key(key), to: &state) }
        guard case .form(let form)? = state.overlay else {
            Issue.record("no form: \(String(describing: state.overlay))")
            return
        }
        _ = Update.apply(.key(.function(1)), to: &state)
        #expect(state.overlay == .help(scroll: 0, over: .form(form)))
        #expect(Screen.render(state).text.contains("Help — form keys"))
        _ = Update.apply(.key(.char("j")), to: &state)
        _ = Update.apply(.key(.char("q")), to: &state)
        #expect(state.overlay == .form(form), "back in the form with its text, the key consumed")
    }
}
