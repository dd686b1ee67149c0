/// Every key, as bound now (the config file may have remapped them).
enum HelpOverlay {
    /// Actions that share a line: their keys joined, their help said once.
    static let lines: [[KeyAction]] = [
        [.up, .down], [.pageUp, .pageDown], [.first, .last], [.nextPane, .previousPane], [.open], [.filter],
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

    static func draw(_ state: AppState, _ canvas: inout Canvas) {
        let entries = entries(state.keys)
        let keyWidth = min(32, entries.map { CharacterWidth.of($0.0) }.max() ?? 16)
        let r = Screen.overlayRect(state, width: keyWidth + 58, height: entries.count + 6)
        let inner = canvas.box(r, title: "Help — keys", focused: true)
        for (row, entry) in entries.enumerated() where row < inner.height {
            canvas.text(
                CharacterWidth.pad(canvas.fit(entry.0, keyWidth), keyWidth), in: inner, row: row, column: 1,
                style: Style(.key, bold: true))
            canvas.text(canvas.fit(entry.1, inner.width - keyWidth - 3), in: inner, row: row, column: keyWidth + 3)
        }
        let note = "Nothing is written until you confirm: Enter on a form or a wizard step, y to run a command."
        canvas.text(canvas.fit(note, inner.width - 2), in: inner, row: entries.count + 1, column: 1, style: Style(.dim))
        canvas.text(
            canvas.fit("Policy \(state.picture.policy.name) · operator \(state.operatorName)", inner.width - 2),
            in: inner, row: entries.count + 2, column: 1, style: Style(.dim))
    }
}
