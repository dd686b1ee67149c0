import IncidentKit

/// Choosing the runbook for a rollback: those for the incident's severity first.
enum RunbookPickerOverlay {
    static func draw(_ state: AppState, _ picker: RunbookPicker, _ canvas: inout Canvas) {
        let rows = picker.runbookIDs.count + (picker.applicable > 0 ? 1 : 0) + 1
        let r = Screen.overlayRect(state, width: 120, height: rows + 5)
        let severity = state.incident(picker.incidentID)?.severity ?? "?"
        let inner = canvas.box(
            r, title: "Start a rollback on \(picker.incidentID) (\(severity))", focused: true,
            right: state.drill ? "DRILL" : nil)
        var row = 0
        for (index, id) in picker.runbookIDs.enumerated() {
            if index == 0, picker.applicable > 0 {
                canvas.text("For \(severity):", in: inner, row: row, column: 1, style: Style(.title, bold: true))
                row += 1
            }
            if index == picker.applicable {
                canvas.text(
                    picker.applicable > 0 ? "Other runbooks:" : "Runbooks:", in: inner, row: row, column: 1,
                    style: Style(.title, bold: true))
                row += 1
            }
            guard let entry = state.runbooks.entry(id: id) else { continue }
            let selected = index == picker.selected
            let runbook = entry.runbook
            let target = runbook.targetSeconds.map { "target \(SpanFormat.short($0))" } ?? "no target"
            let origin = entry.isBuiltin ? "built-in" : entry.origin
            let warning = entry.refusal == nil ? "" : "  [display only]"
            let line =
                "\(selected ? canvas.symbols.selected : " ") \(runbook.title) · \(Plural.count(runbook.steps.count, "step")) · \(target) · \(origin)\(warning)"
            canvas.text(
                canvas.fit(line, inner.width - 2), in: inner, row: row, column: 1,
                style: Style(entry.refusal == nil ? .normal : .warning, bold: selected, reverse: selected))
            row += 1
        }
        let hint =
            state.drill
            ? "Enter starts a drill (nothing runs; events marked drill) · Esc cancels"
            : "Enter starts it: each step is written to the journal as it is done · Esc cancels"
        canvas.text(canvas.fit(hint, inner.width - 2), in: inner, row: row + 1, column: 1, style: Style(.dim))
        if let entry = state.runbooks.entry(id: picker.runbookIDs[picker.selected]), let refusal = entry.refusal {
            canvas.text(
                canvas.fit("Commands refused: \(refusal)", inner.width - 2), in: inner, row: row + 2, column: 1,
                style: Style(.warning))
        }
    }
}
