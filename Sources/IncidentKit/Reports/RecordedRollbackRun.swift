import Foundation

/// One wizard run as the journal recorded it (the `rollback_*` events of one `run_id`, see the
/// rollback event contract): how it started, every step event, every command, how it ended.
public struct RecordedRollbackRun: Sendable {
    public enum Outcome: Sendable, Equatable {
        case completed(at: Date, totalSeconds: Double?)
        case aborted(at: Date, step: String?, reason: String?)
        /// Started (or only stepped) and neither completed nor aborted yet.
        case inProgress
    }

    public struct StepEvent: Sendable {
        public var at: Date
        public var step: String
        public var title: String?
        /// done, skipped, failed (completed over a failed verification) or back.
        public var status: String
        public var budgetSeconds: Int?
        public var elapsedSeconds: Double?
        public var checklist: [String]
        public var choice: String?
        public var reason: String?
        /// passed, failed, not_run; nil when the step has no verification.
        public var verification: String?
        public var by: String?
    }

    public struct CommandEvent: Sendable {
        public var at: Date
        public var step: String?
        public var command: String
        public var exitCode: Int?
        public var interrupted: Bool
        public var startedAt: Date?
        public var durationSeconds: Double?
        /// Relative to the root.
        public var evidence: String?
        public var isVerification: Bool
        public var skippedInDrill: Bool
        public var by: String?
    }

    /// Events without a `run_id` (written by other tools) are gathered under this id.
    public static let unnamedRun = "(no run id)"

    public var runID: String
    public var runbook: String?
    public var runbookTitle: String?
    public var runbookSource: String?
    public var targetSeconds: Int?
    public var drill: Bool
    public var by: String?
    /// The `rollback_started` time, else the run's first event.
    public var startedAt: Date
    public var hasStartEvent: Bool
    public var steps: [StepEvent] = []
    public var commands: [CommandEvent] = []
    public var outcome: Outcome = .inProgress

    public var completedAt: Date? {
        if case .completed(let at, _) = outcome { return at }
        return nil
    }

    /// The incident's runs in the order they started.
    public static func runs(of incident: Incident) -> [RecordedRollbackRun] {
        var runs: [String: RecordedRollbackRun] = [:]
        var order: [String] = []
        for event in incident.rollbackEvents {
            guard let at = event.ts else { continue }
            let id = event.string("run_id", "run") ?? unnamedRun
            if runs[id] == nil {
                order.append(id)
                runs[id] = RecordedRollbackRun(
                    runID: id, drill: false, startedAt: at, hasStartEvent: false)
            }
            runs[id]!.apply(event, at: at)
        }
        return order.compactMap { runs[$0] }.sorted { $0.startedAt < $1.startedAt }
    }

    private mutating func apply(_ event: JournalEvent, at: Date) {
        let fields = event.fields
        if fields["drill"]?.boolValue == true { drill = true }
        runbook = runbook ?? event.string("runbook")
        by = by ?? event.string("by")
        switch event.type {
        case JournalEventType.rollbackStarted:
            if !hasStartEvent {
                hasStartEvent = true
                startedAt = at
            }
            runbookTitle = event.string("runbook_title") ?? runbookTitle
            runbookSource = event.string("runbook_source") ?? runbookSource
            targetSeconds = fields["target_s"]?.intValue ?? targetSeconds
        case JournalEventType.rollbackStep:
            steps.append(
                StepEvent(
                    at: at, step: event.string("step") ?? "?", title: event.string("step_title"),
                    status: event.string("status") ?? "done", budgetSeconds: fields["budget_s"]?.intValue,
                    elapsedSeconds: fields["elapsed_s"]?.doubleValue,
                    checklist: fields["checklist"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    choice: event.string("choice"), reason: event.string("reason"),
                    verification: event.string("verification"), by: event.string("by")))
        case "rollback_command":
            commands.append(
                CommandEvent(
                    at: at, step: event.string("step"), command: event.string("command") ?? "",
                    exitCode: fields["exit_code"]?.intValue, interrupted: fields["interrupted"]?.boolValue ?? false,
                    startedAt: fields["started_at"].flatMap(Timestamp.parse),
                    durationSeconds: fields["duration_s"]?.doubleValue, evidence: event.string("evidence"),
                    isVerification: fields["is_verification"]?.boolValue ?? false,
                    skippedInDrill: fields["skipped_in_drill"]?.boolValue ?? false, by: event.string("by")))
        case JournalEventType.rollbackCompleted:
            targetSeconds = targetSeconds ?? fields["target_s"]?.intValue
            outcome = .completed(at: at, totalSeconds: fields["total_s"]?.doubleValue)
        case JournalEventType.rollbackAborted:
            outcome = .aborted(at: at, step: event.string("step"), reason: event.string("reason"))
        default:
            break
        }
    }

    /// Each step's final record, in the order the steps were first entered: the last event of
    /// the step that is not a `back` (the step was re-entered after it and its clock went on).
    /// Steps only ever left with `back` keep that record.
    public var finalSteps: [(event: StepEvent, backs: Int)] {
        var order: [String] = []
        var latest: [String: StepEvent] = [:]
        var backs: [String: Int] = [:]
        for event in steps {
            if latest[event.step] == nil { order.append(event.step) }
            if event.status == "back" {
                backs[event.step, default: 0] += 1
                if latest[event.step] == nil || latest[event.step]?.status == "back" { latest[event.step] = event }
            } else {
                latest[event.step] = event
            }
        }
        return order.compactMap { id in latest[id].map { ($0, backs[id] ?? 0) } }
    }
}
