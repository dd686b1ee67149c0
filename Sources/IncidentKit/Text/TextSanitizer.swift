/// Makes text from artifact files safe for a terminal: control characters (C0, DEL, C1, ESC),
/// bidirectional overrides and invisible format characters become visible placeholders, so file
/// content can never move the cursor, retitle the window or reorder the line.
public enum TextSanitizer {
    /// The placeholder for a control character: U+241B-style symbols for C0 where Unicode has
    /// them, `�` otherwise.
    public static func clean(_ text: String, ascii: Bool = false) -> String {
        if isPrintableASCII(text) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x09: out.append(" ")
            case 0x00...0x1F:
                if ascii {
                    out.append(contentsOf: "^\(Character(Unicode.Scalar(UInt8(v) + 0x40)))".unicodeScalars)
                } else {
                    out.append(Unicode.Scalar(0x2400 + v)!)
                }
            case 0x7F: out.append(contentsOf: (ascii ? "^?" : "\u{2421}").unicodeScalars)
            case 0x80...0x9F, 0xFFFD:
                out.append(contentsOf: (ascii ? "?" : "\u{FFFD}").unicodeScalars)
            case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C:
                // Zero-width characters, bidi marks, embeddings, overrides and isolates.
                out.append(contentsOf: (ascii ? "?" : "\u{2426}").unicodeScalars)
            default:
                if ascii, v > 0x7E {
                    out.append(asciiLookalikes[v] ?? "?")
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// Whether every byte is printable ASCII (space to tilde): such text is its own clean form,
    /// one column a character. Most of what a frame draws is, so it skips the scalar walk.
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Typographic punctuation the console's own text uses, one ASCII character each (so widths
    /// stay as measured); anything else outside ASCII becomes `?`.
    static let asciiLookalikes: [UInt32: Unicode.Scalar] = [
        0xA0: " ", 0xB7: "-", 0x2013: "-", 0x2014: "-", 0x2018: "'", 0x2019: "'", 0x201C: "\"", 0x201D: "\"",
        0x2022: "*", 0x2026: "~", 0x2192: ">", 0x2190: "<", 0x00D7: "x", 0x2264: "<", 0x2265: ">", 0x00A7: "S",
    ]
}
