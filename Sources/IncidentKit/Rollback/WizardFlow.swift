import Foundation

/// The wizard's rules over a runbook and a run: which step comes next, where `back` goes, and
/// whether a step may be completed. Pure, so the console and the tests share it.
public struct WizardFlow: Sendable {
    public let runbook: Runbook
    public let run: RollbackRun

    public init(runbook: Runbook, run: RollbackRun) {
        var run = run
        if let first = runbook.steps.first?.id { run.begin(at: first) }
        self.runbook = runbook
        self.run = run
    }

    public var currentStep: RunbookStep? { run.currentStep.flatMap(runbook.step) }

    /// 1-based position of the current step in the runbook, for "step 3 of 8".
    public var currentNumber: Int? {
        run.currentStep.flatMap { id in runbook.steps.firstIndex { $0.id == id }.map { $0 + 1 } }
    }

    /// The step after `step`: the chosen branch, else its `next`, else the following step.
    public func next(after step: RunbookStep, choice: String?) -> String? {
        if let choice { return choice == RunbookStep.end && runbook.step(choice) == nil ? nil : choice }
        if let next = step.next { return next == RunbookStep.end && runbook.step(next) == nil ? nil : next }
        guard let index = runbook.steps.firstIndex(where: { $0.id == step.id }), index + 1 < runbook.steps.count
        else { return nil }
        return runbook.steps[index + 1].id
    }

    /// Where `b` leads: the step entered before the current one (the last step when all are done).
    public var previousStep: String? {
        if run.currentStep == nil { return run.path.last }
        return run.path.count > 1 ? run.path[run.path.count - 2] : nil
    }

    public enum Gate: Sendable, Equatable {
        case open
        /// The step branches and no branch is chosen.
        case needsChoice
        /// The verification failed (exit code) or was not run: completing needs an override reason.
        case verificationFailed(exitCode: Int?)
        case verificationNotRun
    }

    /// Whether the current step may be completed as it stands. In a drill nothing runs, so the
    /// rehearsed verification counts.
    public func gate(for step: RunbookStep, choice: String?) -> Gate {
        if !step.choices.isEmpty, choice == nil { return .needsChoice }
        guard step.verify != nil else { return .open }
        guard let result = run.lastVerification(of: step.id) else { return .verificationNotRun }
        if result.skippedInDrill || result.succeeded { return .open }
        return .verificationFailed(exitCode: result.exitCode)
    }

    /// The verification word the step event records.
    public func verificationWord(for step: RunbookStep) -> String? {
        guard step.verify != nil else { return nil }
        guard let result = run.lastVerification(of: step.id) else { return "not_run" }
        return result.skippedInDrill || result.succeeded ? "passed" : "failed"
    }

    /// Budget against time on the step; positive overrun in seconds when over.
    public func stepOverrun(_ step: RunbookStep, now: Date) -> Int? {
        guard let budget = step.budgetSeconds else { return nil }
        let over = run.secondsOnStep(step.id, now: now) - budget
        return over > 0 ? over : nil
    }

    public func targetOverrun(now: Date) -> Int? {
        guard let target = run.targetSeconds ?? runbook.targetSeconds else { return nil }
        let over = run.totalSeconds(now: now) - target
        return over > 0 ? over : nil
    }

    /// Seconds until a cadence of the runbook is next due (negative: overdue). A reminder about
    /// updates restarts from the latest journaled incident update; others keep their rhythm from
    /// the start of the run.
    public func reminderDue(_ reminder: RunbookReminder, lastUpdate: Date?, now: Date) -> Int {
        let every = max(60, reminder.everySeconds)
        if reminder.resetByUpdate {
            let base = max(run.startedAt, lastUpdate ?? run.startedAt)
            return every - Int(now.timeIntervalSince(base))
        }
        let elapsed = max(0, Int(now.timeIntervalSince(run.startedAt)))
        return every - elapsed % every
    }
}
