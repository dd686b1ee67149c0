import Foundation

/// Walks the blocks of a Markdown runbook and builds step drafts (see `MarkdownImporter` for the rules).
struct MarkdownStepBuilder {
    private(set) var title: String?
    private(set) var description: [String] = []
    private(set) var notes: [String] = []
    private var steps: [MarkdownStepDraft] = []
    private var sections: [Int] = []
    private var current: Int?
    /// Headings seen since the last step that have no content yet; they go before the next step's text.
    private var pending: [(level: Int, text: String, line: Int)] = []
    /// The non-H1 headings enclosing the current line.
    private var stack: [(level: Int, text: String)] = []
    private var section = 0
    private var groups: [MarkdownBranchGroup] = []
    /// The document's target (from text outside any step), the strongest kind seen.
    private(set) var target: (kind: MarkdownBudget.TargetKind, seconds: Int)?
    private(set) var idLine: String?
    private(set) var reminders: [RunbookReminder] = []
    /// Fill-in blanks ("____") seen, for telling a template from a procedure.
    private(set) var blanks = 0

    /// Words that make a heading a procedure, whose numbered items are steps.
    static let procedureWords = [
        "runbook", "procedure", "rollback", "recovery", "decision tree", "flow", "drill", "triage", "restore",
        "remediation", "mitigation", "playbook", "how to", "instructions",
    ]

    mutating func add(_ block: MarkdownBlock) {
        switch block {
        case .heading(let level, let text, let line): heading(level: level, text: text, line: line)
        case .boldStep(let text, let line):
            let level = (stack.last?.level ?? 1) + 1
            closeGroups(level: level, kind: nil)
            section += 1
            _ = newStep(MarkdownStepDraft(kind: .heading, level: level, title: text, line: line), budgetFrom: text)
        case .fence(let fence): self.fence(fence)
        case .listItem(let item): listItem(item)
        case .text(let text, let line):
            read(text)
            if current == nil && pending.isEmpty && steps.isEmpty {
                description.append(text)
                documentTarget(text)
            } else {
                let index = ensureStep(line: line)
                steps[index].instructions.append(text)
                if steps[index].kind == .section { documentTarget(text) }
                let owner = steps[index].continuationOf ?? index
                if steps[owner].budgetSeconds == nil, let seconds = MarkdownBudget.estimate(text) {
                    steps[owner].budgetSeconds = seconds
                }
            }
        case .inlineCode(let paragraph, let spans, let line):
            inlineCommands(paragraph: paragraph, spans: spans, line: line)
        case .rule: break
        }
    }

    /// What every line of text is read for wherever it stands: the runbook id, cadences, blanks.
    private mutating func read(_ text: String) {
        if idLine == nil, let rest = MarkdownBudget.labelled(text, "Runbook ID") {
            let value = rest.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
            idLine = value?.trimmingCharacters(in: CharacterSet(charactersIn: "`*_"))
        }
        if let reminder = MarkdownCadence.reminder(in: text),
            !reminders.contains(where: {
                $0.everySeconds == reminder.everySeconds && $0.resetByUpdate == reminder.resetByUpdate
            })
        {
            reminders.append(reminder)
        }
        if text.contains("____") || text.contains("__:__") { blanks += 1 }
    }

    /// A runbook target, read only from text outside any step (a metric inside a step, such as
    /// "Target: under 1 second of downtime", is not the runbook's target).
    private mutating func documentTarget(_ text: String) {
        if let found = MarkdownBudget.target(text), target.map({ found.0 > $0.kind }) ?? true {
            target = (found.0, found.1)
        }
    }

    mutating func finish() {
        while !groups.isEmpty { close(groups.removeLast()) }
        let leftover = pending.map { String(repeating: "#", count: $0.level) + " " + $0.text }
        if let last = steps.indices.last {
            steps[last].instructions += leftover
        } else {
            description += leftover
        }
        pending = []
    }

    /// Every step is a plain section of prose: no step headings, numbered steps, commands,
    /// checklists, budgets or choices anywhere.
    var isProseOnly: Bool { !steps.isEmpty && steps.allSatisfy { $0.kind == .section && !$0.isActionable } }

    /// Marks a target index meaning "the run ends here".
    static let endOfRun = -1

    /// The finished steps. Reference sections before the first step that asks for action go to the
    /// description instead (unless nothing asks for action: then every section stays a step), and
    /// so do reference sections after the last one ("Consequences", "See also").
    mutating func runbookSteps() -> [RunbookStep] {
        goNoGo()
        let first = steps.firstIndex { $0.isActionable } ?? 0
        let lastActionable = steps.lastIndex { $0.isActionable }
        var last = steps.count - 1
        if let lastActionable {
            func isReference(_ index: Int) -> Bool {
                let draft = steps[index]
                return draft.kind == .section && draft.next == nil && !Self.isProcedureHeading(draft.title)
                    && !Self.actionWords.contains(where: draft.title.lowercased().contains)
                    && !steps.contains { $0.choices.contains { c in c.target == index } || $0.next == index }
            }
            while last > lastActionable, isReference(last) { last -= 1 }
        }
        for draft in steps[..<first] {
            description.append(String(repeating: "#", count: draft.level) + " " + draft.title)
            description += draft.instructions
        }
        guard first <= last else { return [] }
        for draft in steps[(last + 1)...] {
            description.append(String(repeating: "#", count: draft.level) + " " + draft.title)
            description += draft.instructions
        }
        let kept = Array(steps[first...last])
        func id(_ target: Int) -> String? {
            if target == Self.endOfRun { return RunbookStep.end }
            let shifted = target - first
            return kept.indices.contains(shifted) ? "step-\(shifted + 1)" : nil
        }
        /// Where a step goes when it is done: its `next`, else the one after it, else the end.
        func successor(_ index: Int) -> Int {
            if let next = steps[index].next { return next }
            return index + 1 <= last ? index + 1 : Self.endOfRun
        }
        var out: [RunbookStep] = []
        for (offset, draft) in kept.enumerated() {
            var next: String?
            if let joined = draft.joinsLastOf {
                next = id(successor(joined))
            } else if draft.alternativeOf != nil {
                next = id(successor(first + offset))
            } else if let target = draft.next {
                next = id(target)
                if next == nil {
                    next = draft.kind == .branch || draft.kind == .alternative ? RunbookStep.end : nil
                }
            }
            out.append(
                RunbookStep(
                    id: "step-\(offset + 1)", title: draft.title, instructions: draft.instructions,
                    budgetSeconds: draft.budgetSeconds, commands: draft.commands, checklist: draft.checklist,
                    choices: draft.choices.compactMap { c in
                        id(c.target).map { RunbookChoice(label: c.label, goto: $0) }
                    },
                    next: next))
        }
        return out
    }

    /// A "Go/No-Go" section is a choice: Go carries on with the next step; No-Go goes to the
    /// scenario or option its text names ("No-Go: follow Scenario B"), else ends the run.
    private mutating func goNoGo() {
        for index in steps.indices where steps[index].choices.isEmpty && Self.isGoNoGo(steps[index].title) {
            guard index + 1 < steps.count else { continue }
            let text = steps[index].instructions.joined(separator: " ")
            var noGo = Self.endOfRun
            if let range = text.range(of: "No-Go", options: .caseInsensitive) {
                let after = text[range.upperBound...]
                for word in ["Scenario ", "Option "] {
                    guard let found = after.range(of: word) else { continue }
                    let label = after[found.upperBound...].prefix { $0.isLetter || $0.isNumber }
                    if let target = steps.firstIndex(where: { $0.title.hasPrefix(word + label) }) { noGo = target }
                    break
                }
            }
            steps[index].choices = [("Go", index + 1), ("No-Go", noGo)]
        }
    }

    static func isGoNoGo(_ title: String) -> Bool {
        let squashed = title.lowercased().filter { $0.isLetter }
        return squashed.hasPrefix("gonogo") || squashed.hasSuffix("gonogo") || squashed.contains("gonogodecision")
    }

    // MARK: - Headings

    private mutating func heading(level: Int, text: String, line: Int) {
        if level == 1 && title == nil {
            title = text
            return
        }
        if level == 1 { notes.append("line \(line): another H1 heading, kept as a section") }
        while let last = stack.last, last.level >= level { stack.removeLast() }
        stack.append((level, text))
        section += 1
        let branch = Self.branchKind(text)
        closeGroups(level: level, kind: branch)
        if let branch {
            addBranch(branch, level: level, text: text, line: line)
        } else if Self.isStepHeading(text) {
            _ = newStep(MarkdownStepDraft(kind: .heading, level: level, title: text, line: line), budgetFrom: text)
        } else if let open = current, level > steps[open].level {
            steps[open].instructions.append(String(repeating: "#", count: level) + " " + text)
        } else {
            current = nil
            pending.append((level, text, line))
        }
    }

    /// Words of a closing section that is still something to do, though only in prose
    /// ("Mitigation: talk with the developers"): it stays a step.
    static let actionWords = ["resolution", "fix", "escalat", "verif", "action", "workaround", "resolve"]

    /// "Rollback procedure", "Steps for the Incident Commander" (not "Next steps", a list of links).
    static func isProcedureHeading(_ text: String) -> Bool {
        let lower = text.lowercased()
        if procedureWords.contains(where: { lower.contains($0) }) { return true }
        return lower.contains("steps") && !lower.contains("next steps")
    }

    static func branchKind(_ text: String) -> MarkdownBranchGroup.Kind? {
        for (word, kind) in [("Scenario ", MarkdownBranchGroup.Kind.scenario), ("Option ", .option)]
        where text.hasPrefix(word) {
            let label = text.dropFirst(word.count).prefix { $0.isLetter || $0.isNumber }
            if (1...3).contains(label.count) { return kind }
        }
        return nil
    }

    static func isStepHeading(_ text: String) -> Bool {
        if text.lowercased().hasPrefix("step "), text.dropFirst(5).first?.isNumber == true { return true }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(digits.count)
        if !digits.isEmpty, rest.hasPrefix(". ") || rest.hasPrefix(") ") { return true }
        return MarkdownBudget.titleBudget(text) != nil
    }

    private mutating func addBranch(_ kind: MarkdownBranchGroup.Kind, level: Int, text: String, line: Int) {
        if groups.last.map({ $0.kind == kind && $0.level == level }) != true {
            let chooser: Int
            if let open = current, steps[open].level < level {
                chooser = open
            } else {
                let title = kind == .scenario ? "Choose a scenario" : "Choose an option"
                chooser = newStep(MarkdownStepDraft(kind: .chooser, level: level, title: title, line: line))
            }
            groups.append(MarkdownBranchGroup(kind: kind, chooser: chooser, level: level))
        }
        let index = newStep(MarkdownStepDraft(kind: .branch, level: level, title: text, line: line), budgetFrom: text)
        groups[groups.count - 1].starts.append(index)
        steps[groups[groups.count - 1].chooser].choices.append((text, index))
    }

    private mutating func closeGroups(level: Int, kind: MarkdownBranchGroup.Kind?) {
        while let last = groups.last,
            last.kind == .decision || level < last.level || (level == last.level && kind != last.kind)
        {
            close(groups.removeLast())
        }
    }

    /// Sends the end of every branch but the last past the whole group.
    private mutating func close(_ group: MarkdownBranchGroup) {
        let end = steps.count
        for (start, following) in zip(group.starts, group.starts.dropFirst()) where following > start {
            if steps[following - 1].next == nil { steps[following - 1].next = end }
        }
    }

    // MARK: - Content

    private mutating func fence(_ fence: MarkdownFence) {
        let index = ensureStep(line: fence.openLine)
        if !fence.closed {
            notes.append("line \(fence.openLine): code fence never closed; read to the end of the file")
        }
        let split: MarkdownShellBlock.Result
        switch MarkdownCommandText.judge(fence) {
        case .shell:
            split = MarkdownShellBlock.split(fence.body)
        case .console:
            split = MarkdownConsoleBlock.split(fence.body, rootPrompts: true)
        case .text(let what):
            for line in fence.body.map(\.text) where !line.isEmpty { read(line) }
            let kind = fence.language.isEmpty ? "untagged block (\(what))" : "\(fence.language) block"
            notes.append("line \(fence.openLine): \(kind) kept as text to copy, not commands")
            steps[index].instructions.append(fence.openRaw ?? "```")
            steps[index].instructions += fence.body.map(\.text)
            steps[index].instructions.append(fence.closeRaw ?? "```")
            return
        }
        steps[index].commands += split.commands
        steps[index].instructions += split.trailing
        notes += split.problems
        if !split.alternatives.isEmpty {
            addAlternatives(
                split.alternatives.map { alternative in
                    (
                        alternative.label.isEmpty ? alternative.commands[0].command : alternative.label,
                        alternative.commands
                    )
                }, to: index, line: fence.openLine, after: split.after)
        }
    }

    /// Commands written in a sentence: "Run `make rollback REV=<rev>` or `kubectl rollout undo …`".
    /// Two or more joined by "or" are alternatives; others are commands of the step.
    private mutating func inlineCommands(paragraph: String, spans: [String], line: Int) {
        let invocations = spans.filter(MarkdownCommandText.isInvocation)
        guard !invocations.isEmpty else { return }
        let index = ensureStep(line: line)
        if invocations.count > 1, Self.joinedByOr(paragraph, invocations) {
            addAlternatives(invocations.map { ($0, [RunbookCommand($0)]) }, to: index, line: line)
        } else {
            steps[index].commands += invocations.map { RunbookCommand($0) }
        }
    }

    /// Whether the text between consecutive code spans says "or".
    static func joinedByOr(_ paragraph: String, _ spans: [String]) -> Bool {
        var rest = Substring(paragraph)
        var between: [String] = []
        for span in spans {
            guard let range = rest.range(of: "`" + span + "`") else { return false }
            between.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        return between.dropFirst().allSatisfy { gap in
            let words = gap.lowercased().split(whereSeparator: { !$0.isLetter })
            return words.contains("or") && words.count <= 3
        }
    }

    /// Alternatives become a choice: one branch step per alternative after the step, each going
    /// where the last one goes (so they never run in sequence).
    private mutating func addAlternatives(
        _ alternatives: [(label: String, commands: [RunbookCommand])], to owner: Int, line: Int,
        after: [RunbookCommand] = []
    ) {
        let level = steps[owner].level + 1
        var branches: [Int] = []
        for alternative in alternatives {
            let branch = newStep(
                MarkdownStepDraft(kind: .alternative, level: level, title: alternative.label, line: line))
            steps[branch].commands = alternative.commands
            steps[branch].alternativeOf = owner
            steps[owner].choices.append((alternative.label, branch))
            branches.append(branch)
        }
        for branch in branches.dropLast() { steps[branch].joinsLastOf = branches.last }
        current = owner
        if !after.isEmpty {
            // What the block does after the alternatives, whichever was picked: a step of its own.
            let rest = newStep(
                MarkdownStepDraft(
                    kind: .alternative, level: steps[owner].level, title: steps[owner].title + " (continued)",
                    line: line))
            steps[rest].commands = after
            steps[rest].continuationOf = owner
        }
    }

    private mutating func listItem(_ item: MarkdownListItem) {
        if case .check = item.kind {
            read(item.text)
            steps[ensureStep(line: item.line)].checklist.append(MarkdownText.unbold(item.text))
            return
        }
        if case .numbered = item.kind, item.indent < 4, numberedItemsAreSteps() {
            numberedStep(item)
            return
        }
        let index = ensureStep(line: item.line)
        read(item.text)
        if steps[index].kind == .section { documentTarget(item.text) }
        if item.kind == .bullet, item.indent < 2, stack.last?.text.lowercased().contains("checklist") == true {
            steps[index].checklist.append(MarkdownText.unbold(item.text))
        } else if item.kind == .bullet, let command = Self.inlineCommand(item.text) {
            steps[index].commands.append(RunbookCommand(command))
        } else {
            steps[index].instructions.append(String(repeating: " ", count: item.indent) + item.raw)
            if steps[index].budgetSeconds == nil, let seconds = MarkdownBudget.estimate(item.raw) {
                steps[index].budgetSeconds = seconds
            }
            inlineCommands(paragraph: item.text, spans: item.codeSpans, line: item.line)
        }
    }

    /// A bullet that is nothing but one code span with a space in it: "- `python x.py --run-id <id>`".
    static func inlineCommand(_ text: String) -> String? {
        guard text.count > 2, text.hasPrefix("`"), text.hasSuffix("`") else { return nil }
        let inner = text.dropFirst().dropLast()
        guard !inner.contains("`"), inner.contains(" ") else { return nil }
        let command = String(inner).trimmingCharacters(in: .whitespaces)
        // SQL, config lines and prose in a code span are shown, not run.
        guard MarkdownCommandText.isInvocation(command) || MarkdownCommandText.readsAsCommand(command) else {
            return nil
        }
        return command
    }

    private func numberedItemsAreSteps() -> Bool {
        let procedure =
            stack.isEmpty
            || stack.contains { entry in Self.isProcedureHeading(entry.text) }
        guard procedure else { return false }
        guard let open = current else { return true }
        if groups.last?.kind == .decision { return true }
        return sections[open] == section && (steps[open].kind == .section || steps[open].kind == .listItem)
    }

    private mutating func numberedStep(_ item: MarkdownListItem) {
        let level = (stack.last?.level ?? 1) + 1
        let opensTree = item.text.lowercased().hasPrefix("if ") && groups.last?.kind != .decision
        if opensTree {
            let chooser: Int
            if let open = current, steps[open].kind == .section {
                chooser = open
            } else if let heading = pending.popLast() {
                chooser = newStep(
                    MarkdownStepDraft(kind: .chooser, level: heading.level, title: heading.text, line: heading.line))
            } else {
                chooser = newStep(
                    MarkdownStepDraft(kind: .chooser, level: level - 1, title: "Choose a branch", line: item.line))
            }
            groups.append(MarkdownBranchGroup(kind: .decision, chooser: chooser, level: level))
        }
        if groups.last?.kind == .decision {
            let index = newStep(
                MarkdownStepDraft(kind: .branch, level: level, title: item.text, line: item.line), budgetFrom: item.text
            )
            groups[groups.count - 1].starts.append(index)
            steps[groups[groups.count - 1].chooser].choices.append((item.text, index))
        } else {
            _ = newStep(
                MarkdownStepDraft(kind: .listItem, level: level, title: item.text, line: item.line),
                budgetFrom: item.text)
        }
        read(item.text)
        inlineCommands(paragraph: item.text, spans: item.codeSpans, line: item.line)
    }

    // MARK: - Steps

    /// The open step, or a new one for content that has none: titled by the last pending heading.
    private mutating func ensureStep(line: Int) -> Int {
        if let open = current { return open }
        if let heading = pending.popLast() {
            return newStep(
                MarkdownStepDraft(kind: .section, level: heading.level, title: heading.text, line: heading.line))
        }
        notes.append("line \(line): content before any heading kept as an untitled step")
        // Deepest level: the headings that follow start steps of their own instead of joining it.
        return newStep(MarkdownStepDraft(kind: .section, level: 6, title: "Untitled step", line: line))
    }

    /// Adds a step (after the pending headings, which become its first instructions) and opens it.
    private mutating func newStep(_ draft: MarkdownStepDraft, budgetFrom title: String? = nil) -> Int {
        var draft = draft
        draft.instructions =
            pending.map { String(repeating: "#", count: $0.level) + " " + $0.text } + draft.instructions
        pending = []
        if let title { draft.budgetSeconds = MarkdownBudget.titleBudget(title) }
        steps.append(draft)
        sections.append(section)
        current = steps.count - 1
        return steps.count - 1
    }
}
