import Foundation

/// Journal text made safe for a Markdown report. Control characters and bidirectional
/// overrides become visible placeholders (the report may be printed to a terminal). Whoever
/// writes a journal must not write the report's structure: a field holding
/// `\n## Closure checklist\n- [x] …\n<!--` forged an all-done checklist and hid the real one.
/// So every `<` is escaped (no HTML, no comment), table cells keep to one line with their pipes
/// escaped, and each line of a paragraph loses its indentation and has a backslash before
/// anything that could open a block: `#`, `>`, list markers, fences, setext and thematic
/// underlines, table pipes, link definitions.
enum ReportText {
    static let notRecorded = "_not recorded_"

    static func clean(_ text: String) -> String { TextSanitizer.clean(text) }

    /// Text inside a line: sanitised, `<` escaped.
    static func inline(_ text: String) -> String { clean(text).replacingOccurrences(of: "<", with: "\\<") }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// A table cell: one line, pipes escaped, never empty.
    static func cell(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "—" }
        return inline(oneLine(text)).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Inline code in a table cell; a backtick inside widens the fence. Inside code `<` is
    /// literal already, so only the pipes are escaped.
    static func code(_ text: String) -> String {
        let body = text.isEmpty ? "—" : clean(oneLine(text)).replacingOccurrences(of: "|", with: "\\|")
        return body.contains("`") ? "`` \(body) ``" : "`\(body)`"
    }

    /// A paragraph, or "_not recorded_"; no line of it can start a block.
    static func block(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return notRecorded }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            blockLine(String($0))
        }.joined(separator: "\n")
    }

    /// One line of a paragraph, unable to open a block whatever it starts with.
    static func blockLine(_ line: String) -> String {
        var text = Substring(inline(line)).drop { $0 == " " || $0 == "\t" }
        guard let first = text.first else { return "" }
        if "#>-+*=_~`|[".contains(first) { return "\\" + text }
        // An ordered list marker: up to nine digits and `.` or `)`.
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9, let after = text.dropFirst(digits.count).first,
            after == "." || after == ")"
        {
            text = digits + "\\" + text.dropFirst(digits.count)
        }
        return String(text)
    }

    static func time(_ date: Date?) -> String { date.map(Timestamp.format) ?? notRecorded }

    static func span(_ seconds: Double?) -> String { seconds.map(RollbackTimings.span) ?? "—" }
}
