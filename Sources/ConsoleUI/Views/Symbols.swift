/// Line drawing and status symbols, in Unicode or (under LANG=C or --ascii) plain ASCII.
public struct Symbols: Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public var breached, met, metLate, pending, selected, stale, barFull, barEmpty, arrow, ellipsis: String

    public static let unicode = Symbols(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        breached: "✖", met: "✔", metLate: "!", pending: "◷", selected: "▶", stale: "⌛", barFull: "█", barEmpty: "░",
        arrow: "→",
        ellipsis: "…")
    public static let ascii = Symbols(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        breached: "X", met: "v", metLate: "!", pending: "o", selected: ">", stale: "~", barFull: "#", barEmpty: ".",
        arrow: "->",
        ellipsis: "~")

    public static func forGrid(_ grid: Grid) -> Symbols { grid.ascii ? .ascii : .unicode }
}
