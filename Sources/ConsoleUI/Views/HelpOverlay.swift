/// Every key, in one place.
enum HelpOverlay {
    static let entries: [(String, String)] = [
        ("↑ ↓  j k", "move the selection"), ("PgUp PgDn  g G", "page, first, last"),
        ("Tab  Shift-Tab", "next / previous pane"),
        ("Enter", "detail (timeline, evidence); on a signal: declare"),
        ("/", "filter incidents (Enter keeps it, Esc clears)"),
        ("a", "acknowledge the selected incident (with a note)"), ("u", "post an update"), ("e", "escalate to a level"),
        ("m", "mark mitigated"), ("R", "resolve with the root cause"),
        ("d", "declare an incident from the selected signal"),
        ("r", "rollback wizard: pick a runbook, or resume the run in progress"),
        ("  Enter s b", "  complete / skip (reason) / go back a step"),
        ("  space x A", "  tick or choose / run the command / abort the run"),
        ("P", "write the incident report (Markdown) beside the journal"),
        ("Esc", "close the overlay or clear the filter"), ("Ctrl-L", "redraw the screen"), ("?", "this help"),
        ("q  Ctrl-C", "quit"),
    ]

    static func draw(_ state: AppState, _ canvas: inout Canvas) {
        let r = Screen.overlayRect(state, width: 72, height: entries.count + 6)
        let inner = canvas.box(r, title: "Help — keys", focused: true)
        for (row, entry) in entries.enumerated() where row < inner.height {
            canvas.text(CharacterWidth.pad(entry.0, 16), in: inner, row: row, column: 1, style: Style(.key, bold: true))
            canvas.text(canvas.fit(entry.1, inner.width - 18), in: inner, row: row, column: 18)
        }
        let note = "Nothing is written until a form is submitted with Enter."
        canvas.text(canvas.fit(note, inner.width - 2), in: inner, row: entries.count + 1, column: 1, style: Style(.dim))
        canvas.text(
            canvas.fit("Policy \(state.picture.policy.name) · operator \(state.operatorName)", inner.width - 2),
            in: inner, row: entries.count + 2, column: 1, style: Style(.dim))
    }
}
