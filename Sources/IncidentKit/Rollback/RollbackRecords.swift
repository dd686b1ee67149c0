import Foundation

/// Builds the `rollback_*` journal records (DESIGN.md §3) the wizard writes. Every record
/// names its run, so several runs of one incident (an aborted one, a drill, the real one) stay
/// apart, and a drill's records say so.
public enum RollbackRecords {
    public struct Context: Sendable, Equatable {
        public var incidentID: String
        public var runID: String
        public var runbookID: String
        public var drill: Bool
        public var by: String

        public init(incidentID: String, runID: String, runbookID: String, drill: Bool, by: String) {
            self.incidentID = incidentID
            self.runID = runID
            self.runbookID = runbookID
            self.drill = drill
            self.by = by
        }
    }

    public static func newRunID() -> String {
        "RB-" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(8))
    }

    private static func base(_ type: String, _ context: Context) -> JSONObjectBuilder {
        var o = JournalRecords.base(type, context.incidentID)
        o.set("run_id", context.runID)
        o.set("runbook", context.runbookID)
        return o
    }

    private static func finish(_ o: inout JSONObjectBuilder, _ context: Context, ts: Date, eventID: String?) {
        if context.drill { o.set("drill", true) }
        o.set("by", context.by)
        JournalRecords.finish(&o, ts: ts, eventID: eventID)
    }

    public static func started(
        _ context: Context, title: String, source: String, targetSeconds: Int?, firstStep: String?, ts: Date
    ) -> JSONValue {
        var o = base(JournalEventType.rollbackStarted, context)
        o.set("runbook_title", title)
        o.set("runbook_source", source)
        o.set("target_s", orNull: targetSeconds)
        o.set("step", orNull: firstStep)
        finish(&o, context, ts: ts, eventID: nil)
        return o.value
    }

    public struct StepTransition: Sendable, Equatable {
        public var step: String
        public var title: String
        public var status: RollbackStepStatus
        /// Where the run goes next; nil when this was the last step.
        public var next: String?
        /// Transitions of the run before this one: two consoles cannot both make the same one.
        public var sequence: Int
        public var budgetSeconds: Int?
        public var elapsedSeconds: Int
        public var checklist: [String]
        public var choice: String?
        public var reason: String?
        /// "passed", "failed" or "not_run"; nil when the step has no verification.
        public var verification: String?

        public init(
            step: String, title: String, status: RollbackStepStatus, next: String?, sequence: Int,
            budgetSeconds: Int?, elapsedSeconds: Int, checklist: [String] = [], choice: String? = nil,
            reason: String? = nil, verification: String? = nil
        ) {
            self.step = step
            self.title = title
            self.status = status
            self.next = next
            self.sequence = sequence
            self.budgetSeconds = budgetSeconds
            self.elapsedSeconds = elapsedSeconds
            self.checklist = checklist
            self.choice = choice
            self.reason = reason
            self.verification = verification
        }
    }

    public static func step(_ context: Context, _ t: StepTransition, ts: Date) -> JSONValue {
        var o = base(JournalEventType.rollbackStep, context)
        o.set("step", t.step)
        o.set("step_title", t.title)
        o.set("status", t.status.rawValue)
        o.set("next_step", orNull: t.next)
        o.set("seq", t.sequence)
        o.set("budget_s", orNull: t.budgetSeconds)
        o.set("elapsed_s", t.elapsedSeconds)
        o.set("checklist", JSONValue.array(t.checklist.map { .string($0) }))
        o.set("choice", t.choice)
        o.set("reason", t.reason)
        o.set("verification", t.verification)
        finish(&o, context, ts: ts, eventID: nil)
        return o.value
    }

    public struct CommandResult: Sendable, Equatable {
        public var step: String
        /// What ran: the runbook's text with any placeholder values put in.
        public var command: String
        /// The runbook's text, when placeholders were filled in.
        public var template: String?
        public var argv: [String]
        public var exitCode: Int?
        public var interrupted: Bool
        public var startedAt: Date
        public var durationSeconds: Double
        /// The output file, relative to the root.
        public var evidence: String?
        public var isVerification: Bool
        /// A drill records the command as rehearsed without running it.
        public var skippedInDrill: Bool
        /// Why it could not start, when it could not.
        public var error: String?
        /// The run's shell context after the command (the one it ran in, or the one a `cd` or
        /// an assignment made); nil writes none (a run that never had one).
        public var context: ShellContext?
        /// The command only changed the context: nothing was executed.
        public var changedContext: Bool

        public init(
            step: String, command: String, argv: [String], exitCode: Int?, interrupted: Bool = false,
            startedAt: Date, durationSeconds: Double, evidence: String?, isVerification: Bool,
            skippedInDrill: Bool = false, error: String? = nil, template: String? = nil,
            context: ShellContext? = nil, changedContext: Bool = false
        ) {
            self.context = context
            self.changedContext = changedContext
            self.step = step
            self.command = command
            self.template = template
            self.argv = argv
            self.exitCode = exitCode
            self.interrupted = interrupted
            self.startedAt = startedAt
            self.durationSeconds = durationSeconds
            self.evidence = evidence
            self.isVerification = isVerification
            self.skippedInDrill = skippedInDrill
            self.error = error
        }
    }

    public static func command(_ context: Context, _ r: CommandResult, ts: Date) -> JSONValue {
        var o = base(JournalEventType.rollbackCommand, context)
        o.set("step", r.step)
        o.set("command", r.command)
        o.set("template", r.template)
        o.set("argv", JSONValue.array(r.argv.map { .string($0) }))
        o.set("exit_code", orNull: r.exitCode)
        o.set("interrupted", r.interrupted)
        o.set("started_at", Timestamp.format(r.startedAt))
        o.set("duration_s", (r.durationSeconds * 1000).rounded() / 1000)
        o.set("evidence", orNull: r.evidence)
        o.set("is_verification", r.isVerification)
        if r.skippedInDrill { o.set("skipped_in_drill", true) }
        o.set("error", r.error)
        if let shell = r.context { shell.journalFields(into: &o) }
        if r.changedContext { o.set("context_change", true) }
        finish(&o, context, ts: ts, eventID: nil)
        return o.value
    }

    public static func completed(
        _ context: Context, sequence: Int, totalSeconds: Int, targetSeconds: Int?, ts: Date
    ) -> JSONValue {
        var o = base(JournalEventType.rollbackCompleted, context)
        o.set("seq", sequence)
        o.set("total_s", totalSeconds)
        o.set("target_s", orNull: targetSeconds)
        finish(&o, context, ts: ts, eventID: nil)
        return o.value
    }

    public static func aborted(_ context: Context, sequence: Int, step: String?, reason: String, ts: Date) -> JSONValue
    {
        var o = base(JournalEventType.rollbackAborted, context)
        o.set("seq", sequence)
        o.set("step", step)
        o.set("reason", reason)
        finish(&o, context, ts: ts, eventID: nil)
        return o.value
    }
}
