import Foundation

/// One `rollback_step` and one `rollback_command` event as read back from the journal. Both the
/// wizard's fold (`RollbackRun`) and the report's (`RecordedRollbackRun`) read them through
/// these, so the two agree on every field.
extension RollbackRun {
    public struct StepRecord: Sendable, Equatable {
        public var step: String
        public var title: String?
        public var status: RollbackStepStatus
        public var next: String?
        public var at: Date
        public var by: String?
        public var budgetSeconds: Int?
        /// The event's `elapsed_s`; nil when it has none (`RollbackRun` then fills in the time
        /// since the run's previous position).
        public var elapsedSeconds: Double?
        public var checklist: [String]
        public var choice: String?
        public var reason: String?
        /// "passed", "failed" or "not_run"; nil when the step has no verification.
        public var verification: String?

        /// Nil when the event has no time, no step or a status the contract does not know.
        public init?(_ event: JournalEvent) {
            guard let at = event.ts, let step = event.string("step"),
                let status = event.string("status").flatMap(RollbackStepStatus.init(rawValue:))
            else { return nil }
            self.step = step
            self.status = status
            self.at = at
            title = event.string("step_title")
            next = event.string("next_step")
            by = event.string("by")
            budgetSeconds = event.fields["budget_s"]?.intValue
            elapsedSeconds = event.span("elapsed_s")
            checklist = event.fields["checklist"]?.arrayValue?.compactMap(\.stringValue) ?? []
            choice = event.string("choice")
            reason = event.string("reason")
            verification = event.string("verification")
        }
    }

    public struct CommandRecord: Sendable, Equatable {
        public var step: String
        /// What ran.
        public var command: String
        /// The runbook's text when placeholders were filled in (`command` is what ran).
        public var template: String?
        public var argv: [String]
        public var exitCode: Int?
        public var interrupted: Bool
        public var startedAt: Date?
        public var durationSeconds: Double?
        /// The output file, relative to the root.
        public var evidence: String?
        public var isVerification: Bool
        public var skippedInDrill: Bool
        /// Why it could not start, when it could not.
        public var error: String?
        public var at: Date
        public var by: String?
        /// The shell context after the command, when the event has one.
        public var context: ShellContext?
        public var changedContext: Bool

        public var succeeded: Bool { exitCode == 0 && !interrupted }

        /// Nil when the event has no time, no step or no command.
        public init?(_ event: JournalEvent) {
            guard let at = event.ts, let step = event.string("step"), let command = event.string("command") else {
                return nil
            }
            self.step = step
            self.command = command
            self.at = at
            template = event.string("template")
            argv = event.fields["argv"]?.arrayValue?.compactMap(\.stringValue) ?? []
            exitCode = event.fields["exit_code"]?.intValue
            interrupted = event.fields["interrupted"]?.boolValue ?? false
            startedAt = event.fields["started_at"].flatMap(Timestamp.parse)
            durationSeconds = event.fields["duration_s"]?.doubleValue
            evidence = event.string("evidence")
            isVerification = event.fields["is_verification"]?.boolValue ?? false
            skippedInDrill = event.fields["skipped_in_drill"]?.boolValue ?? false
            error = event.string("error")
            by = event.string("by")
            context = ShellContext(journal: event.fields)
            changedContext = event.fields["context_change"]?.boolValue ?? false
        }
    }
}
