import Foundation
import IncidentKit

enum HeaderView {
    static func draw(_ state: AppState, _ layout: Layout, _ canvas: inout Canvas) {
        let r = layout.header
        canvas.grid.fill(x: r.x, y: r.y, width: r.width, height: 1, style: Style(.header))
        let p = state.picture
        let zone = state.localTimeZone
        let local = "\(Formatting.clock(p.now, in: zone)) \(zone.abbreviation(for: p.now) ?? "")"
        let utc = Formatting.clock(p.now, in: TimeZone(identifier: "UTC")!) + "Z"
        let freshness = "data \(Formatting.age(p.now.timeIntervalSince(state.dataChangedAt))) ago"
        let active = p.activeIncidents
        let breached = active.filter(\.hasBreach).count
        let counts = "\(active.count) active" + (breached > 0 ? " \(canvas.symbols.breached)\(breached) breached" : "")
        let sep = "  \(canvas.symbols.vertical)  "
        // Most important first; later parts are dropped when the line is too narrow.
        var parts = [
            " Sitrep", utc, freshness, p.policy.name, "op \(state.operatorName)", local,
            "root \(abbreviatedRoot(p.root))",
        ]
        if state.readOnly { parts.insert("READ-ONLY", at: 1) }
        if let loading = state.loading { parts.insert(loading, at: 1) }
        let rightWidth = CharacterWidth.of(counts) + 1
        let available = r.width - rightWidth - 1
        var shown: [String] = []
        for part in parts {
            let candidate = (shown + [part]).joined(separator: sep)
            if CharacterWidth.of(candidate) <= available || shown.isEmpty { shown.append(part) }
        }
        let order = [
            " Sitrep", "READ-ONLY", state.loading ?? "", p.policy.name, "op \(state.operatorName)", utc, local,
            freshness,
        ]
        shown.sort { (order.firstIndex(of: $0) ?? 99) < (order.firstIndex(of: $1) ?? 99) }
        canvas.grid.put(
            canvas.fit(shown.joined(separator: sep), available), x: 0, y: r.y, style: Style(.header, bold: true))
        canvas.grid.put(
            counts, x: r.width - rightWidth, y: r.y,
            style: Style(breached > 0 ? .breached : .header, bold: true, reverse: breached > 0))
        if let banner = layout.banner, let gateway = p.gateway {
            canvas.grid.fill(x: 0, y: banner.y, width: banner.width, height: 1, style: Style(.banner, reverse: true))
            var text = " \(canvas.symbols.breached) HALTED (kill switch): \(gateway.reason ?? "engaged")"
            if let until = gateway.haltedUntil { text += " until \(Formatting.due(until, now: p.now))" }
            canvas.grid.put(
                canvas.fit(text, banner.width), x: 0, y: banner.y, style: Style(.banner, bold: true, reverse: true))
        }
    }

    static func abbreviatedRoot(_ root: String) -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        if !home.isEmpty, home != "/", root.hasPrefix(home) { return "~" + root.dropFirst(home.count) }
        return root
    }
}
