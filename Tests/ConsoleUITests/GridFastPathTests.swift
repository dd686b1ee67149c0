import Testing

@testable import ConsoleUI

/// Text of one cell a scalar (ASCII, borders, sparklines) skips the sanitiser and the width
/// table; whatever it is drawn over, the grid must come out as the general path leaves it.
@Suite struct GridFastPathTests {
    private let pieces = [
        "abc", " ", "─", "┌", "│", "▁▂▃█", "~", "ク", "é", "e\u{301}", "\u{1B}[31m", "\t", "…", "◆", "☃️", "▒", "\u{7F}",
    ]

    @Test func everyTextDrawsAsTheGeneralPathDrawsIt() {
        var generator = SystemRandomNumberGenerator()
        for ascii in [false, true] {
            for _ in 0..<3000 {
                let under = (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement()! }.joined()
                let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement()! }.joined()
                let x = Int.random(in: -2...6, using: &generator)
                let limit = Int.random(in: 0...12, using: &generator)
                var fast = Grid(width: 10, height: 1, ascii: ascii)
                var general = fast
                fast.put(under, x: 1, y: 0)
                general.put(under, x: 1, y: 0)
                let fastEnd = fast.put(text, x: x, y: 0, limit: limit)
                let generalEnd = general.putGraphemes(text, x: x, y: 0, style: .normal, end: min(limit, 10))
                #expect(
                    fast == general, "\(under.debugDescription) then \(text.debugDescription) at \(x) ascii \(ascii)")
                #expect(fastEnd == generalEnd)
            }
        }
    }

    @Test func bordersAndSparklinesTakeTheFastPathAndOthersDoNot() {
        #expect(Grid.isOneCellEach("┌─ Nodes (3) ─┐ ▁▂█", ascii: false))
        #expect(!Grid.isOneCellEach("┌─┐", ascii: true), "ASCII mode replaces them")
        #expect(!Grid.isOneCellEach("e\u{301}", ascii: false))
        #expect(!Grid.isOneCellEach("ク", ascii: false))
        #expect(!Grid.isOneCellEach("a\u{1B}b", ascii: false))
        #expect(CharacterWidth.of("┌─ x ─┐") == 7)
    }
}
