/// The JSON form of a runbook printed by `runbook show --json` and `runbook import --json`:
/// `{"id","title","description","source","applies_to","target_s","reminders","notice","steps":[
/// {"id","title","instructions","budget_s","commands","checklist","verify","choices","next"}]}`.
/// It holds everything the runbook holds, and the runbook loader reads it back (JSON is YAML).
/// A command is its text, or `{"command","notes","output"}` when it has notes or shown output.
public enum RunbookJSON {
    public static func render(_ runbook: Runbook) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", runbook.id)
        o.set("title", runbook.title)
        if let description = runbook.description { o.set("description", description) }
        if let source = runbook.source { o.set("source", source) }
        if !runbook.appliesTo.isEmpty { o.set("applies_to", .array(runbook.appliesTo.map { .string($0) })) }
        o.set("target_s", orNull: runbook.targetSeconds)
        if !runbook.reminders.isEmpty {
            o.set(
                "reminders",
                .array(
                    runbook.reminders.map { reminder in
                        var r = JSONObjectBuilder()
                        r.set("label", reminder.label)
                        r.set("every_s", reminder.everySeconds)
                        r.set("reset_by_update", reminder.resetByUpdate)
                        return r.value
                    }))
        }
        if let notice = runbook.notice { o.set("notice", notice) }
        o.set("steps", .array(runbook.steps.map(step)))
        return o.value
    }

    static func step(_ step: RunbookStep) -> JSONValue {
        var s = JSONObjectBuilder()
        s.set("id", step.id)
        s.set("title", step.title)
        if !step.instructions.isEmpty { s.set("instructions", .array(step.instructions.map { .string($0) })) }
        s.set("budget_s", orNull: step.budgetSeconds)
        s.set("commands", .array(step.commands.map(command)))
        s.set("checklist", .array(step.checklist.map { .string($0) }))
        if let verify = step.verify { s.set("verify", command(verify)) }
        s.set(
            "choices",
            .array(
                step.choices.map { choice in
                    var c = JSONObjectBuilder()
                    c.set("label", choice.label)
                    c.set("goto", choice.goto)
                    return c.value
                }))
        if let next = step.next { s.set("next", next) }
        return s.value
    }

    static func command(_ command: RunbookCommand) -> JSONValue {
        guard !command.notes.isEmpty || !command.output.isEmpty else { return .string(command.command) }
        var c = JSONObjectBuilder()
        c.set("command", command.command)
        if !command.notes.isEmpty { c.set("notes", .array(command.notes.map { .string($0) })) }
        if !command.output.isEmpty { c.set("output", .array(command.output.map { .string($0) })) }
        return c.value
    }
}
