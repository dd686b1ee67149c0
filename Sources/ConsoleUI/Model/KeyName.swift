/// Key names as written in the config file and shown in the footer and help: a single
/// character (`a`, `R`, `/`), `ctrl-x`, `f1`..`f12`, or one of the names below.
public enum KeyName {
    static let named: [(String, Key)] = [
        ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("home", .home), ("end", .end),
        ("pgup", .pageUp), ("pageup", .pageUp), ("pgdn", .pageDown), ("pagedown", .pageDown), ("enter", .enter),
        ("return", .enter), ("esc", .escape), ("escape", .escape), ("tab", .tab), ("shift-tab", .backTab),
        ("backtab", .backTab), ("backspace", .backspace), ("ctrl-h", .backspace), ("delete", .delete),
        ("space", .char(" ")),
    ]

    public static func parse(_ text: String) -> Key? {
        if text.count == 1, let c = text.first, !c.isWhitespace || c == " " { return .char(c) }
        let lower = text.lowercased()
        if let hit = named.first(where: { $0.0 == lower }) { return hit.1 }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter, c.isASCII {
            return c == "i" ? .tab : c == "m" || c == "j" ? .enter : .ctrl(c)
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
        return nil
    }

    public static func display(_ key: Key) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .function(let n): return "F\(n)"
        }
    }
}
