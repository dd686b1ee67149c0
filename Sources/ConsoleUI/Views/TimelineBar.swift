import Foundation
import IncidentKit

/// The detail view's picture of an incident's life: one track from its opening to now (or its
/// resolution) with where it was acknowledged, mitigated and resolved, and one bar per SLA
/// timer, filled up to the event that stopped it, with its deadline marked.
enum TimelineBar {
    struct Row {
        var label: String
        var cells: String
        var note: String
        var style: Style
    }

    static func rows(_ view: IncidentView, now: Date, width: Int, symbols: Symbols) -> [Row] {
        let i = view.incident
        let start = i.openedAt
        let last = i.resolution?.at ?? now
        let end = ([last] + view.timers.map(\.due)).max() ?? last
        let span = max(1, end.timeIntervalSince(start))
        let ascii = symbols.horizontal == "-"
        guard width >= 10 else { return [] }
        func column(_ t: Date) -> Int {
            min(width - 1, max(0, Int((t.timeIntervalSince(start) / span) * Double(width - 1))))
        }

        var track = Array(repeating: " ", count: width)
        for c in 0...column(last) { track[c] = symbols.horizontal }
        if i.resolution == nil { track[column(now)] = ascii ? ">" : "▸" }
        var marks = [(start, "O")]
        if let ack = i.ack { marks.append((ack.at, "A")) }
        if let m = i.mitigation { marks.append((m.at, "M")) }
        if let r = i.resolution { marks.append((r.at, "R")) }
        for (t, letter) in marks { track[column(t)] = letter }
        var rows = [
            Row(
                label: "lifecycle", cells: track.joined(),
                note: "O open A acked M mitigated R resolved, \(SpanFormat.short(Int(span))) across",
                style: Style(.normal))
        ]

        for timer in view.timers {
            let timerStart = timer.due.addingTimeInterval(-Double(timer.lengthSeconds))
            let stop =
                timer.stoppedAt
                ?? (timer.state == .met || timer.state == .metLate
                    ? timer.due.addingTimeInterval(-Double(timer.remainingSeconds)) : now)
            var cells = Array(repeating: " ", count: width)
            let from = column(max(start, timerStart))
            let to = column(stop)
            let deadline = column(timer.due)
            if from <= to {
                for c in from...to { cells[c] = c <= deadline ? symbols.barFull : (ascii ? "!" : "▓") }
            }
            if deadline > to {
                for c in (to + 1)...deadline { cells[c] = symbols.barEmpty }
            }
            cells[deadline] = symbols.vertical
            rows.append(
                Row(
                    label: timer.name, cells: cells.joined(),
                    note: timer.state == .met
                        ? "met, \(SpanFormat.short(timer.remainingSeconds)) before the deadline"
                        : Formatting.timerText(timer),
                    style: Formatting.timerStyle(timer)))
        }
        return rows
    }
}
