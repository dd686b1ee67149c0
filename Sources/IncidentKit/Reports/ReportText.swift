import Foundation

/// Journal text made safe for a Markdown report: control characters and bidirectional
/// overrides become visible placeholders (the report may be printed to a terminal), and table
/// cells keep to one line with their pipes escaped.
enum ReportText {
    static let notRecorded = "_not recorded_"

    static func clean(_ text: String) -> String { TextSanitizer.clean(text) }

    /// A table cell: one line, pipes escaped, never empty.
    static func cell(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "—" }
        let oneLine = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        return clean(oneLine).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Inline code in a table cell; a backtick inside widens the fence.
    static func code(_ text: String) -> String {
        let body = cell(text)
        return body.contains("`") ? "`` \(body) ``" : "`\(body)`"
    }

    /// A paragraph, or "_not recorded_".
    static func block(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return notRecorded }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { clean(String($0)) }
            .joined(separator: "\n")
    }

    static func time(_ date: Date?) -> String { date.map(Timestamp.format) ?? notRecorded }

    static func span(_ seconds: Double?) -> String { seconds.map(RollbackTimings.span) ?? "—" }
}
