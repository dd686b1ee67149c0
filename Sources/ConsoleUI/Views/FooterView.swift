import Foundation

enum FooterView {
    static func keys(for state: AppState) -> String {
        if state.filterInput != nil { return "Enter keep filter  Esc clear" }
        let k = state.keys
        let writes =
            "\(k.label(.acknowledge)) ack  \(k.label(.update)) update  \(k.label(.escalate)) escalate  "
            + "\(k.label(.mitigate)) mitigate  \(k.label(.resolve)) resolve  "
        switch state.overlay {
        case .help?: return "any key closes help"
        case .detail?:
            return "\(k.label(.down))/\(k.label(.up)) scroll  " + writes + "\(k.label(.rollback)) rollback  "
                + "\(k.label(.report)) report  \(k.label(.close)) close"
        case .form?: return "Enter submit  Tab next field  Ctrl-U clear  Esc cancel"
        case .picker?: return "j/k choose  Enter start  Esc cancel"
        case .wizard(let session)?: return wizardKeys(state, session)
        case nil: break
        }
        var keys = "\(k.label(.down))/\(k.label(.up)) move  \(k.label(.nextPane)) pane  "
        switch state.focus {
        case .incidents: keys += "\(k.label(.open)) detail  " + writes + "\(k.label(.rollback)) rollback  "
        case .signals: keys += "\(k.label(.declare))/\(k.label(.open)) declare  "
        case .nodes: break
        }
        keys += "\(k.label(.filter)) filter  "
        if !state.filter.isEmpty { keys += "\(k.label(.close)) clear  " }
        return keys + "\(k.label(.help)) help  \(k.label(.quit)) quit"
    }

    static func wizardKeys(_ state: AppState, _ session: WizardSession) -> String {
        switch session.prompt {
        case .confirmRun: return "y run  any other key cancels"
        case .confirmBack: return "y go back  any other key stays"
        case .confirmIncomplete: return "Enter complete anyway  any other key back to the checklist"
        case .reason: return "Enter record  Esc cancel"
        case .fill: return "Enter take the value  Esc cancel"
        case .none: break
        }
        if state.commandRunning { return "Ctrl-C interrupt the command  PgUp/PgDn scroll output  Esc hide" }
        guard let context = state.wizardContext(session), context.run.isActive else {
            return "P write the report  Esc close"
        }
        if context.step == nil { return "Enter record the completion  b back  A abort  Esc hide" }
        return "Enter complete  j/k move  space tick  x run  s skip  b back  A abort  u update  Esc hide  ? help"
    }

    static func draw(_ state: AppState, _ r: Rect, _ canvas: inout Canvas) {
        canvas.grid.fill(x: r.x, y: r.y, width: r.width, height: 1, style: Style(.footer))
        var col = 0
        if let input = state.filterInput {
            col = canvas.grid.put("/ filter: ", x: 0, y: r.y, style: Style(.key, bold: true))
            col = canvas.grid.put(input.text, x: col, y: r.y, style: Style(.input), limit: r.width - 30)
            canvas.grid.put(" ", x: col, y: r.y, style: Style(.input, reverse: true))
            col += 2
        } else if let flash = state.flash {
            col = canvas.grid.put(
                canvas.fit(" " + flash.text + " ", r.width * 2 / 3), x: 0, y: r.y,
                style: Style(flash.isError ? .breached : .ok, bold: true, reverse: true))
            col += 1
        } else if !state.filter.isEmpty {
            col = canvas.grid.put(" filter \"\(state.filter)\" ", x: 0, y: r.y, style: Style(.key, reverse: true)) + 1
        }
        canvas.grid.put(canvas.fit(keys(for: state), r.width - col), x: col, y: r.y, style: Style(.footer))
    }
}
