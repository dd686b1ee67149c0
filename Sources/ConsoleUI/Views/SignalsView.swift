import Foundation
import IncidentKit

/// Signals from the detectors, most severe first, with how long they have stood.
enum SignalsView {
    static func draw(_ state: AppState, _ r: Rect, _ canvas: inout Canvas) {
        let signals = state.picture.signals
        let covered = state.picture.coveredSignalKeys
        let uncovered = signals.reduce(0) { $0 + (Picture.isCovered($1, by: covered) ? 0 : 1) }
        let inner = canvas.box(
            r, title: "Signals (\(signals.count))", focused: state.focus == .signals,
            right: uncovered == 0 ? nil : "\(uncovered) without incident")
        guard inner.height > 0 else { return }
        if !state.picture.artifactsFound {
            canvas.text(
                "No artifacts found under this root: nothing is known (check --root).", in: inner, row: 0,
                style: Style(.warning, bold: true))
            return
        }
        if signals.isEmpty {
            canvas.text("No signals: every detector is quiet.", in: inner, row: 0, style: Style(.ok))
            return
        }
        let first = max(0, min(state.signalIndex - inner.height / 2, signals.count - inner.height))
        for (row, index) in signals.indices[first...].prefix(inner.height).enumerated() {
            let signal = signals[index]
            let rank = state.picture.policy.rank(of: signal.severity)
            let selected = state.focus == .signals && index == state.signalIndex
            if selected {
                canvas.grid.fill(x: inner.x, y: inner.y + row, width: inner.width, height: 1, style: Style(.selection))
            }
            let since = signal.since.map { Formatting.age(state.now.timeIntervalSince($0)) } ?? ""
            let mark = Picture.isCovered(signal, by: covered) ? "[incident] " : ""
            canvas.columns(
                [
                    (
                        SeverityMark.symbol(rank: rank, ascii: canvas.grid.ascii), canvas.grid.ascii ? 3 : 1,
                        Style(.severity(rank: rank), bold: true, reverse: selected)
                    ),
                    (signal.severity, 8, Style(.severity(rank: rank), bold: true, reverse: selected)),
                    (since, 6, Style(.dim, reverse: selected)),
                    (mark + signal.message, inner.width, Style(.normal, reverse: selected)),
                ], in: inner, row: row)
        }
    }
}
