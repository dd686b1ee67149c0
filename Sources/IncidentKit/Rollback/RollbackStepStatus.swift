/// How a `rollback_step` event moved a wizard run on.
public enum RollbackStepStatus: String, Sendable, Equatable {
    /// Completed (its verification, if any, passed).
    case done
    /// Skipped, with a reason.
    case skipped
    /// Completed although its verification failed or was not run: overridden, with a reason.
    case failed
    /// The operator went back to the previous step; clocks keep running.
    case back
}
