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
            if current == nil && pending.isEmpty && steps.isEmpty {
                description.append(text)
            } else {
                let index = ensureStep(line: line)
                steps[index].instructions.append(text)
                if steps[index].budgetSeconds == nil, let seconds = MarkdownBudget.estimate(text) {
                    steps[index].budgetSeconds = seconds
                }
            }
        case .rule, .blank: break
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

    /// The finished steps. Reference sections before the first step that asks for action go to the
    /// description instead (unless nothing asks for action: then every section stays a step).
    mutating func runbookSteps() -> [RunbookStep] {
        let first = steps.firstIndex { $0.isActionable } ?? 0
        for draft in steps[..<first] {
            description.append(String(repeating: "#", count: draft.level) + " " + draft.title)
            description += draft.instructions
        }
        let kept = Array(steps[first...])
        var out: [RunbookStep] = []
        for (index, draft) in kept.enumerated() {
            func id(_ target: Int) -> String? {
                let shifted = target - first
                return kept.indices.contains(shifted) ? "step-\(shifted + 1)" : nil
            }
            var next: String?
            if let target = draft.next {
                next = id(target)
                if next == nil {
                    notes.append("line \(draft.line): \"\(draft.title)\" ends its branch at the end of the runbook")
                }
            }
            out.append(
                RunbookStep(
                    id: "step-\(index + 1)", title: draft.title, instructions: draft.instructions,
                    budgetSeconds: draft.budgetSeconds, commands: draft.commands, checklist: draft.checklist,
                    choices: draft.choices.compactMap { c in
                        id(c.target).map { RunbookChoice(label: c.label, goto: $0) }
                    },
                    next: next))
        }
        return out
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
        if fence.closeRaw == nil {
            notes.append("line \(fence.openLine): code fence never closed; read to the end of the file")
        }
        if fence.isShell {
            let split = MarkdownShellBlock.split(fence.body)
            steps[index].commands += split.commands
            steps[index].instructions += split.trailing
            notes += split.problems
        } else {
            notes.append("line \(fence.openLine): \(fence.language) block kept as instructions, not commands")
            steps[index].instructions.append(fence.openRaw.trimmingCharacters(in: .whitespaces))
            steps[index].instructions += fence.body.map(\.text)
            if let close = fence.closeRaw {
                steps[index].instructions.append(close.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    private mutating func listItem(_ item: MarkdownListItem) {
        if case .check = item.kind {
            steps[ensureStep(line: item.line)].checklist.append(MarkdownText.unbold(item.text))
            return
        }
        if case .numbered = item.kind, item.indent < 4, numberedItemsAreSteps() {
            numberedStep(item)
            return
        }
        let index = ensureStep(line: item.line)
        if item.kind == .bullet, item.indent < 2, stack.last?.text.lowercased().contains("checklist") == true {
            steps[index].checklist.append(MarkdownText.unbold(item.text))
        } else if item.kind == .bullet, let command = Self.inlineCommand(item.text) {
            steps[index].commands.append(RunbookCommand(command))
        } else {
            steps[index].instructions.append(String(repeating: " ", count: item.indent) + item.raw)
            if steps[index].budgetSeconds == nil, let seconds = MarkdownBudget.estimate(item.raw) {
                steps[index].budgetSeconds = seconds
            }
        }
    }

    /// A bullet that is nothing but one code span with a space in it: "- `python x.py --run-id <id>`".
    static func inlineCommand(_ text: String) -> String? {
        guard text.count > 2, text.hasPrefix("`"), text.hasSuffix("`") else { return nil }
        let inner = text.dropFirst().dropLast()
        guard !inner.contains("`"), inner.contains(" ") else { return nil }
        return String(inner).trimmingCharacters(in: .whitespaces)
    }

    private func numberedItemsAreSteps() -> Bool {
        let procedure =
            stack.isEmpty
            || stack.contains { entry in Self.procedureWords.contains { entry.text.lowercased().contains($0) } }
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
        return newStep(MarkdownStepDraft(kind: .section, level: 1, title: "Untitled step", line: line))
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
