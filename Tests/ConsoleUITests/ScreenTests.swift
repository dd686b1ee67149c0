import Foundation
import IncidentKit
import Testing

@testable import ConsoleUI

@Suite("Screens")
struct ScreenTests {
    @Test("the dashboard at 80x24 and 160x50 matches the reviewed screens", arguments: [(80, 24), (160, 50)])
    func dashboard(size: (Int, Int)) throws {
        for f in [ViewFixtures.tradingOps, ViewFixtures.incidentRunbook, ViewFixtures.pilotPlaybook] {
            let state = try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: size.0, height: size.1)
            let grid = Screen.render(state)
            let (ok, diff) = try ViewFixtures.matchesGolden(grid, "dashboard-\(f.fixture)-\(size.0)x\(size.1)")
            #expect(ok, "\(diff)")
        }
    }

    @Test("the detail view and the acknowledgment form match the reviewed screens")
    func overlays() throws {
        let f = ViewFixtures.incidentRunbook
        var state = try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: 100, height: 30)
        _ = Update.apply(.key(.enter), to: &state)
        #expect(try ViewFixtures.matchesGolden(Screen.render(state), "detail-incident-runbook-100x30").0)
        _ = Update.apply(.key(.escape), to: &state)
        _ = Update.apply(.key(.char("j")), to: &state)
        _ = Update.apply(.key(.char("a")), to: &state)
        for ch in "slow query on deals — looking" { _ = Update.apply(.key(.char(ch)), to: &state) }
        let (ok, diff) = try ViewFixtures.matchesGolden(Screen.render(state), "ack-form-incident-runbook-100x30")
        #expect(ok, "\(diff)")
    }

    @Test("every pane shows at 80x24; smaller terminals drop panes one by one, then say too small")
    func degradesPaneByPane() throws {
        let f = ViewFixtures.pilotPlaybook
        func titles(_ w: Int, _ h: Int) throws -> String {
            Screen.render(try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: w, height: h)).text
        }
        let full = try titles(80, 24)
        for pane in ["Incidents (1)", "SLA ·", "Escalation", "Signals (5)", "Nodes (4)"] {
            #expect(full.contains(pane), "\(pane)")
        }
        let medium = try titles(70, 20)
        #expect(medium.contains("Escalation") && medium.contains("SLA") && !medium.contains("Signals ("))
        let small = try titles(50, 14)
        #expect(small.contains("SLA") && !small.contains("Escalation"))
        let tiny = try titles(30, 8)
        #expect(tiny.contains("Terminal too small") && tiny.contains("30x8"))
    }

    @Test("severity is never colour alone: each row has a symbol and its label; breaches are spelled out")
    func severityIsReadableWithoutColour() throws {
        let f = ViewFixtures.pilotPlaybook
        let state = try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: 120, height: 30)
        let text = Screen.render(state).text
        #expect(text.contains("◆ SEV-1"))
        #expect(text.contains("OVERDUE +5m00s"))
        #expect(text.contains("✖"))
        let ascii = try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: 120, height: 30, ascii: true)
        let plain = Screen.render(ascii).text
        #expect(plain.allSatisfy { $0.isASCII })
        #expect(plain.contains("!!! SEV-1"))
        #expect(plain.contains("OVERDUE +5m00s"))
    }

    @Test("text from artifacts reaches the grid as visible placeholders, never as control bytes")
    func sanitisesArtifactText() throws {
        let f = ViewFixtures.tradingOps
        var state = try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: 120, height: 30)
        state.picture.incidents[0].incident.title = "evil \u{1B}]0;owned\u{07} \u{1B}[2J \u{9B}31m \u{202E}txt.exe 中文"
        let grid = Screen.render(state)
        for cell in grid.cells {
            for scalar in cell.text.unicodeScalars {
                #expect(
                    !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{202E}"),
                    "raw \(scalar.value)")
            }
        }
        state.overlay = .detail(incident: state.picture.incidents[0].incident.id, scroll: 0)
        let detail = Screen.render(state).text
        #expect(detail.contains("evil ␛]0;owned␇ ␛[2J �31m ␦txt.exe 中文"), "\(detail)")
    }
}
