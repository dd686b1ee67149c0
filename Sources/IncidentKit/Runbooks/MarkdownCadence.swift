import Foundation

/// Cadences in runbook text: "post updates every 30 minutes", "Health checks every 5–10 min",
/// "update the status page every hour". A range counts as its upper bound, like budgets.
enum MarkdownCadence {
    static func reminder(in line: String) -> RunbookReminder? {
        let text = MarkdownText.unbold(line)
        guard let every = text.range(of: "every ", options: .caseInsensitive) else { return nil }
        let after = text[every.upperBound...]
        var seconds: Int?
        if let (value, _) = MarkdownBudget.leadingDuration(after) {
            seconds = value
        } else {
            let word = after.prefix { $0.isLetter }.lowercased()
            seconds = ["hour": 3600, "minute": 60, "half": nil][word] ?? nil
            if after.lowercased().hasPrefix("half hour") || after.lowercased().hasPrefix("half-hour") { seconds = 1800 }
        }
        guard let seconds, seconds >= 60 else { return nil }
        var label = text[..<every.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: " -*:,.;"))
        if let colon = label.lastIndex(of: ":") {
            label = label[label.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if let sentence = label.range(of: ". ", options: .backwards) {
            label = String(label[sentence.upperBound...])
        }
        // "Provide status updates (roughly every 30 minutes)": the bracket opened before "every".
        if let open = label.lastIndex(of: "("), !label[open...].contains(")") {
            label = label[..<open].trimmingCharacters(in: .whitespaces)
        }
        if label.isEmpty { label = "Reminder" }
        let lowered = label.lowercased()
        let update = ["update", "status", "communicat", "stakeholder", "announce"].contains { lowered.contains($0) }
        return RunbookReminder(
            label: String(label.prefix(60)), everySeconds: seconds, resetByUpdate: update)
    }
}
