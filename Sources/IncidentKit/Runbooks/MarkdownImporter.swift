import Foundation

/// What the Markdown importer made of a file: the runbook, and notes (each starting "line N:") on
/// what it could not place cleanly.
public struct MarkdownImport: Sendable, Equatable {
    public var runbook: Runbook
    public var notes: [String]

    public init(runbook: Runbook, notes: [String]) {
        self.runbook = runbook
        self.notes = notes
    }
}

/// Imports a Markdown runbook (like the seeds): headings or numbered items under a procedure heading
/// become steps, fenced shell code becomes commands, `- [ ]` items become checklists, "(2 minutes)" and
/// "Time Estimate: 2-3 minutes" become budgets, "Target Time: <5 minutes" the runbook's target, and
/// "Scenario A/B…" or "Option A/B…" headings and "If …" items of a decision tree become choices.
/// Nothing of the source is dropped: what has no better place is kept as instructions or description.
public enum MarkdownImporter {
    public static func importRunbook(text: String, id: String? = nil, source: String? = nil) -> MarkdownImport {
        var builder = MarkdownStepBuilder()
        for block in MarkdownScanner.blocks(of: text) { builder.add(block) }
        builder.finish()
        let steps = builder.runbookSteps()

        var notes = builder.notes
        let title: String
        if let h1 = builder.title {
            title = h1
        } else {
            let fallback = source.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
            title = fallback.flatMap { $0.isEmpty ? nil : $0 } ?? "Imported runbook"
            notes.insert("line 1: no H1 heading; the title is \"\(title)\"", at: 0)
        }

        var target: (MarkdownBudget.TargetKind, Int)?
        var idLine: String?
        for line in MarkdownScanner.lines(of: text) {
            if let found = MarkdownBudget.target(line), target.map({ found.0 > $0.0 }) ?? true { target = found }
            if idLine == nil, let rest = MarkdownBudget.labelled(line, "Runbook ID") {
                let value = rest.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
                idLine = value?.trimmingCharacters(in: CharacterSet(charactersIn: "`*_"))
            }
        }
        let slug = MarkdownText.slug(title)
        let runbookID = id ?? idLine.flatMap { $0.isEmpty ? nil : $0 } ?? (slug.isEmpty ? "runbook" : slug)

        let runbook = Runbook(
            id: runbookID, title: title,
            description: builder.description.isEmpty ? nil : builder.description.joined(separator: "\n"),
            source: source, targetSeconds: target?.1, steps: steps)
        return MarkdownImport(runbook: runbook, notes: notes)
    }
}
