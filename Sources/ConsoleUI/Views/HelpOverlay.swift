/// The keys of where help was opened: the dashboard (every key, as bound now: the config file
/// may have remapped them), the detail view, the wizard or a form. It fits the screen, wraps
/// long lines and scrolls with j/k.
enum HelpOverlay {
    /// Actions that share a line: their keys joined, their help said once.
    static let lines: [[KeyAction]] = [
        [.up, .down], [.pageUp, .pageDown], [.first, .last], [.nextPane, .previousPane], [.open], [.filter],
        [.nextMatch, .previousMatch], [.sort], [.showResolved],
        [.acknowledge], [.update], [.escalate], [.mitigate], [.resolve], [.declare], [.rollback], [.report], [.close],
        [.redraw], [.help],
        [.quit],
    ]

    /// The grouped lines, then any action no line names (a new action is never missing here).
    static func entries(_ keys: KeyBindings) -> [(String, String)] {
        let grouped = Set(lines.joined())
        let all = lines + KeyAction.allCases.filter { !grouped.contains($0) }.map { [$0] }
        return all.map { actions in (actions.map { keys.labels($0) }.joined(separator: " / "), actions[0].help) }
    }

    static let detailEntries: [(String, String)] = [
        ("j k Down Up", "scroll the text"), ("PgDn PgUp Space", "scroll a page"), ("g Home", "back to the top"),
        ("a u e m R", "acknowledge, update, escalate, mitigate, resolve this incident"),
        ("r", "rollback wizard for this incident"), ("P", "write the incident report (Markdown) beside the journal"),
        ("Esc Enter q", "close the detail view"),
    ]

    static let wizardEntries: [(String, String)] = [
        ("Enter", "complete the step (asks again when checklist items are unticked)"),
        ("j k", "move the highlight over commands, the verification, checklist items and branches"),
        ("space", "tick the highlighted checklist item, or choose the highlighted branch"),
        ("1-9", "choose a branch by number: a branch step needs a choice, Enter alone never takes one"),
        ("x", "run the highlighted command: the exact argv is shown, y confirms"),
        ("s", "skip the step (asks why)"), ("b", "go back one step (asks first)"),
        ("A", "abort the rollback (asks why)"), ("u e m", "post an update, escalate, mark mitigated (returns here)"),
        ("P", "write the incident report"), ("PgUp PgDn", "scroll the command output"),
        ("Ctrl-C", "interrupt the running command"),
        ("Esc q", "hide the wizard: the run stays where it is and r resumes it"),
    ]

    static let formEntries: [(String, String)] = [
        ("Enter", "submit: the only key here that writes"), ("Tab Down", "next field"),
        ("Shift-Tab Up", "previous field"), ("Left Right Home End", "move in the field (Ctrl-B Ctrl-F Ctrl-A Ctrl-E)"),
        ("Ctrl-U Ctrl-K Ctrl-W", "clear before the cursor, after it, the word before it"),
        ("Esc", "cancel: nothing is written"),
    ]

    static let pickerEntries: [(String, String)] = [
        ("j k", "choose a runbook: those that apply to the incident's severity come first"),
        ("Enter", "start the run: written to the journal at once, then the wizard opens at step 1"),
        ("Esc q", "cancel: nothing is written"),
    ]

    static let nodeDetailEntries: [(String, String)] = [
        ("j k PgUp PgDn g", "scroll the node's details and its runner log's last cycle"),
        ("Esc q Enter", "back to the dashboard"),
    ]

    /// What the help is about and its entries.
    static func content(_ state: AppState, over: Overlay?) -> (String, [(String, String)]) {
        switch over {
        case .detail?: return ("detail view", detailEntries)
        case .nodeDetail?: return ("node detail", nodeDetailEntries)
        case .wizard?: return ("rollback wizard", wizardEntries)
        case .form?: return ("form", formEntries)
        case .picker?: return ("runbook picker", pickerEntries)
        default: return ("dashboard", entries(state.keys))
        }
    }

    private static func geometry(_ state: AppState, over: Overlay?) -> (Rect, keyWidth: Int, rows: [(String, String)]) {
        let (_, entries) = content(state, over: over)
        let keyWidth = min(24, entries.map { CharacterWidth.of($0.0) }.max() ?? 16)
        let widest = entries.map { CharacterWidth.of($0.1) }.max() ?? 40
        let width = min(state.width - 2, keyWidth + widest + 6)
        let textWidth = max(10, width - 2 - keyWidth - 4)
        var rows: [(String, String)] = []
        for entry in entries {
            for (i, line) in WizardLines.wrap(entry.1, width: textWidth).enumerated() {
                rows.append((i == 0 ? entry.0 : "", line))
            }
        }
        rows.append(("", ""))
        for note in footnotes(state, over: over) {
            for line in WizardLines.wrap(note, width: width - 4) { rows.append(("\u{0}", line)) }
        }
        let r = Screen.overlayRect(state, width: width, height: rows.count + 2)
        return (r, keyWidth, rows)
    }

    static func footnotes(_ state: AppState, over: Overlay?) -> [String] {
        var notes = ["Nothing is written until you confirm: Enter on a form or a wizard step, y to run a command."]
        if state.readOnly { notes.append("Read-only console: the keys that write are refused here.") }
        notes.append("Policy \(state.picture.policy.name) · operator \(state.operatorName)")
        return notes
    }

    static func maxScroll(_ state: AppState, over: Overlay?) -> Int {
        let (r, _, rows) = geometry(state, over: over)
        return max(0, rows.count - (r.height - 2))
    }

    static func draw(_ state: AppState, scroll: Int, over: Overlay?, _ canvas: inout Canvas) {
        let (r, keyWidth, rows) = geometry(state, over: over)
        let visible = max(0, r.height - 2)
        let first = min(scroll, max(0, rows.count - visible))
        let position =
            rows.count > visible ? "\(first + 1)-\(min(first + visible, rows.count)) of \(rows.count) j/k" : nil
        let inner = canvas.box(r, title: "Help — \(content(state, over: over).0) keys", focused: true, right: position)
        for (row, entry) in rows[first...].prefix(inner.height).enumerated() {
            if entry.0 == "\u{0}" {
                canvas.text(canvas.fit(entry.1, inner.width - 2), in: inner, row: row, column: 1, style: Style(.dim))
                continue
            }
            canvas.text(
                CharacterWidth.pad(canvas.fit(entry.0, keyWidth), keyWidth), in: inner, row: row, column: 1,
                style: Style(.key, bold: true))
            canvas.text(canvas.fit(entry.1, inner.width - keyWidth - 3), in: inner, row: row, column: keyWidth + 3)
        }
    }
}
