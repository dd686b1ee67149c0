import ConsoleUI
import IncidentKit

extension FuzzTarget {
    /// Arbitrary bytes as artifact text: the sanitiser leaves nothing a terminal acts on, and the
    /// grid stores only sanitised text, keeps every row exactly its width and never writes past
    /// the limit it was given.
    public static let sanitizer = FuzzTarget(name: "sanitizer", summary: "TextSanitizer and Grid.put") {
        bytes throws(FuzzViolation) in
        let text = String(decoding: bytes, as: UTF8.self)
        for ascii in [false, true] {
            let clean = TextSanitizer.clean(text, ascii: ascii)
            if let bad = clean.unicodeScalars.first(where: { TerminalSafety.isUnsafe($0, ascii: ascii) }) {
                throw FuzzViolation("sanitised text keeps U+\(String(bad.value, radix: 16))")
            }
            let x = bytes.first.map { Int($0 % 24) - 2 } ?? 0
            let limit = 6 + (bytes.last.map { Int($0 % 14) } ?? 0)
            var grid = Grid(width: 16, height: 2, ascii: ascii)
            grid.put("|", x: 15, y: 0)
            let end = grid.put(text, x: x, y: 0, limit: limit)
            guard end <= max(x, limit) else { throw FuzzViolation("put reports column \(end) past limit \(limit)") }
            guard grid[15, 0].text == "|" || limit > 15 else { throw FuzzViolation("put wrote past its limit") }
            for row in 0..<grid.height {
                var columns = 0
                for col in 0..<grid.width {
                    let cell = grid[col, row]
                    if let bad = cell.text.unicodeScalars.first(where: { TerminalSafety.isUnsafe($0, ascii: ascii) }) {
                        throw FuzzViolation("cell (\(col),\(row)) holds U+\(String(bad.value, radix: 16))")
                    }
                    if cell.isContinuation {
                        guard col > 0, CharacterWidth.of(grid[col - 1, row].text) == 2 else {
                            throw FuzzViolation("orphan right half at (\(col),\(row))")
                        }
                    } else {
                        columns += max(1, CharacterWidth.of(cell.text))
                    }
                }
                guard columns == grid.width else { throw FuzzViolation("row \(row) spans \(columns) columns") }
            }
        }
    }
}

/// Scalars that must never reach the terminal from file content.
enum TerminalSafety {
    static func isUnsafe(_ scalar: Unicode.Scalar, ascii: Bool) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C: return true
        default: return ascii && scalar.value > 0x7E
        }
    }
}
