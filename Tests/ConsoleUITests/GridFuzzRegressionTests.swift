import Testing

@testable import ConsoleUI

/// Cases the sanitizer fuzz target found (input in Tests/FuzzTargetsTests/Corpus/sanitizer).
@Suite struct GridFuzzRegressionTests {
    /// Columns a row takes on a terminal: each non-continuation cell its grapheme's width.
    private func columns(_ grid: Grid, row: Int) -> Int {
        (0..<grid.width).reduce(0) { sum, col in
            grid[col, row].isContinuation ? sum : sum + max(1, CharacterWidth.of(grid[col, row].text))
        }
    }

    @Test func aMarkAfterAWideCharacterJoinsItAndKeepsTheContinuationEmpty() {
        var grid = Grid(width: 6, height: 1)
        grid.put("ク\u{301}x", x: 0, y: 0)
        #expect(grid[0, 0].text == "ク\u{301}")
        #expect(grid[1, 0].isContinuation)
        #expect(grid[2, 0].text == "x")
        #expect(columns(grid, row: 0) == 6)
    }

    @Test func aClusterStartingWithAPrependedMarkTakesTheWidthOfWhatItDraws() {
        // U+0600 (Arabic number sign) is a zero-width prepended mark: "\u{600}ク" is one grapheme
        // that a terminal draws two columns wide, and "\u{602}," one that draws the comma.
        #expect(CharacterWidth.of(Character("\u{600}ク")) == 2)
        #expect(CharacterWidth.of(Character("\u{602},")) == 1)
        var grid = Grid(width: 8, height: 1)
        grid.put("ク\u{602},.|", x: 0, y: 0)
        #expect(grid.lines == ["ク\u{602},.|"])
        #expect(grid[4, 0].text == "|")
        #expect(columns(grid, row: 0) == 8)
    }

    @Test func theFoundInputFillsItsRowExactly() {
        let bytes: [UInt8] = [
            0x08, 0xfb, 0xaf, 0xd8, 0x80, 0xaf, 0xd8, 0xe3, 0x82, 0xaf, 0xd8, 0x82, 0x2c, 0x2e, 0x2c, 0x2e, 0x00, 0x7e,
            0xfb,
        ]
        var grid = Grid(width: 16, height: 1)
        grid.put(String(decoding: bytes, as: UTF8.self), x: 6, y: 0, limit: 19)
        #expect(columns(grid, row: 0) == 16)
        for col in 1..<16 where grid[col, 0].isContinuation {
            #expect(CharacterWidth.of(grid[col - 1, 0].text) == 2)
        }
    }
}
