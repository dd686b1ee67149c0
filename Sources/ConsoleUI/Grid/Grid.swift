import IncidentKit

/// One terminal cell: a grapheme (empty for the right half of a wide one) and its style.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", _ style: Style = .normal) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    /// The right half of a double-width grapheme.
    public var isContinuation: Bool { text.isEmpty }
}

/// An in-memory screen. Views draw here; the backend copies changed cells to the terminal and
/// tests read it back as text. Every string is sanitised on the way in, so nothing drawn can
/// carry a control sequence to the terminal.
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let ascii: Bool
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, ascii: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.ascii = ascii
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text from column `x`, clipped at `limit` (exclusive, default the right edge).
    /// Returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(limit ?? width, width)
        if Grid.isOneCellEach(text, ascii: ascii) { return putOneCellEach(text, x: x, y: y, style: style, end: end) }
        return putGraphemes(text, x: x, y: y, style: style, end: end)
    }

    /// `put` for any text: sanitised, then a grapheme at a time with its width.
    mutating func putGraphemes(_ text: String, x: Int, y: Int, style: Style, end: Int) -> Int {
        var col = x
        for ch in TextSanitizer.clean(text, ascii: ascii) {
            let w = CharacterWidth.of(ch)
            if w == 0 {
                // A mark joins the grapheme drawn last; after a wide one that is two cells back,
                // since the continuation cell must stay empty.
                var target = col - 1
                if target > 0, target < width, self[target, y].isContinuation { target -= 1 }
                if target >= 0, target < end { self[target, y].text.append(ch) }
                continue
            }
            if col + w > end { break }
            if col >= 0 {
                clearWide(x: col, y: y)
                self[col, y] = Cell(String(ch), style)
                if w == 2 {
                    clearWide(x: col + 1, y: y)
                    self[col + 1, y] = Cell("", style)
                }
            }
            col += w
        }
        return col
    }

    /// Text that is one cell a scalar as drawn: in ASCII mode only printable ASCII (the rest is
    /// replaced on the way in).
    static func isOneCellEach(_ text: String, ascii: Bool) -> Bool {
        TextSanitizer.isPrintableASCII(text) || (!ascii && CharacterWidth.isOneCellEach(text))
    }

    /// `put` for text that is one cell a scalar: no sanitising, widths or marks to work out.
    private mutating func putOneCellEach(_ text: String, x: Int, y: Int, style: Style, end: Int) -> Int {
        var col = x
        for scalar in text.unicodeScalars {
            if col + 1 > end { break }
            if col >= 0 {
                clearWide(x: col, y: y)
                self[col, y] = Cell(String(scalar), style)
            }
            col += 1
        }
        return col
    }

    /// Overwriting half of a wide grapheme blanks its other half.
    private mutating func clearWide(x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(" ", self[x - 1, y].style) }
        if x + 1 < width, self[x + 1, y].isContinuation, !self[x, y].isContinuation {
            self[x + 1, y] = Cell(" ", self[x + 1, y].style)
        }
    }

    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .normal, text: String = " ") {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) { self[col, row] = Cell(text, style) }
        }
    }

    /// The grid as lines of text (continuation cells dropped, trailing blanks trimmed).
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for col in 0..<width where !self[col, row].isContinuation { line += self[col, row].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }
}
