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

    /// The node's content as screen rows in the overlay's width; nil when the node is gone.
    static func rows(_ state: AppState, node id: String) -> [(String, Style)]? {
        guard let view = state.picture.nodes.first(where: { $0.node.id == id }) else { return nil }
        let width = DetailOverlay.geometry(state).width - 3
        return lines(for: view, state: state).flatMap { DetailOverlay.wrapped($0, $1, width: width) }
    }

    /// How far the text can scroll: to its last row at the bottom of the box.
    static func maxScroll(_ state: AppState, node id: String) -> Int {
        max(0, (rows(state, node: id)?.count ?? 0) - (DetailOverlay.geometry(state).height - 2))
    }

    static func draw(_ state: AppState, node id: String, scroll: Int, _ canvas: inout Canvas) {
        guard let rows = rows(state, node: id) else { return }
        DetailOverlay.drawScrolled(
            rows, title: "Node \(id)", in: DetailOverlay.geometry(state), scroll: scroll, &canvas)
    }
}
