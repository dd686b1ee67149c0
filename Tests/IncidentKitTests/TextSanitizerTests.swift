import Foundation
import Testing

@testable import IncidentKit

/// Scalars a terminal acts on or that reorder/hide text: C0, DEL, C1, bidi controls, zero-width.
private func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C: return true
    default: return false
    }
}

@Suite struct TextSanitizerTests {
    @Test(arguments: [
        ("\u{1B}[31mred\u{1B}[0m", "\u{241B}[31mred\u{241B}[0m"),
        ("\u{1B}]0;pwned\u{07}title", "\u{241B}]0;pwned\u{2407}title"),
        ("csi \u{9B}2J", "csi \u{FFFD}2J"),
        ("bell\u{07}", "bell\u{2407}"),
        ("over\rwrite", "over\u{240D}write"),
        ("back\u{08}\u{08}space", "back\u{2408}\u{2408}space"),
        ("new\nline", "new\u{240A}line"),
        ("nul\u{0}", "nul\u{2400}"),
        ("del\u{7F}", "del\u{2421}"),
        ("txt\u{202E}cod.exe", "txt\u{2426}cod.exe"),
        ("zero\u{200D}width\u{200B}", "zero\u{2426}width\u{2426}"),
        ("\u{FEFF}bom", "\u{2426}bom"),
        ("iso\u{2066}late\u{2069}", "iso\u{2426}late\u{2426}"),
        ("tab\there", "tab here"),
    ])
    func controlsBecomeVisiblePlaceholders(input: String, expected: String) {
        let cleaned = TextSanitizer.clean(input)
        #expect(cleaned == expected)
        #expect(!cleaned.unicodeScalars.contains(where: isDangerous))
    }

    @Test func c2_9bFromAFileIsNeutralized() {
        // The UTF-8 encoding of U+009B (CSI), and the bare byte, as read from an artifact file.
        let encoded = String(decoding: [0x61, 0xC2, 0x9B, 0x33, 0x31, 0x6D, 0x62], as: UTF8.self)
        #expect(encoded.unicodeScalars.contains("\u{9B}"))
        #expect(TextSanitizer.clean(encoded) == "a\u{FFFD}31mb")
        let bare = String(decoding: [0x61, 0x9B, 0x62], as: UTF8.self)
        #expect(TextSanitizer.clean(bare) == "a\u{FFFD}b")
    }

    @Test func noControlScalarSurvivesAnyInput() {
        var all = String.UnicodeScalarView()
        for v in UInt32(0)...0xA0 { all.append(Unicode.Scalar(v)!) }
        for v: UInt32 in [
            0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066,
            0x2069, 0xFEFF,
        ] {
            all.append(Unicode.Scalar(v)!)
        }
        let cleaned = TextSanitizer.clean(String(all))
        #expect(!cleaned.unicodeScalars.contains(where: isDangerous))
        #expect(cleaned.unicodeScalars.count == all.count, "one placeholder per character: columns stay predictable")
        let ascii = TextSanitizer.clean(String(all), ascii: true)
        #expect(ascii.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
    }

    @Test(arguments: [
        "plain ASCII text, with punctuation: {}[]()!?",
        "障害対応：台帳の不一致 (SEV1)",
        "한국어 텍스트",
        "Ünïcödé ß ø é",
        "emoji 😀 ok",
        "",
    ])
    func printableTextIsUnchanged(_ text: String) {
        #expect(TextSanitizer.clean(text) == text)
    }

    @Test func asciiModeUsesCaretNotation() {
        #expect(TextSanitizer.clean("a\u{1B}[1mb\u{7F}", ascii: true) == "a^[[1mb^?")
        #expect(TextSanitizer.clean("\u{07}\r", ascii: true) == "^G^M")
        #expect(TextSanitizer.clean("é中\u{202E}", ascii: true) == "???")
    }
}
