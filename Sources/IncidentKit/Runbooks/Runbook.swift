/// A procedure the wizard walks through: steps with instructions, a time budget, commands,
/// checklist items, an optional verification command, and optional choices that branch.
public struct Runbook: Sendable, Equatable {
    public var id: String
    public var title: String
    public var description: String?
    /// Where it came from: a built-in name, or a file path.
    public var source: String?
    /// Severities it applies to (ids or aliases of the active policy); empty means any.
    public var appliesTo: [String]
    /// The target for the whole run, in seconds ("Target Time: <5 minutes").
    public var targetSeconds: Int?
    /// Things to do on a cadence while the run lasts ("post updates every 30 minutes").
    public var reminders: [RunbookReminder]
    /// Why the document has no steps, when it is a template or a reference page.
    public var notice: String?
    public var steps: [RunbookStep]

    public init(
        id: String, title: String, description: String? = nil, source: String? = nil, appliesTo: [String] = [],
        targetSeconds: Int? = nil, reminders: [RunbookReminder] = [], notice: String? = nil,
        steps: [RunbookStep] = []
    ) {
        self.reminders = reminders
        self.notice = notice
        self.id = id
        self.title = title
        self.description = description
        self.source = source
        self.appliesTo = appliesTo
        self.targetSeconds = targetSeconds
        self.steps = steps
    }

    public func step(_ id: String) -> RunbookStep? { steps.first { $0.id == id } }
}

public struct RunbookStep: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Text lines shown to the operator, in order (prose, notes, expected output).
    public var instructions: [String]
    public var budgetSeconds: Int?
    public var commands: [RunbookCommand]
    public var checklist: [String]
    /// A command whose success (exit 0) the step needs before it can be completed.
    public var verify: RunbookCommand?
    /// Branches: picking one goes to its step. Empty means the next step in order.
    public var choices: [RunbookChoice]
    /// The step after this one when it is not simply the following one; `RunbookStep.end`
    /// ends the run.
    public var next: String?

    /// The `next` of a step whose branch ends the run (an alternative at the end of a runbook).
    public static let end = "end"

    public init(
        id: String, title: String, instructions: [String] = [], budgetSeconds: Int? = nil,
        commands: [RunbookCommand] = [], checklist: [String] = [], verify: RunbookCommand? = nil,
        choices: [RunbookChoice] = [], next: String? = nil
    ) {
        self.id = id
        self.title = title
        self.instructions = instructions
        self.budgetSeconds = budgetSeconds
        self.commands = commands
        self.checklist = checklist
        self.verify = verify
        self.choices = choices
        self.next = next
    }
}

/// A command exactly as written in the runbook; comment lines around it are kept as notes, and
/// the output a console block shows under it as `output` (shown, never run).
public struct RunbookCommand: Sendable, Equatable {
    public var command: String
    public var notes: [String]
    public var output: [String]

    public init(_ command: String, notes: [String] = [], output: [String] = []) {
        self.command = command
        self.notes = notes
        self.output = output
    }
}

/// A cadence the run keeps: "post updates every 30 minutes", "health checks every 5-10 min".
public struct RunbookReminder: Sendable, Equatable {
    public var label: String
    public var everySeconds: Int
    /// Whether a journaled incident update resets it (status updates), rather than only time.
    public var resetByUpdate: Bool

    public init(label: String, everySeconds: Int, resetByUpdate: Bool) {
        self.label = label
        self.everySeconds = everySeconds
        self.resetByUpdate = resetByUpdate
    }
}

public struct RunbookChoice: Sendable, Equatable {
    public var label: String
    public var goto: String

    public init(label: String, goto: String) {
        self.label = label
        self.goto = goto
    }
}
