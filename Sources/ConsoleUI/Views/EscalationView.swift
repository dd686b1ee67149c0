import Foundation
import IncidentKit

/// The ladder for the selected incident: recorded and due level, contacts, time until the next
/// level falls due, and the criteria for going up.
enum EscalationView {
    static func draw(_ state: AppState, _ r: Rect, _ canvas: inout Canvas) {
        let inner = canvas.box(r, title: "Escalation")
        guard inner.height > 0 else { return }
        guard let view = state.selectedIncident else {
            canvas.text("No incident selected.", in: inner, row: 0, style: Style(.dim))
            return
        }
        let policy = state.picture.policy
        let e = view.escalation
        var row = 0
        var summary = "At L\(e.recordedLevel)"
        if e.isOverdue { summary += ", due L\(e.dueLevel) — escalate (\(state.keys.label(.escalate)))" }
        canvas.text(
            canvas.fit(summary, inner.width), in: inner, row: row,
            style: Style(e.isOverdue ? .breached : .normal, bold: true))
        row += 1
        if let next = e.nextLevelAt, let level = e.nextLevel {
            canvas.text(
                canvas.fit(
                    "L\(level) due in \(SpanFormat.short(CheckedNumber.int(clamping: next.timeIntervalSince(state.now)))) (\(Formatting.due(next, now: state.now)))",
                    inner.width),
                in: inner, row: row, style: Style(.warning))
            row += 1
        }
        let levels =
            policy.levels.isEmpty
            ? [EscalationLevel(level: 1, name: "no ladder in policy \(policy.name)")] : policy.levels
        for level in levels where row < inner.height {
            let marker: String
            var style = Style(.normal)
            if level.level == e.recordedLevel {
                marker = canvas.symbols.selected
                style = Style(.ok, bold: true)
            } else if level.level <= e.dueLevel && level.level > e.recordedLevel {
                marker = "!"
                style = Style(.breached, bold: true)
            } else {
                marker = " "
                if level.level > max(e.recordedLevel, e.dueLevel) { style = Style(.dim) }
            }
            let contacts = level.contacts.isEmpty ? "" : " — " + level.contacts.joined(separator: ", ")
            canvas.text(
                canvas.fit("\(marker) L\(level.level) \(level.name)\(contacts)", inner.width), in: inner, row: row,
                style: style)
            row += 1
            let showCriteria = level.level == max(e.recordedLevel, e.dueLevel) + 1 || level.level == e.nextLevel
            if showCriteria, !level.criteria.isEmpty, row < inner.height {
                canvas.text(
                    canvas.fit("    when: \(level.criteria.joined(separator: "; "))", inner.width), in: inner, row: row,
                    style: Style(.dim))
                row += 1
            }
        }
    }
}
