import Foundation
import IncidentKit

/// SLA countdowns: every timer of the selected incident with a bar, then the most urgent
/// live timers across all incidents.
enum TimersView {
    static func draw(_ state: AppState, _ r: Rect, _ canvas: inout Canvas) {
        let selected = state.selectedIncident
        let inner = canvas.box(r, title: "SLA" + (selected.map { " · \($0.incident.id)" } ?? ""))
        guard inner.height > 0 else { return }
        var row = 0
        if let view = selected {
            if view.timers.isEmpty {
                if state.picture.policy.severity(named: view.incident.severity) == nil {
                    let warning = SeverityPresetHint.warning(
                        severity: view.incident.severity, policy: state.picture.policy)
                    for line in WizardLines.wrap(warning, width: inner.width).prefix(4) {
                        canvas.text(line, in: inner, row: row, style: Style(.warning, bold: true))
                        row += 1
                    }
                } else {
                    canvas.text(
                        "No SLA timers for \(view.incident.severity) in \(state.picture.policy.name).", in: inner,
                        row: row, style: Style(.dim))
                    row += 1
                }
            }
            let nameWidth = min(10, view.timers.map { CharacterWidth.of($0.name) }.max() ?? 4)
            for timer in view.timers where row < inner.height {
                drawTimer(timer, in: inner, row: row, nameWidth: nameWidth, now: state.now, &canvas)
                row += 1
            }
        } else {
            canvas.text("No incident selected.", in: inner, row: row, style: Style(.dim))
            row += 1
        }
        let others = state.picture.activeIncidents.flatMap { view in
            view.timers.filter(\.isLive).map { (view.incident.id, $0) }
        }
        .filter { $0.0 != selected?.incident.id }
        .sorted { $0.1.remainingSeconds < $1.1.remainingSeconds }
        guard row + 2 <= inner.height, !others.isEmpty else { return }
        row += 1
        canvas.text("Most urgent elsewhere", in: inner, row: row, style: Style(.title, bold: true))
        row += 1
        for (id, timer) in others where row < inner.height {
            let text =
                "\(Formatting.timerSymbol(timer, canvas.symbols)) \(id) \(timer.name) \(Formatting.timerText(timer))"
            canvas.text(canvas.fit(text, inner.width), in: inner, row: row, style: Formatting.timerStyle(timer))
            row += 1
        }
    }

    private static func drawTimer(
        _ timer: TimerStatus, in inner: Rect, row: Int, nameWidth: Int, now: Date, _ canvas: inout Canvas
    ) {
        let style = Formatting.timerStyle(timer)
        let label = "\(Formatting.timerSymbol(timer, canvas.symbols)) \(CharacterWidth.pad(timer.name, nameWidth))"
        var col = canvas.text(label, in: inner, row: row, style: style) - inner.x + 1
        let status = Formatting.timerText(timer)
        let due = "due \(Formatting.due(timer.due, now: now))" + (timer.clock == .business ? " biz" : "")
        let barWidth = inner.width - col - CharacterWidth.of(status) - CharacterWidth.of(due) - 3
        if barWidth >= 6 {
            let fraction: Double
            switch timer.state {
            case .pending:
                fraction =
                    timer.lengthSeconds > 0 ? 1 - Double(timer.remainingSeconds) / Double(timer.lengthSeconds) : 0
            case .breached, .metLate: fraction = 1
            case .met:
                fraction =
                    timer.lengthSeconds > 0 ? 1 - Double(timer.remainingSeconds) / Double(timer.lengthSeconds) : 1
            }
            col =
                canvas.text(canvas.bar(fraction, width: barWidth), in: inner, row: row, column: col, style: style)
                - inner.x + 1
        }
        col = canvas.text(status, in: inner, row: row, column: col, style: style) - inner.x + 1
        canvas.text(
            due, in: inner, row: row, column: max(col, inner.width - CharacterWidth.of(due)), style: Style(.dim))
    }
}
