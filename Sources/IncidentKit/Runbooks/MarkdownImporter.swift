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

/// Imports a Markdown runbook, parsed by cmark-gfm (`MarkdownTree`): headings or numbered items
/// under a procedure heading become steps; shell code blocks, console blocks (prompt lines; the
/// output under them is shown, never run), untagged blocks that read as shell, and code spans
/// that read as invocations become commands; YAML, JSON, tables and templates stay text to copy;
/// `- [ ]` items become checklists; "(2 minutes)" and "Time Estimate: 2-3 minutes" become budgets;
/// "Target Time: <5 minutes" outside any step the runbook's target; "every 30 minutes" a
/// reminder; "Scenario A/B…", "Option A/B…", "If …" items, go/no-go sections, `# OR` and
/// "`a` or `b`" become choices. A template imports with a notice and no steps. Nothing of the
/// source is dropped: what has no better place is kept as instructions or description.
public enum MarkdownImporter {
    public static func importRunbook(text: String, id: String? = nil, source: String? = nil) -> MarkdownImport {
        var builder = MarkdownStepBuilder()
        let (body, frontMatter) = MarkdownFrontMatter.split(text)
        for block in MarkdownScanner.blocks(of: body) { builder.add(block) }
        builder.finish()
        let steps = builder.runbookSteps()

        var notes = builder.notes
        if let frontMatter {
            notes.insert("line 1: front matter (\(frontMatter.lines) lines) read for its title only", at: 0)
        }
        let title: String
        if let h1 = builder.title {
            title = h1
        } else if let fromFrontMatter = frontMatter?.title {
            title = fromFrontMatter
        } else {
            let fallback = source.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
            title = fallback.flatMap { $0.isEmpty ? nil : $0 } ?? "Imported runbook"
            notes.insert("line 1: no H1 heading; the title is \"\(title)\"", at: 0)
        }

        let idLine = builder.idLine
        let slug = MarkdownText.slug(title)
        let runbookID = id ?? idLine.flatMap { $0.isEmpty ? nil : $0 } ?? (slug.isEmpty ? "runbook" : slug)

        var description = builder.description
        var finalSteps = steps
        var notice: String?
        let hasCommands = steps.contains { !$0.commands.isEmpty }
        if !hasCommands, builder.blanks >= 3 || title.lowercased().contains("template") {
            notice = "a template to fill in, not a procedure: no steps were made; its text is the description"
        } else if builder.isProseOnly, steps.count >= 5 {
            // Five or more sections of prose and nothing to run, tick, time or choose: a guide or
            // reference page (a short prose runbook keeps its sections as steps).
            notice =
                "a reference page, not a procedure: \(steps.count) sections of prose and no commands, numbered "
                + "steps, checklists, budgets or choices; no steps were made; its text is the description"
        }
        if notice != nil {
            for step in steps {
                description.append("## " + step.title)
                description += step.instructions + step.checklist.map { "- [ ] " + $0 }
            }
            finalSteps = []
            notes.append("line 1: \(notice!)")
        }
        let runbook = Runbook(
            id: runbookID, title: title,
            description: description.isEmpty ? nil : description.joined(separator: "\n"),
            source: source, targetSeconds: builder.target?.seconds, reminders: builder.reminders, notice: notice,
            steps: finalSteps)
        return MarkdownImport(runbook: runbook, notes: notes)
    }
}
