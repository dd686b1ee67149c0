import Foundation
import IncidentKit

/// One incident in full: lifecycle, timers, escalation, the timeline with the journal line of
/// each event, and the signals that bear on it.
enum DetailOverlay {
    static func lines(for view: IncidentView, state: AppState, symbols: Symbols) -> [(String, Style)] {
        let i = view.incident
        var out: [(String, Style)] = []
        func add(_ s: String, _ style: Style = .normal) { out.append((s, style)) }
        add("\(i.severity)  \(i.title)", Style(.severity(rank: view.severityRank), bold: true))
        add(
            "State \(i.state.rawValue) · opened \(Timestamp.format(i.openedAt)) by \(i.openedBy ?? "?") · source \(i.source ?? "?")"
                + (i.runID.map { " · run \($0)" } ?? ""))
        add("Journal \(i.journal)", Style(.dim))
        if let ack = i.ack {
            add(
                "Acknowledged \(Timestamp.format(ack.at)) by \(ack.by ?? "?")"
                    + (ack.text.map { $0.isEmpty ? "" : ": \($0)" } ?? ""), Style(.ok))
        }
        if let m = i.mitigation {
            add(
                "Mitigated \(Timestamp.format(m.at)) by \(m.by ?? "?")"
                    + (m.text.map { $0.isEmpty ? "" : ": \($0)" } ?? ""), Style(.ok))
        }
        if let res = i.resolution {
            add("Resolved \(Timestamp.format(res.at)) by \(res.by ?? "?") · root cause: \(res.text ?? "?")", Style(.ok))
        }
        add("")
        add("Timeline against the SLA deadlines", Style(.title, bold: true))
        add(timelineMarker)
        add("")
        add("Timers", Style(.title, bold: true))
        if view.timers.isEmpty {
            if state.picture.policy.severity(named: i.severity) == nil {
                add(
                    "  " + SeverityPresetHint.warning(severity: i.severity, policy: state.picture.policy),
                    Style(.warning, bold: true))
            } else {
                add("  none for \(i.severity)", Style(.dim))
            }
        }
        for t in view.timers {
            add(
                "  \(Formatting.timerSymbol(t, symbols)) \(t.label ?? t.name): \(Formatting.timerText(t)) (due \(Timestamp.format(t.due))\(t.clock == .business ? ", business time" : ""))",
                Formatting.timerStyle(t))
        }
        let e = view.escalation
        add(
            "Escalation: at L\(e.recordedLevel), due L\(e.dueLevel)"
                + (e.nextLevelAt.map { ", L\(e.nextLevel ?? 0) at \(Timestamp.format($0))" } ?? ""),
            e.isOverdue ? Style(.breached, bold: true) : .normal)
        add("")
        add("Timeline (\(Plural.count(i.eventCount, "event")))", Style(.title, bold: true))
        if i.isCompact {
            let recalled = state.recalled?.incident.id == i.id
            add(
                recalled
                    ? "  kept on disk and could not be read back: \(i.journal) was rotated or rewritten since"
                    : "  kept on disk; reading it back…", Style(.dim))
        }
        for event in i.timeline {
            let who = event.string("ack_by", "by") ?? ""
            let text = event.string("message", "notes", "root_cause", "reason", "title", "step", "status") ?? ""
            let at = event.ts.map { Timestamp.format($0) } ?? "?"
            add("  \(at)  \(event.type)\(who.isEmpty ? "" : " by \(who)")\(text.isEmpty ? "" : ": \(text)")")
            add("      \(event.journal):\(event.line)", Style(.dim))
        }
        let related = state.picture.signals.filter { signal in
            (i.source == signal.source && (i.timeline.first?.string("subject") ?? signal.subject) == signal.subject)
                || (i.runID.map { run in signal.subject.hasPrefix(run + "/") || signal.subject == run } ?? false)
        }
        if !related.isEmpty {
            add("")
            add("Signals and evidence", Style(.title, bold: true))
            for signal in related {
                add(
                    "  \(signal.severity) \(signal.message)",
                    Style(.severity(rank: state.picture.policy.rank(of: signal.severity))))
                for evidence in signal.evidence { add("      \(evidence)", Style(.dim)) }
            }
        }
        return out
    }

    /// The content as screen rows: long lines wrapped to the width (a continuation indented
    /// like its line), so nothing is cut.
    static func rows(for view: IncidentView, state: AppState, width: Int, symbols: Symbols) -> [(String, Style)] {
        var out: [(String, Style)] = []
        for (text, style) in lines(for: view, state: state, symbols: symbols) {
            if text == timelineMarker {
                let labelWidth = min(10, view.timers.map { CharacterWidth.of($0.name) }.max().map { max($0, 9) } ?? 9)
                let barWidth = max(10, min(60, width - labelWidth - 4))
                for row in TimelineBar.rows(view, now: state.now, width: barWidth, symbols: symbols) {
                    out.append(("  " + CharacterWidth.pad(row.label, labelWidth) + " " + row.cells, row.style))
                    out.append(("  " + String(repeating: " ", count: labelWidth + 1) + row.note, Style(.dim)))
                }
                continue
            }
            out += wrapped(text, style, width: width)
        }
        return out
    }

    /// One line as screen rows: a continuation is indented two past its line, so a wrapped event
    /// stays one event.
    static func wrapped(_ text: String, _ style: Style, width: Int) -> [(String, Style)] {
        let indent = String(repeating: " ", count: min(width / 2, text.prefix { $0 == " " }.count + 2))
        return WizardLines.wrap(text, width: width - indent.count).enumerated().map { i, line in
            (i == 0 ? line : indent + line, style)
        }
    }

    static let timelineMarker = "\u{0}timeline-bar"

    static func geometry(_ state: AppState) -> Rect {
        Screen.overlayRect(state, width: max(60, state.width - 6), height: state.height - 2)
    }

    /// How far the text can scroll: to its last row at the bottom of the box.
    static func maxScroll(_ state: AppState, incident id: String) -> Int {
        guard let view = state.detailView(id) else { return 0 }
        let r = geometry(state)
        let rows = rows(for: view, state: state, width: r.width - 3, symbols: state.ascii ? .ascii : .unicode)
        return max(0, rows.count - (r.height - 2))
    }

    static func draw(_ state: AppState, incident id: String, scroll: Int, _ canvas: inout Canvas) {
        guard let view = state.detailView(id) else { return }
        let r = geometry(state)
        drawScrolled(
            rows(for: view, state: state, width: r.width - 3, symbols: canvas.symbols), title: "Incident \(id)",
            in: r, scroll: scroll, &canvas)
    }

    /// Rows in a focused box from `scroll`, with the position in the border when they overflow.
    static func drawScrolled(
        _ content: [(String, Style)], title: String, in r: Rect, scroll: Int, _ canvas: inout Canvas
    ) {
        let height = max(0, r.height - 2)
        let first = min(scroll, max(0, content.count - height))
        let position =
            content.count > height ? "\(first + 1)-\(min(first + height, content.count)) of \(content.count)" : nil
        let inner = canvas.box(r, title: title, focused: true, right: position)
        for (row, line) in content[first...].prefix(inner.height).enumerated() {
            canvas.text(canvas.fit(line.0, inner.width - 1), in: inner, row: row, column: 1, style: line.1)
        }
    }
}
