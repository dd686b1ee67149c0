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
    /// Step and command events read as the wizard reads them; one without its step, a known
    /// status or its command has nothing to place and is left out (the timeline still shows it).
    public var steps: [RollbackRun.StepRecord] = []
    public var commands: [RollbackRun.CommandRecord] = []
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
            if let record = RollbackRun.StepRecord(event) { steps.append(record) }
        case JournalEventType.rollbackCommand:
            if let record = RollbackRun.CommandRecord(event) { commands.append(record) }
        case JournalEventType.rollbackCompleted:
            targetSeconds = targetSeconds ?? fields["target_s"]?.intValue
            outcome = .completed(at: at, totalSeconds: CheckedNumber.span(fields["total_s"]?.doubleValue))
        case JournalEventType.rollbackAborted:
            outcome = .aborted(at: at, step: event.string("step"), reason: event.string("reason"))
        default:
            break
        }
    }

    /// Each step's final record, in the order the steps were first entered: the last event of
    /// the step that is not a `back` (the step was re-entered after it and its clock went on).
    /// Steps only ever left with `back` keep that record.
    public var finalSteps: [(record: RollbackRun.StepRecord, backs: Int)] {
        var order: [String] = []
        var latest: [String: RollbackRun.StepRecord] = [:]
        var backs: [String: Int] = [:]
        for record in steps {
            if latest[record.step] == nil { order.append(record.step) }
            if record.status == .back {
                backs[record.step, default: 0] += 1
                if latest[record.step] == nil || latest[record.step]?.status == .back { latest[record.step] = record }
            } else {
                latest[record.step] = record
            }
        }
        return order.compactMap { id in latest[id].map { ($0, backs[id] ?? 0) } }
    }
}
