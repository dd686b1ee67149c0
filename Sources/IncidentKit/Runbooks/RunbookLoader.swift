import Foundation

/// A runbook read from a file, with where each step stands in it (for lint messages).
public struct LoadedRunbook: Sendable {
    public var runbook: Runbook
    public var file: String
    /// Step id → line of the step in the file.
    public var stepLines: [String: Int]
    /// Step id → lines of its `goto`/`next` references, for lint messages.
    public var referenceLines: [String: Int]

    public init(runbook: Runbook, file: String, stepLines: [String: Int] = [:], referenceLines: [String: Int] = [:]) {
        self.runbook = runbook
        self.file = file
        self.stepLines = stepLines
        self.referenceLines = referenceLines
    }
}

/// Reads the YAML runbook format:
///
/// ```yaml
/// id: pilot-rollback
/// title: Pilot rollback
/// applies_to: [SEV-1, SEV-2]
/// target: 15m
/// steps:
///   - id: stop-runner
///     title: Stop the node runner process
///     budget: 2m
///     instructions: Stop the runner before checking out the last good release.
///     commands: ["pkill -f pilot_node_runner.py"]
///     checklist: [Runner stopped]
///     verify: "pgrep -f pilot_node_runner.py && exit 1 || exit 0"
///     choices: [{label: Config rollback, goto: config}]
///     next: restart
/// ```
public enum RunbookLoader {
    public static func load(path: String) throws -> LoadedRunbook {
        let data: [UInt8]
        do {
            data = try RegularFile.read(path, maxBytes: PolicyLoader.maxBytes)
        } catch {
            throw PolicyError(file: path, line: nil, field: "", message: "cannot read the file (\(error.message))")
        }
        return try parse(text: String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(text: String, file: String) throws -> LoadedRunbook {
        let root = try YAMLReader.load(text: text, file: file)
        let top = try root.mapping(allowed: ["id", "title", "description", "source", "applies_to", "target", "steps"])
        guard let id = try top["id"]?.string(), !id.isEmpty else { throw root.missing("id", "a runbook needs an `id`") }
        guard let stepsNode = top["steps"] else { throw root.missing("steps", "a runbook needs `steps`") }
        var stepLines: [String: Int] = [:]
        var referenceLines: [String: Int] = [:]
        var steps: [RunbookStep] = []
        for (index, node) in try stepsNode.sequence().enumerated() {
            let fields = try node.mapping(allowed: [
                "id", "title", "instructions", "budget", "commands", "checklist", "verify", "choices", "next",
            ])
            let stepID = try fields["id"]?.string() ?? "step-\(index + 1)"
            guard stepLines[stepID] == nil else { throw node.error("step id \"\(stepID)\" is used twice") }
            stepLines[stepID] = node.line
            var choices: [RunbookChoice] = []
            for choiceNode in try fields["choices"]?.sequence() ?? [] {
                let choice = try choiceNode.mapping(allowed: ["label", "goto"])
                guard let label = try choice["label"]?.string() else {
                    throw choiceNode.missing("label", "a choice needs a `label`")
                }
                guard let target = try choice["goto"]?.string() else {
                    throw choiceNode.missing("goto", "a choice needs a `goto`")
                }
                choices.append(RunbookChoice(label: label, goto: target))
                referenceLines["\(stepID)→\(target)"] = choiceNode.line
            }
            let next = try fields["next"]?.string()
            if let next { referenceLines["\(stepID)→\(next)"] = fields["next"]?.line }
            steps.append(
                RunbookStep(
                    id: stepID, title: try fields["title"]?.string() ?? stepID,
                    instructions: try fields["instructions"]?.stringList() ?? [],
                    budgetSeconds: try fields["budget"]?.duration().wallSeconds,
                    commands: try (fields["commands"]?.stringList() ?? []).map { RunbookCommand($0) },
                    checklist: try fields["checklist"]?.stringList() ?? [],
                    verify: try fields["verify"].map { RunbookCommand(try $0.string()) }, choices: choices, next: next))
        }
        let runbook = Runbook(
            id: id, title: try top["title"]?.string() ?? id, description: try top["description"]?.string(),
            source: try top["source"]?.string() ?? file, appliesTo: try top["applies_to"]?.stringList() ?? [],
            targetSeconds: try top["target"]?.duration().wallSeconds, steps: steps)
        return LoadedRunbook(runbook: runbook, file: file, stepLines: stepLines, referenceLines: referenceLines)
    }
}
