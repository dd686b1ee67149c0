import Foundation
import IncidentKit

/// Node health and freshness, then reconciliation streaks and pass rates, data quality and the
/// clean cycles since the last breach.
enum NodesView {
    static func draw(_ state: AppState, _ r: Rect, _ canvas: inout Canvas) {
        let p = state.picture
        let bad = p.nodes.reduce(0) { $0 + ($1.stale || $1.node.health != .ok ? 1 : 0) }
        let inner = canvas.box(
            r, title: "Nodes (\(p.nodes.count)) & data", focused: state.focus == .nodes,
            right: bad > 0 ? "\(bad) need attention" : nil)
        guard inner.height > 0 else { return }
        // Lines are only formatted for the visible window: a root with a thousand nodes and
        // hundreds of runs must not cost a thousand formatted strings per frame.
        let ascii = canvas.grid.ascii
        let sparkWidth = inner.width >= 60 ? 16 : inner.width >= 40 ? 8 : 4
        func spark(_ values: [Double], low: Double? = nil, high: Double? = nil) -> String {
            values.count < 2 ? "" : " " + Sparkline.draw(values, width: sparkWidth, low: low, high: high, ascii: ascii)
        }
        // Uptime from 80% (or lower, if it went lower) to 100%: a dip below a 90% target shows.
        func uptimeSpark(_ values: [Double]) -> String { spark(values, low: min(0.8, values.min() ?? 0.8), high: 1) }
        // Errors from none: a clean run of cycles stays on the floor.
        func errorSpark(_ values: [Double]) -> String { spark(values, low: 0, high: max(1, values.max() ?? 1)) }
        func nodeLine(_ index: Int) -> (String, Style, Bool) {
            let view = p.nodes[index]
            let node = view.node
            let seen = node.lastHeartbeat.map { Formatting.age(p.now.timeIntervalSince($0)) } ?? "never"
            // A narrow pane (80 columns) keeps the uptime and its sparkline in sight: shorter
            // columns, no "up".
            let narrow = inner.width < 50
            var text =
                "\(CharacterWidth.pad(node.id, narrow ? 6 : 12)) \(CharacterWidth.pad(view.stale ? "STALE" : node.health.rawValue, 9)) \(CharacterWidth.padLeft(seen, narrow ? 5 : 6))"
            if let uptime = node.uptimeRatio {
                text +=
                    String(format: narrow ? " %.1f%%" : " up %.1f%%", uptime * 100)
                    + uptimeSpark(p.trends.values(.uptime, node.path))
            }
            if let step = node.failingSmokeStep { text += " smoke:\(step)" }
            let style: Style =
                view.stale || node.health == .unhealthy
                ? Style(.breached, bold: true)
                : node.health == .degraded ? Style(.warning) : node.health == .ok ? Style(.ok) : Style(.dim)
            return (
                (view.stale ? canvas.symbols.stale : " ") + text, style,
                state.focus == .nodes && index == state.nodeIndex
            )
        }
        func reconciliationLine(_ recon: ReconciliationSummary) -> (String, Style, Bool) {
            var text = "recon \(recon.runID)/\(recon.kind):"
            // Each recent record, passed high and mismatched low: the pattern at a glance.
            text += spark(p.trends.values(.reconciliation, recon.path), low: 0, high: 1)
            text += " streak \(recon.streak)"
            if let rate = recon.passRate { text += String(format: ", pass %.1f%%", rate * 100) }
            text += ", \(recon.cleanSinceMismatch) clean since last mismatch"
            return (text, recon.streak > 0 ? Style(.warning) : Style(.normal), false)
        }
        func dataQualityLine(_ dq: DataQualityReading) -> (String, Style, Bool) {
            let text =
                "data quality \(dq.runID):\(errorSpark(p.trends.values(.dataQualityErrors, dq.runID))) "
                + "\(dq.errors ?? 0) errors, \(dq.staleWarnings ?? 0) stale"
            let style =
                (dq.errors ?? 0) > 0 ? Style(.breached) : (dq.staleWarnings ?? 0) > 0 ? Style(.warning) : Style(.normal)
            return (text, style, false)
        }
        var lines: [(String, Style, Bool)] = []
        if let gateway = p.gateway {
            let engaged = gateway.isEngaged(at: p.now)
            lines.append(
                (
                    engaged ? "gateway: HALTED (\(gateway.reason ?? "kill switch"))" : "gateway: trading enabled",
                    engaged ? Style(.breached, bold: true) : Style(.ok), false
                ))
        }
        if !p.warnings.isEmpty {
            lines.append(("\(p.warnings.count) file warning(s), latest last:", Style(.warning), false))
            for warning in p.warnings.suffix(3) {
                lines.append((warningLine(warning, width: inner.width), Style(.warning), false))
            }
        }
        // Nodes, reconciliations and data quality are formatted only when in sight.
        let reconciliationsEnd = p.nodes.count + p.reconciliations.count
        let fixed = reconciliationsEnd + p.dataQuality.count
        if fixed + lines.count == 0 { lines.append(("No node or data artifacts under the root.", Style(.dim), false)) }
        let total = fixed + lines.count
        let selectedLine = state.focus == .nodes && p.nodes.indices.contains(state.nodeIndex) ? state.nodeIndex : 0
        let first = max(0, min(selectedLine - inner.height / 2, total - inner.height))
        for (row, index) in (first..<total).prefix(inner.height).enumerated() {
            let line =
                index < p.nodes.count
                ? nodeLine(index)
                : index < reconciliationsEnd
                    ? reconciliationLine(p.reconciliations[index - p.nodes.count])
                    : index < fixed ? dataQualityLine(p.dataQuality[index - reconciliationsEnd]) : lines[index - fixed]
            var style = line.1
            if line.2 {
                canvas.grid.fill(x: inner.x, y: inner.y + row, width: inner.width, height: 1, style: Style(.selection))
                style.reverse = true
            }
            canvas.text(canvas.fit(line.0, inner.width), in: inner, row: row, style: style)
        }
    }

    /// A warning that keeps its file name and line number in sight in a narrow pane: a long
    /// path loses its start, the message its end.
    static func warningLine(_ warning: ArtifactWarning, width: Int) -> String {
        let place = warning.line.map { "\(warning.path):\($0)" } ?? warning.path
        return " " + CharacterWidth.fitKeepingEnd(place, max(12, width * 2 / 3)) + ": " + warning.message
    }
}
