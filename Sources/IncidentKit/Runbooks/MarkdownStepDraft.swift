/// A step while the importer is still building it; choices and `next` point at draft indices.
struct MarkdownStepDraft {
    enum Kind {
        /// A step heading ("Step 1: …", "1. …", a heading with a budget), or "**Step 1: …**".
        case heading
        /// An item of a numbered list under a procedure heading.
        case listItem
        /// A branch of a choice: "Scenario A: …", "Option A: …", or an "If …" item of a decision tree.
        case branch
        /// A "Choose a scenario" step made for a group of branches.
        case chooser
        /// A plain section heading with content of its own.
        case section
        /// One of a step's alternative commands ("# OR", "A or B"), a branch of its choice.
        case alternative
    }

    var kind: Kind
    var level: Int
    var title: String
    var line: Int
    var instructions: [String] = []
    var budgetSeconds: Int?
    var commands: [RunbookCommand] = []
    var checklist: [String] = []
    var choices: [(label: String, target: Int)] = []
    var next: Int?
    /// For an alternative: the step whose choice it is.
    var alternativeOf: Int?
    /// For an alternative but the last: the last one, whose way on it takes.
    var joinsLastOf: Int?
    /// For the commands after a step's alternatives: that step (which keeps the budget).
    var continuationOf: Int?

    /// Whether the step asks the operator to do something, as opposed to reference text.
    var isActionable: Bool {
        kind != .section || budgetSeconds != nil || !commands.isEmpty || !checklist.isEmpty || !choices.isEmpty
    }
}

/// Branches being collected under one chooser: their first draft indices, closed by a shallower heading.
struct MarkdownBranchGroup {
    enum Kind { case scenario, option, decision }

    var kind: Kind
    var chooser: Int
    /// The heading level of the branches (list items count as one deeper than their section).
    var level: Int
    var starts: [Int] = []
}
