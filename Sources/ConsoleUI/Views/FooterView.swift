import Foundation

/// The keys of the current context. Each key is a hint with a rank: when the line is too
/// narrow the least needed go first (they are all in the help), and `? help` and `q quit`
/// always stay.
enum FooterView {
    struct Hint: Equatable {
        var text: String
        /// 0 is never dropped; higher ranks are dropped first.
        var rank: Int
    }

    static func hints(for state: AppState) -> [Hint] {
        if state.filterInput != nil {
            return [Hint(text: "Enter keep filter", rank: 0), Hint(text: "Esc clear", rank: 0)]
        }
        let k = state.keys
        func hint(_ action: KeyAction, _ word: String, _ rank: Int) -> Hint {
            Hint(text: "\(k.label(action)) \(word)", rank: rank)
        }
        let writes: [Hint] =
            state.readOnly
            ? []
            : [
                hint(.acknowledge, "ack", 1), hint(.update, "update", 4), hint(.escalate, "escalate", 4),
                hint(.mitigate, "mitigate", 5), hint(.resolve, "resolve", 4),
            ]
        let helpAndQuit = [hint(.help, "help", 0), hint(.quit, "quit", 0)]
        switch state.overlay {
        case .help?: return [Hint(text: "j/k scroll", rank: 1), Hint(text: "any other key closes help", rank: 0)]
        case .detail?:
            return [Hint(text: "j/k scroll", rank: 1)] + writes
                + (state.readOnly ? [] : [hint(.rollback, "rollback", 2), hint(.report, "report", 3)])
                + [hint(.close, "close", 0), hint(.help, "help", 0)]
        case .nodeDetail?:
            return [Hint(text: "j/k scroll", rank: 1), hint(.close, "close", 0), hint(.help, "help", 0)]
        case .form?:
            return [
                Hint(text: "Enter submit", rank: 0), Hint(text: "Tab next field", rank: 1),
                Hint(text: "Ctrl-U clear", rank: 3), Hint(text: "Esc cancel", rank: 0),
            ]
        case .picker?:
            return [
                Hint(text: "j/k choose", rank: 1), Hint(text: "Enter start", rank: 0),
                Hint(text: "Esc cancel", rank: 0), Hint(text: "? help", rank: 0),
            ]
        case .wizard(let session)?: return wizardHints(state, session)
        case nil: break
        }
        var hints = [Hint(text: "\(k.label(.down))/\(k.label(.up)) move", rank: 3), hint(.nextPane, "pane", 2)]
        switch state.focus {
        case .incidents:
            hints += [hint(.open, "detail", 2)] + writes
            if !state.readOnly { hints += [hint(.rollback, "rollback", 2), hint(.report, "report", 5)] }
            hints += [
                hint(.sort, "sort", 6),
                hint(.showResolved, state.showResolved ? "hide resolved" : "resolved", 7),
            ]
        case .signals:
            if !state.readOnly { hints.append(Hint(text: "\(k.label(.declare))/\(k.label(.open)) declare", rank: 1)) }
        case .nodes: hints.append(hint(.open, "node detail", 1))
        }
        hints.append(hint(.filter, "filter", 1))
        if !state.filter.isEmpty {
            hints += [Hint(text: "n/N next match", rank: 3), hint(.close, "clear", 1)]
        }
        return hints + helpAndQuit
    }

    static func wizardHints(_ state: AppState, _ session: WizardSession) -> [Hint] {
        func all(_ texts: [String], _ ranks: [Int]) -> [Hint] { zip(texts, ranks).map { Hint(text: $0, rank: $1) } }
        switch session.prompt {
        case .confirmRun: return all(["y run", "any other key cancels"], [0, 0])
        case .confirmBack: return all(["y go back", "any other key stays"], [0, 0])
        case .confirmIncomplete: return all(["Enter complete anyway", "any other key back to the checklist"], [0, 0])
        case .reason: return all(["Enter record", "Esc cancel"], [0, 0])
        case .fill: return all(["Enter take the value", "Esc cancel"], [0, 0])
        case .none: break
        }
        if state.commandRunning {
            return all(["Ctrl-C interrupt the command", "PgUp/PgDn scroll output", "Esc hide"], [0, 2, 0])
        }
        guard let context = state.wizardContext(session), context.run.isActive else {
            return all(["P write the report", "Esc close", "? help"], [0, 0, 0])
        }
        if context.step == nil {
            return all(["Enter record the completion", "b back", "A abort", "Esc hide", "? help"], [0, 2, 2, 0, 0])
        }
        if context.step?.choices.isEmpty == false {
            return all(
                ["1-9 choose", "Enter take the choice", "b back", "A abort", "u update", "Esc hide", "? help"],
                [0, 0, 2, 2, 4, 0, 0])
        }
        return all(
            [
                "Enter complete", "j/k move", "space tick", "x run", "s skip", "b back", "A abort", "u update",
                "Esc hide", "? help",
            ],
            [0, 3, 1, 1, 2, 2, 3, 4, 0, 0])
    }

    /// The hints that fit in `width`, in their order, joined by two spaces: the highest
    /// ranks are dropped first.
    static func fitted(_ hints: [Hint], width: Int) -> String {
        var kept = hints
        func length(_ h: [Hint]) -> Int { CharacterWidth.of(h.map(\.text).joined(separator: "  ")) }
        while length(kept) > width,
            let worst = kept.indices.filter({ kept[$0].rank > 0 }).max(by: {
                (kept[$0].rank, $0) < (kept[$1].rank, $1)
            })
        {
            kept.remove(at: worst)
        }
        return kept.map(\.text).joined(separator: "  ")
    }

    static func isLong(_ flash: Flash, _ r: Rect) -> Bool { CharacterWidth.of(flash.text) + 2 > r.width / 2 }

    /// A message too long for the footer (a report's path, an error with its reason): wrapped
    /// in full on the rows above the footer, over any overlay, never cut.
    static func drawNotice(_ state: AppState, _ r: Rect, _ canvas: inout Canvas) {
        guard state.filterInput == nil, let flash = state.flash, isLong(flash, r) else { return }
        let style = Style(flash.isError ? .breached : .ok, bold: true, reverse: true)
        let lines = WizardLines.wrap(flash.text, width: r.width - 2).prefix(max(1, r.y / 3))
        for (i, line) in lines.enumerated() {
            let y = r.y - lines.count + i
            canvas.grid.fill(x: r.x, y: y, width: r.width, height: 1, style: style)
            canvas.grid.put(line, x: 1, y: y, style: style)
        }
    }

    static func keys(for state: AppState) -> String { hints(for: state).map(\.text).joined(separator: "  ") }

    static func draw(_ state: AppState, _ r: Rect, _ canvas: inout Canvas) {
        canvas.grid.fill(x: r.x, y: r.y, width: r.width, height: 1, style: Style(.footer))
        var col = 0
        if let input = state.filterInput {
            col = canvas.grid.put("/ filter: ", x: 0, y: r.y, style: Style(.key, bold: true))
            col = canvas.grid.put(input.text, x: col, y: r.y, style: Style(.input), limit: r.width - 30)
            canvas.grid.put(" ", x: col, y: r.y, style: Style(.input, reverse: true))
            col += 2
        } else if let flash = state.flash, isLong(flash, r) {
            // Drawn by `drawNotice` above the footer, after any overlay.
        } else if let flash = state.flash {
            col = canvas.grid.put(
                canvas.fit(" " + flash.text + " ", r.width / 2), x: 0, y: r.y,
                style: Style(flash.isError ? .breached : .ok, bold: true, reverse: true))
            col += 1
        } else if !state.filter.isEmpty {
            col =
                canvas.grid.put(
                    canvas.fit(" filter \"\(state.filter)\" ", r.width / 3), x: 0, y: r.y,
                    style: Style(.key, reverse: true)) + 1
        }
        canvas.grid.put(
            canvas.fit(fitted(hints(for: state), width: r.width - col), r.width - col), x: col, y: r.y,
            style: Style(.footer))
    }
}
