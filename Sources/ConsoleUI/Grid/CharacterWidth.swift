import IncidentKit

/// Terminal column width of a grapheme: 0 for combining and format marks, 2 for East Asian wide
/// and emoji presentation, 1 otherwise. A fixed table, so layout does not depend on the locale.
public enum CharacterWidth {
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.contains("\u{FE0F}") { return 2 }
        // The widest scalar, not the first: a cluster may start with a zero-width prepended mark
        // (U+0600) and still draw a wide character after it.
        return scalars.reduce(0) { max($0, of($1)) }
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        return wideRanges.contains { $0.contains(v) }
    }

    public static func of(_ text: String) -> Int {
        if TextSanitizer.isPrintableASCII(text) { return text.utf8.count }
        if isOneCellEach(text) { return text.unicodeScalars.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// Whether every scalar is a grapheme of one cell that needs no sanitising: printable ASCII,
    /// box drawing and block elements, which every pane's border and sparkline is made of.
    static func isOneCellEach(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { ($0.value >= 0x20 && $0.value < 0x7F) || (0x2500...0x259F).contains($0.value) }
    }

    /// The text cut to fit `width` columns, with an ellipsis when it was cut.
    public static func fit(_ text: String, _ width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let mark = of(ellipsis)
        var out = ""
        var used = 0
        for ch in text {
            let w = of(ch)
            if used + w > width - mark { break }
            out.append(ch)
            used += w
        }
        return out + ellipsis
    }

    /// The text cut to `width` columns from the left, keeping its end (for ids whose last part
    /// tells them apart).
    public static func fitKeepingEnd(_ text: String, _ width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = of(ellipsis)
        for ch in text.reversed() {
            let w = of(ch)
            if used + w > width { break }
            out.insert(ch, at: out.startIndex)
            used += w
        }
        return ellipsis + out
    }

    /// The text cut in the middle to `width` columns: its prefix (up to the first `-`, at most
    /// half) and as much of its end as fits, for ids whose prefix says what they are and whose
    /// end tells them apart (`AUTO-…1129-4fd154`).
    public static func fitMiddle(_ text: String, _ width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let half = max(0, (width - of(ellipsis)) / 2)
        var head = ""
        for ch in text {
            if of(head) + of(ch) > half { break }
            head.append(ch)
            if ch == "-" { break }
        }
        let tail = fitKeepingEnd(text, width - of(head), ellipsis: ellipsis)
        return head + tail
    }

    /// The text padded with spaces (or cut) to exactly `width` columns.
    public static func pad(_ text: String, _ width: Int, ellipsis: String = "…") -> String {
        let fitted = fit(text, width, ellipsis: ellipsis)
        return fitted + String(repeating: " ", count: max(0, width - of(fitted)))
    }

    /// Right-aligned in `width` columns.
    public static func padLeft(_ text: String, _ width: Int) -> String {
        let fitted = fit(text, width)
        return String(repeating: " ", count: max(0, width - of(fitted))) + fitted
    }
}
