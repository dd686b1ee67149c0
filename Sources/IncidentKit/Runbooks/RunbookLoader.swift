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
        try parse(text: try FileType.readText(path), file: path)
    }

    public static func parse(text: String, file: String) throws -> LoadedRunbook {
        let root = try YAMLReader.load(text: text, file: file)
        let top = try root.mapping(allowed: [
            "id", "title", "description", "source", "applies_to", "target", "target_s", "reminders", "notice", "steps",
        ])
        guard let id = try top["id"]?.string(), !id.isEmpty else { throw root.missing("id", "a runbook needs an `id`") }
        guard let stepsNode = top["steps"] else { throw root.missing("steps", "a runbook needs `steps`") }
        var stepLines: [String: Int] = [:]
        var referenceLines: [String: Int] = [:]
        var steps: [RunbookStep] = []
        for (index, node) in try stepsNode.sequence().enumerated() {
            let fields = try node.mapping(allowed: [
                "id", "title", "instructions", "budget", "budget_s", "commands", "checklist", "verify", "choices",
                "next",
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
                    budgetSeconds: try fields["budget"]?.duration().wallSeconds ?? seconds(fields["budget_s"]),
                    commands: try (fields["commands"].map(commandList) ?? []),
                    checklist: try fields["checklist"]?.stringList() ?? [],
                    verify: try fields["verify"].map(command), choices: choices, next: next))
        }
        let runbook = Runbook(
            id: id, title: try top["title"]?.string() ?? id, description: try top["description"]?.string(),
            source: try top["source"]?.string() ?? file, appliesTo: try top["applies_to"]?.stringList() ?? [],
            targetSeconds: try top["target"]?.duration().wallSeconds ?? seconds(top["target_s"]),
            reminders: try (top["reminders"]?.sequence() ?? []).map(reminder), notice: try top["notice"]?.string(),
            steps: steps)
        return LoadedRunbook(runbook: runbook, file: file, stepLines: stepLines, referenceLines: referenceLines)
    }

    /// Whole seconds (`budget_s`, `target_s` of the JSON form); null is none.
    private static func seconds(_ reader: YAMLReader?) throws -> Int? {
        guard let reader, case .scalar(let scalar) = reader.node, !["null", "~", ""].contains(scalar.string) else {
            return nil
        }
        return try reader.int()
    }

    /// A list of commands, or one: each the text, or `{command, notes, output}`.
    private static func commandList(_ reader: YAMLReader) throws -> [RunbookCommand] {
        if case .scalar = reader.node { return [try command(reader)] }
        return try reader.sequence().map(command)
    }

    private static func command(_ reader: YAMLReader) throws -> RunbookCommand {
        if case .scalar = reader.node { return RunbookCommand(try reader.string()) }
        let fields = try reader.mapping(allowed: ["command", "notes", "output"])
        guard let text = try fields["command"]?.string() else {
            throw reader.missing("command", "a command needs its `command` text")
        }
        return RunbookCommand(
            text, notes: try fields["notes"]?.stringList() ?? [], output: try fields["output"]?.stringList() ?? [])
    }

    private static func reminder(_ reader: YAMLReader) throws -> RunbookReminder {
        let fields = try reader.mapping(allowed: ["label", "every", "every_s", "reset_by_update"])
        guard let label = try fields["label"]?.string() else {
            throw reader.missing("label", "a reminder needs a `label`")
        }
        guard let every = try fields["every"]?.duration().wallSeconds ?? seconds(fields["every_s"]) else {
            throw reader.missing("every", "a reminder needs `every` (a duration)")
        }
        let reset = try fields["reset_by_update"].map { try $0.string() == "true" } ?? false
        return RunbookReminder(label: label, everySeconds: every, resetByUpdate: reset)
    }
}
