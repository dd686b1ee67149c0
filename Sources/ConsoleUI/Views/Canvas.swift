import IncidentKit

/// Drawing helpers over a grid: boxes with titles, clipped text, bars.
struct Canvas {
    var grid: Grid
    let symbols: Symbols

    init(width: Int, height: Int, ascii: Bool) {
        grid = Grid(width: width, height: height, ascii: ascii)
        symbols = ascii ? .ascii : .unicode
    }

    /// Draws a box and returns its inner rectangle.
    @discardableResult
    mutating func box(_ r: Rect, title: String, focused: Bool = false, right: String? = nil) -> Rect {
        guard r.width >= 2, r.height >= 2 else { return Rect(x: r.x, y: r.y, width: 0, height: 0) }
        let border = Style(.border)
        grid.fill(x: r.x, y: r.y, width: r.width, height: r.height)
        grid.put(symbols.topLeft, x: r.x, y: r.y, style: border)
        grid.put(String(repeating: symbols.horizontal, count: r.width - 2), x: r.x + 1, y: r.y, style: border)
        grid.put(symbols.topRight, x: r.x + r.width - 1, y: r.y, style: border)
        for row in (r.y + 1)..<(r.y + r.height - 1) {
            grid.put(symbols.vertical, x: r.x, y: row, style: border)
            grid.put(symbols.vertical, x: r.x + r.width - 1, y: row, style: border)
        }
        grid.put(symbols.bottomLeft, x: r.x, y: r.y + r.height - 1, style: border)
        grid.put(
            String(repeating: symbols.horizontal, count: r.width - 2), x: r.x + 1, y: r.y + r.height - 1, style: border)
        grid.put(symbols.bottomRight, x: r.x + r.width - 1, y: r.y + r.height - 1, style: border)
        let label = " \(title) "
        let titleEnd = grid.put(
            CharacterWidth.fit(label, r.width - 4, ellipsis: symbols.ellipsis), x: r.x + 2, y: r.y,
            style: Style(.title, bold: true, reverse: focused))
        if let right {
            let text = " \(right) "
            let w = CharacterWidth.of(text)
            if r.x + r.width - 2 - w > titleEnd {
                grid.put(text, x: r.x + r.width - 2 - w, y: r.y, style: Style(.title))
            }
        }
        return Rect(x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2)
    }

    /// Writes text in a row of a rectangle, clipped to it; returns the next column.
    @discardableResult
    mutating func text(_ s: String, in r: Rect, row: Int, column: Int = 0, style: Style = .normal) -> Int {
        guard row >= 0, row < r.height else { return r.x + column }
        return grid.put(s, x: r.x + column, y: r.y + row, style: style, limit: r.x + r.width)
    }

    /// A row of cells from left to right, each clipped to its width.
    mutating func columns(_ parts: [(String, Int, Style)], in r: Rect, row: Int) {
        var col = 0
        for (s, w, style) in parts where col < r.width {
            let width = min(w, r.width - col)
            text(CharacterWidth.pad(s, width, ellipsis: symbols.ellipsis), in: r, row: row, column: col, style: style)
            col += width + 1
        }
    }

    func fit(_ s: String, _ w: Int) -> String { CharacterWidth.fit(s, w, ellipsis: symbols.ellipsis) }

    /// A progress bar of `width` cells, `fraction` of it full.
    func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let full = CheckedNumber.int(clamping: (min(max(fraction, 0), 1) * Double(width)).rounded())
        return String(repeating: symbols.barFull, count: full)
            + String(repeating: symbols.barEmpty, count: width - full)
    }
}
