/// The JSON form of a runbook printed by `runbook show --json` and `runbook import --json`:
/// `{"id","title","target_s","steps":[{"id","title","budget_s","commands":[…],"checklist":[…],
/// "choices":[{"label","goto"}]}]}`.
public enum RunbookJSON {
    public static func render(_ runbook: Runbook) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", runbook.id)
        o.set("title", runbook.title)
        o.set("target_s", orNull: runbook.targetSeconds)
        o.set(
            "steps",
            .array(
                runbook.steps.map { step in
                    var s = JSONObjectBuilder()
                    s.set("id", step.id)
                    s.set("title", step.title)
                    s.set("budget_s", orNull: step.budgetSeconds)
                    s.set("commands", .array(step.commands.map { .string($0.command) }))
                    s.set("checklist", .array(step.checklist.map { .string($0) }))
                    s.set(
                        "choices",
                        .array(
                            step.choices.map { choice in
                                var c = JSONObjectBuilder()
                                c.set("label", choice.label)
                                c.set("goto", choice.goto)
                                return c.value
                            }))
                    return s.value
                }))
        return o.value
    }
}
