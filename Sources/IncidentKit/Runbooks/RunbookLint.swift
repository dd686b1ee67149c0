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
        if !step.choices.isEmpty { return step.choices.map(\.goto) }
        if let next = step.next { return [next] }
        return index + 1 < runbook.steps.count ? [runbook.steps[index + 1].id] : []
    }

    public static func check(_ loaded: LoadedRunbook) -> [Finding] {
        let runbook = loaded.runbook
        var findings: [Finding] = []
        func add(_ level: Finding.Level, _ line: Int?, _ message: String) {
            findings.append(Finding(level: level, file: loaded.file, line: line, message: message))
        }
        guard !runbook.steps.isEmpty else {
            add(.error, nil, "the runbook has no steps")
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
                add(.error, loaded.stepLines[step.id], "step \(step.id) has no budget but the runbook has a target")
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
            let total = runbook.steps.compactMap(\.budgetSeconds).reduce(0, +)
            if total > target {
                add(
                    .warning, nil,
                    "the step budgets add up to \(SpanFormat.short(total)), more than the target \(SpanFormat.short(target))"
                )
            }
        }
        return findings
    }
}
