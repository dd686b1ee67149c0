import Foundation
import IncidentKit

enum HeaderView {
    static func draw(_ state: AppState, _ layout: Layout, _ canvas: inout Canvas) {
        let r = layout.header
        canvas.grid.fill(x: r.x, y: r.y, width: r.width, height: 1, style: Style(.header))
        let p = state.picture
        let zone = state.localTimeZone
        let utc = Formatting.clock(p.now, in: .gmt) + "Z"
        let freshness = "data \(Formatting.age(p.now.timeIntervalSince(state.dataChangedAt)))"
        let active = p.activeIncidents
        let breached = active.filter(\.hasBreach).count
        let breachText =
            r.width >= 120
            ? " \(canvas.symbols.breached)\(breached) breached" : " \(canvas.symbols.breached)\(breached)"
        let counts = "\(active.count) active" + (breached > 0 ? breachText : "")
        let separator = " \(canvas.symbols.vertical) "
        // In display order, each with the rank it keeps when the line is too narrow (0 first).
        var parts: [(text: String, rank: Int)] = [
            (" Sitrep", 0), (p.policy.name, 2), ("op \(state.operatorName)", 1), (utc, 1),
            (freshness, 3), ("root \(abbreviatedRoot(p.root))", 6),
        ]
        // The local clock only when it says something the UTC one does not (and only then is
        // ICU asked for the zone's name).
        if zone.secondsFromGMT(for: p.now) != 0 {
            parts.insert(("\(Formatting.clock(p.now, in: zone)) \(zone.abbreviation(for: p.now) ?? "")", 5), at: 4)
        }
        if state.readOnly { parts.insert(("READ-ONLY", 0), at: 1) }
        if let loading = state.loading { parts.insert((loading, 1), at: 1) }
        if p.filesWithoutDescriptor > 0 {
            parts.insert(("OUT OF FILE DESCRIPTORS: \(p.filesWithoutDescriptor) files unread", 0), at: 1)
        }
        let rightWidth = CharacterWidth.of(counts) + 1
        let available = r.width - rightWidth - 1
        var kept = Set<Int>()
        for index in parts.indices.sorted(by: { parts[$0].rank < parts[$1].rank }) {
            let candidate = parts.indices.filter { kept.contains($0) || $0 == index }.map { parts[$0].text }
            if CharacterWidth.of(candidate.joined(separator: separator)) <= available || kept.isEmpty {
                kept.insert(index)
            }
        }
        let shown = parts.indices.filter(kept.contains).map { parts[$0].text }
        canvas.grid.put(
            canvas.fit(shown.joined(separator: separator), available), x: 0, y: r.y, style: Style(.header, bold: true))
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

    /// Read once: the environment is copied whole at each `ProcessInfo.environment`.
    private static let home = ProcessInfo.processInfo.environment["HOME"] ?? ""

    static func abbreviatedRoot(_ root: String) -> String {
        if !home.isEmpty, home != "/", root.hasPrefix(home) { return "~" + root.dropFirst(home.count) }
        return root
    }
}
