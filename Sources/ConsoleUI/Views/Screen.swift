import Foundation
import IncidentKit

/// Draws the whole console for a state: the dashboard, then any overlay.
public enum Screen {
    public static func render(_ state: AppState) -> Grid {
        var canvas = Canvas(width: state.width, height: state.height, ascii: state.ascii)
        if Layout.tooSmall(width: state.width, height: state.height) {
            drawTooSmall(state, &canvas)
            return canvas.grid
        }
        let halted = state.picture.gateway?.isEngaged(at: state.now) ?? false
        let layout = Layout.make(
            width: state.width, height: state.height, banner: halted, incidentRows: state.visibleIncidents.count)
        HeaderView.draw(state, layout, &canvas)
        IncidentsView.draw(state, layout.incidents, &canvas)
        if let r = layout.timers { TimersView.draw(state, r, &canvas) }
        if let r = layout.escalation { EscalationView.draw(state, r, &canvas) }
        if let r = layout.signals { SignalsView.draw(state, r, &canvas) }
        if let r = layout.nodes { NodesView.draw(state, r, &canvas) }
        FooterView.draw(state, layout.footer, &canvas)
        switch state.overlay {
        case .help(let scroll, let over)?: HelpOverlay.draw(state, scroll: scroll, over: over, &canvas)
        case .detail(let id, let scroll)?: DetailOverlay.draw(state, incident: id, scroll: scroll, &canvas)
        case .nodeDetail(let id, let scroll)?: NodeDetailOverlay.draw(state, node: id, scroll: scroll, &canvas)
        case .form(let form)?: FormOverlay.draw(state, form, &canvas)
        case .picker(let picker)?: RunbookPickerOverlay.draw(state, picker, &canvas)
        case .wizard(let session)?: WizardOverlay.draw(state, session, &canvas)
        case nil: break
        }
        FooterView.drawNotice(state, layout.footer, &canvas)
        return canvas.grid
    }

    private static func drawTooSmall(_ state: AppState, _ canvas: inout Canvas) {
        let lines = [
            "Terminal too small",
            "\(state.width)x\(state.height), need \(Layout.minimum.width)x\(Layout.minimum.height)",
            "\(state.picture.activeIncidents.count) active", "q quits",
        ]
        for (i, line) in lines.enumerated() where i < state.height {
            canvas.grid.put(
                CharacterWidth.fit(line, state.width), x: 0, y: i,
                style: Style(i == 0 ? .warning : .normal, bold: i == 0))
        }
    }

    /// The rectangle of a centred overlay.
    static func overlayRect(_ state: AppState, width: Int, height: Int) -> Rect {
        let w = min(width, state.width - 2)
        let h = min(height, state.height - 2)
        return Rect(x: (state.width - w) / 2, y: (state.height - h) / 2, width: w, height: h)
    }
}
