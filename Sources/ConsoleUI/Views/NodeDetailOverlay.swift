import Foundation
import IncidentKit

/// One node in full: health and why, freshness against its own cycle, and the runner log's last
/// cycle (OpenMeshMind's `node_runner.log`), which says which step failed and what it printed.
enum NodeDetailOverlay {
    static func lines(for view: NodeView, state: AppState) -> [(String, Style)] {
        let node = view.node
        var out: [(String, Style)] = []
        func add(_ s: String, _ style: Style = .normal) { out.append((s, style)) }
        add("\(node.id)  \(node.health.rawValue)\(view.stale ? " · STALE" : "")", Style(.title, bold: true))
        add("File \(node.path)", Style(.dim))
        let seen = node.lastHeartbeat.map {
            "\(Timestamp.format($0)) (\(Formatting.age(state.now.timeIntervalSince($0))) ago)"
        }
        add("Last seen \(seen ?? "never")" + (node.cycleInterval.map { " · cycles every \(Formatting.age($0))" } ?? ""))
        if let uptime = node.uptimeRatio { add(String(format: "Uptime %.1f%%", uptime * 100)) }
        if let ok = node.lastCycleOK {
            add("Last cycle \(ok ? "ok" : "FAILED")", ok ? Style(.ok) : Style(.breached, bold: true))
        }
        if let error = node.lastError, !error.isEmpty { add("Last error: \(error)", Style(.breached)) }
        if let step = node.failingSmokeStep { add("Failing smoke step: \(step)", Style(.warning)) }
        add("")
        if view.lastCycleLog.isEmpty {
            add("No runner log lines for this node.", Style(.dim))
        } else {
            add("Last cycle (runner log)", Style(.title, bold: true))
            for line in view.lastCycleLog { add("  " + line) }
        }
        return out
    }

    static func rows(for view: NodeView, state: AppState, width: Int) -> [(String, Style)] {
        lines(for: view, state: state).flatMap { text, style in
            let indent = String(repeating: " ", count: min(width / 2, text.prefix { $0 == " " }.count + 2))
            return WizardLines.wrap(text, width: width - indent.count).enumerated().map { i, line in
                (i == 0 ? line : indent + line, style)
            }
        }
    }

    static func draw(_ state: AppState, node id: String, scroll: Int, _ canvas: inout Canvas) {
        guard let view = state.picture.nodes.first(where: { $0.node.id == id }) else { return }
        let r = DetailOverlay.geometry(state)
        let content = rows(for: view, state: state, width: r.width - 3)
        let height = max(0, r.height - 2)
        let first = min(scroll, max(0, content.count - height))
        let position =
            content.count > height ? "\(first + 1)-\(min(first + height, content.count)) of \(content.count)" : nil
        let inner = canvas.box(r, title: "Node \(id)", focused: true, right: position)
        for (row, line) in content[first...].prefix(inner.height).enumerated() {
            canvas.text(canvas.fit(line.0, inner.width - 1), in: inner, row: row, column: 1, style: line.1)
        }
    }
}
