import Foundation
import IncidentKit

/// The active incidents: severity symbol and label, id, state, age, the next deadline, who
/// acknowledged, the escalation level, the title. The selected row is reversed.
enum IncidentsView {
    static func draw(_ state: AppState, _ r: Rect, _ canvas: inout Canvas) {
        let visible = state.visibleIncidents
        let total = state.listedIncidents.count
        var title =
            state.filter.isEmpty
            ? "Incidents (\(total))" : "Incidents (\(visible.count) of \(total), filter \"\(state.filter)\")"
        if state.sortKey != .severity { title += " by \(state.sortKey.rawValue)" }
        let resolved = state.picture.incidents.count - state.picture.activeIncidents.count
        let right =
            resolved == 0
            ? nil
            : state.showResolved
                ? "\(resolved) resolved shown" : "\(resolved) resolved (\(state.keys.label(.showResolved)) shows)"
        let inner = canvas.box(r, title: title, focused: state.focus == .incidents, right: right)
        guard inner.height > 0 else { return }
        if visible.isEmpty {
            canvas.text(
                !state.picture.artifactsFound
                    ? "No artifacts under \(state.picture.root): nothing is known (check --root)."
                    : total == 0
                        ? (state.showResolved ? "No incidents." : "No active incidents.")
                        : "No incident matches the filter (\(state.keys.label(.close)) clears it).", in: inner,
                row: 0,
                style: Style(.dim))
            return
        }
        // Worked out once: asked inside the search and for each row, it made a long resolved
        // list (H, then G) take seconds a frame.
        let selectedID = state.selectedIncident?.incident.id
        let selectedIndex = visible.firstIndex { $0.incident.id == selectedID } ?? 0
        let first = max(0, min(selectedIndex - inner.height / 2, visible.count - inner.height))
        let sevWidth = min(10, visible.map { CharacterWidth.of($0.incident.severity) }.max() ?? 4)
        let wide = inner.width >= 96
        // On narrow screens the title matters more than a long id: the id keeps its prefix and
        // its distinctive end and loses its middle, and the age column goes.
        let idWidth = min(wide ? 24 : 17, visible.map { CharacterWidth.of($0.incident.id) }.max() ?? 8)
        for (row, view) in visible[first...].prefix(inner.height).enumerated() {
            let i = view.incident
            let selected = view.incident.id == selectedID
            let sevStyle = Style(.severity(rank: view.severityRank), bold: true, reverse: selected)
            let base = Style(.normal, reverse: selected)
            if selected {
                canvas.grid.fill(x: inner.x, y: inner.y + row, width: inner.width, height: 1, style: Style(.selection))
            }
            var parts: [(String, Int, Style)] = [
                (
                    SeverityMark.symbol(rank: view.severityRank, ascii: canvas.grid.ascii), canvas.grid.ascii ? 3 : 1,
                    sevStyle
                ),
                (i.severity, sevWidth, sevStyle),
                (CharacterWidth.fitMiddle(i.id, idWidth, ellipsis: canvas.symbols.ellipsis), idWidth, base),
                (
                    Formatting.state(i.state), 5,
                    Style(i.state == .open ? .warning : .normal, bold: i.state == .open, reverse: selected)
                ),
            ]
            if wide { parts.append((Formatting.age(state.now.timeIntervalSince(i.openedAt)), 6, base)) }
            if let timer = view.mostUrgentTimer {
                let text =
                    "\(Formatting.timerSymbol(timer, canvas.symbols)) \(timer.name) "
                    + (timer.state == .breached
                        ? "+\(SpanFormat.short(-timer.remainingSeconds))" : SpanFormat.short(timer.remainingSeconds))
                var style = Formatting.timerStyle(timer)
                style.reverse = selected
                parts.append((text, 17, style))
            } else if view.timers.isEmpty, state.picture.policy.severity(named: i.severity) == nil {
                // Not silence: a severity the policy does not know has no timers at all.
                parts.append(("? unknown sev", 17, Style(.warning, bold: true, reverse: selected)))
            } else {
                parts.append(("", 17, base))
            }
            if wide { parts.append((i.ack?.by ?? "", 10, base)) }
            let e = view.escalation
            let level = e.isOverdue ? "L\(e.recordedLevel)\(canvas.symbols.arrow)\(e.dueLevel)!" : "L\(e.recordedLevel)"
            parts.append((level, 6, Style(e.isOverdue ? .breached : .normal, bold: e.isOverdue, reverse: selected)))
            let used = parts.reduce(0) { $0 + $1.1 + 1 }
            parts.append((i.title, max(0, inner.width - used), base))
            canvas.columns(parts, in: inner, row: row)
        }
        if visible.count > inner.height {
            let label = " \(first + 1)-\(min(first + inner.height, visible.count)) of \(visible.count) "
            canvas.grid.put(
                label, x: r.x + r.width - 2 - CharacterWidth.of(label), y: r.y + r.height - 1, style: Style(.border))
        }
    }
}
