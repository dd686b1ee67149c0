/// Checks a runbook for what would strand an operator mid-procedure.
public enum RunbookLint {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public enum Level: String, Sendable { case error, warning }
        public var level: Level
        public var file: String
        public var line: Int?
        public var message: String

        public var description: String {
            "\(line.map { "\(file):\($0)" } ?? file): \(level.rawValue): \(message)"
        }
    }

    /// The steps that can follow a step: its choices, else its `next`, else the one after it.
    public static func successors(of index: Int, in runbook: Runbook) -> [String] {
        let step = runbook.steps[index]
        let ends = RunbookStep.end
        let known = runbook.step(ends) != nil
        if !step.choices.isEmpty { return step.choices.map(\.goto).filter { $0 != ends || known } }
        if let next = step.next { return next == ends && !known ? [] : [next] }
        return index + 1 < runbook.steps.count ? [runbook.steps[index + 1].id] : []
    }

    /// The largest sum of step budgets along any path from the first step (branches are
    /// alternatives, so their budgets do not add up); a step met twice on a path counts once.
    static func longestBudget(_ runbook: Runbook) -> Int {
        var memo: [Int: Int] = [:]
        func longest(from index: Int, visiting: Set<Int>) -> Int {
            if let known = memo[index] { return known }
            let own = runbook.steps[index].budgetSeconds ?? 0
            let rest =
                successors(of: index, in: runbook).compactMap { id in runbook.steps.firstIndex { $0.id == id } }
                .filter { !visiting.contains($0) }
                .map { longest(from: $0, visiting: visiting.union([$0])) }.max() ?? 0
            memo[index] = own + rest
            return own + rest
        }
        return runbook.steps.isEmpty ? 0 : longest(from: 0, visiting: [0])
    }

    public static func check(_ loaded: LoadedRunbook) -> [Finding] {
        let runbook = loaded.runbook
        var findings: [Finding] = []
        func add(_ level: Finding.Level, _ line: Int?, _ message: String) {
            findings.append(Finding(level: level, file: loaded.file, line: line, message: message))
        }
        guard !runbook.steps.isEmpty else {
            if let notice = runbook.notice {
                add(.warning, nil, "not a procedure: \(notice)")
            } else {
                add(.error, nil, "the runbook has no steps")
            }
            return findings
        }
        let ids = Set(runbook.steps.map(\.id))
        for (index, step) in runbook.steps.enumerated() {
            for target in successors(of: index, in: runbook) where !ids.contains(target) {
                add(
                    .error, loaded.referenceLines["\(step.id)→\(target)"] ?? loaded.stepLines[step.id],
                    "step \(step.id) goes to unknown step \"\(target)\"")
            }
            if runbook.targetSeconds != nil, step.budgetSeconds == nil {
                add(.warning, loaded.stepLines[step.id], "step \(step.id) has no budget but the runbook has a target")
            }
            if step.commands.isEmpty, step.checklist.isEmpty, step.instructions.isEmpty, step.choices.isEmpty,
                step.verify == nil
            {
                add(.warning, loaded.stepLines[step.id], "step \(step.id) says nothing to do")
            }
        }
        var reached: Set<String> = [runbook.steps[0].id]
        var queue = [0]
        while let index = queue.popLast() {
            for target in successors(of: index, in: runbook) where !reached.contains(target) {
                guard let next = runbook.steps.firstIndex(where: { $0.id == target }) else { continue }
                reached.insert(target)
                queue.append(next)
            }
        }
        for step in runbook.steps where !reached.contains(step.id) {
            add(.error, loaded.stepLines[step.id], "step \(step.id) cannot be reached from the first step")
        }
        if let target = runbook.targetSeconds {
            let longest = longestBudget(runbook)
            if longest > target {
                add(
                    .warning, nil,
                    "the longest path's budgets add up to \(SpanFormat.short(longest)), more than the target \(SpanFormat.short(target))"
                )
            }
        }
        return findings
    }
}
