/// A colour in a theme: the terminal's own (foreground or background), or an index into the
/// xterm palette (0-7 the basic colours, 8-15 their bright forms, 16-255 the 256-colour cube and
/// grey ramp). A terminal with fewer colours gets the nearest one it has.
public enum ThemeColor: Equatable, Hashable, Sendable {
    case terminal
    case index(Int)

    static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `default`, a basic name, `bright-NAME`, or a number 0-255.
    public static func parse(_ text: String) -> ThemeColor? {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if name == "default" || name == "terminal" { return .terminal }
        if let i = basicNames.firstIndex(of: name) { return .index(i) }
        if name.hasPrefix("bright-"), let i = basicNames.firstIndex(of: String(name.dropFirst(7))) {
            return .index(i + 8)
        }
        if let n = Int(name), (0...255).contains(n) { return .index(n) }
        return nil
    }

    /// The colour to ask for on a terminal with `available` colours (8, 16, 256 or more):
    /// the same index when the terminal has it, else the nearest by the xterm palette's RGB.
    public func downgraded(toColors available: Int) -> ThemeColor {
        guard case .index(let n) = self, n >= available else { return self }
        if n < 16, available >= 8 { return .index(n - 8) }
        let target = ThemeColor.rgb(n)
        let candidates = 0..<min(max(available, 8), 16)
        let best = candidates.min {
            ThemeColor.distance(ThemeColor.rgb($0), target) < ThemeColor.distance(ThemeColor.rgb($1), target)
        }
        return .index(best ?? 7)
    }

    /// The curses colour number: -1 for the terminal's own.
    public var cursesNumber: Int16 {
        switch self {
        case .terminal: return -1
        case .index(let n): return Int16(n)
        }
    }

    private static let sixteen: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
        (0, 255, 255), (255, 255, 255),
    ]

    static func rgb(_ n: Int) -> (Int, Int, Int) {
        if n < 16 { return sixteen[n] }
        if n >= 232 {
            let grey = 8 + 10 * (n - 232)
            return (grey, grey, grey)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let i = n - 16
        return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
