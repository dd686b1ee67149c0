import Foundation

/// One wizard run over a runbook, folded from its `rollback_*` events. Where the run stands
/// (the current step, when it was entered, what ran) comes only from the journal, so a console
/// started again after a dropped session, or a second console, sees the same progress.
public struct RollbackRun: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case inProgress
        case completed(at: Date)
        case aborted(at: Date, reason: String?)
    }

    public var id: String
    public var incidentID: String
    public var runbookID: String
    public var runbookTitle: String?
    public var runbookSource: String?
    public var targetSeconds: Int?
    public var drill: Bool
    public var startedAt: Date
    public var startedBy: String?
    /// The step the run began at (the runbook's first step when the event does not say).
    public var firstStep: String?
    public var steps: [StepRecord] = []
    public var commands: [CommandRecord] = []
    public var outcome: Outcome = .inProgress
    /// Step ids entered so far, the current one last; `back` pops.
    public private(set) var path: [String] = []
    /// When the current position was reached.
    public private(set) var positionSince: Date
    /// Position changes so far (steps, completion, abort): the `seq` the next one must carry.
    public private(set) var transitions = 0
    /// All steps are behind it; only the completion remains to be written.
    public private(set) var finishedSteps = false

    public var isActive: Bool { outcome == .inProgress }

    /// The working directory and variables the run's commands have set so far: the context of
    /// its latest command that recorded one (so a resumed run has it back).
    public var shell: ShellContext { commands.last { $0.context != nil }?.context ?? ShellContext() }

    /// The step the operator is on; nil when every step is done.
    public var currentStep: String? { finishedSteps ? nil : path.last }

    /// Seconds spent on a step so far, over every visit (a `back` re-enters a step).
    public func secondsOnStep(_ step: String, now: Date) -> Int {
        let before = steps.filter { $0.step == step }.reduce(0) {
            $0 + CheckedNumber.int(clamping: $1.elapsedSeconds ?? 0)
        }
        let current =
            currentStep == step && isActive
            ? max(0, CheckedNumber.int(clamping: now.timeIntervalSince(positionSince))) : 0
        return before + current
    }

    /// Seconds on the current visit of the current step.
    public func secondsOnCurrentVisit(now: Date) -> Int {
        max(0, CheckedNumber.int(clamping: now.timeIntervalSince(positionSince)))
    }

    public func totalSeconds(now: Date) -> Int {
        switch outcome {
        case .inProgress: return max(0, CheckedNumber.int(clamping: now.timeIntervalSince(startedAt)))
        case .completed(let at), .aborted(let at, _):
            return max(0, CheckedNumber.int(clamping: at.timeIntervalSince(startedAt)))
        }
    }

    /// The latest record of a step (its status in the run), ignoring `back`.
    public func lastRecord(of step: String) -> StepRecord? {
        steps.last { $0.step == step && $0.status != .back }
    }

    public func commands(of step: String) -> [CommandRecord] { commands.filter { $0.step == step } }

    /// The step's latest verification result in this run.
    public func lastVerification(of step: String) -> CommandRecord? {
        commands.last { $0.step == step && $0.isVerification }
    }

    init?(started event: JournalEvent) {
        guard let runID = event.string("run_id"), let incidentID = event.incidentID,
            let runbook = event.string("runbook"), let at = event.ts
        else { return nil }
        id = runID
        self.incidentID = incidentID
        runbookID = runbook
        runbookTitle = event.string("runbook_title")
        runbookSource = event.string("runbook_source")
        targetSeconds = event.fields["target_s"]?.intValue
        drill = event.fields["drill"]?.boolValue ?? false
        startedAt = at
        startedBy = event.string("by")
        firstStep = event.string("step")
        positionSince = at
        if let firstStep { path = [firstStep] }
    }

    /// Gives the run the runbook's first step when its start event did not name one.
    public mutating func begin(at step: String) {
        if path.isEmpty, !finishedSteps {
            path = [step]
            firstStep = firstStep ?? step
        }
    }

    mutating func apply(_ event: JournalEvent) {
        guard let at = event.ts, isActive else { return }
        switch event.type {
        case JournalEventType.rollbackStep:
            guard var record = StepRecord(event) else { return }
            record.elapsedSeconds =
                record.elapsedSeconds
                ?? Double(max(0, CheckedNumber.int(clamping: at.timeIntervalSince(positionSince))))
            steps.append(record)
            move(status: record.status, next: record.next)
            positionSince = at
            transitions += 1
        case JournalEventType.rollbackCommand:
            guard let record = CommandRecord(event) else { return }
            commands.append(record)
        case JournalEventType.rollbackCompleted:
            outcome = .completed(at: at)
            transitions += 1
        case JournalEventType.rollbackAborted:
            outcome = .aborted(at: at, reason: event.string("reason"))
            transitions += 1
        default:
            break
        }
    }

    private mutating func move(status: RollbackStepStatus, next: String?) {
        if status == .back {
            if path.count > 1 { path.removeLast() }
            if let next, path.last != next { path.append(next) }
            finishedSteps = false
            return
        }
        if let next {
            path.append(next)
        } else {
            finishedSteps = true
        }
    }

    /// Every run of an incident, oldest first.
    /// Runs are found first, so an event stamped before its run's start (a console whose clock
    /// is behind the one that started the run) still belongs to it.
    public static func runs(of incident: Incident) -> [RollbackRun] {
        var runs: [RollbackRun] = []
        for event in incident.rollbackEvents where event.type == JournalEventType.rollbackStarted {
            if let run = RollbackRun(started: event), !runs.contains(where: { $0.id == run.id }) { runs.append(run) }
        }
        for event in incident.rollbackEvents where event.type != JournalEventType.rollbackStarted {
            guard let runID = event.string("run_id"), let index = runs.firstIndex(where: { $0.id == runID }) else {
                continue
            }
            runs[index].apply(event)
        }
        return runs
    }

    /// The run still in progress on an incident, if any (the latest one).
    public static func active(of incident: Incident) -> RollbackRun? { runs(of: incident).last { $0.isActive } }
}
