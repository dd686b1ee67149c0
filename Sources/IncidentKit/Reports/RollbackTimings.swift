import Foundation

/// The timings the seeds ask of a rollback (RB-LAUNCH-002's drill: "time to detect incident,
/// time to initiate rollback, time to complete rollback, time to verify pilot repo"; the
/// Operations Runbook's DR drill: detection, restart complete, first clean check, against an
/// RTO), computed from one recorded run of an incident. Plain values; `RollbackTimings.line(_:)`
/// is an optional formatter.
///
/// Definitions (each span is `end - start`, in seconds):
/// - **detect**: the incident's onset → `incident_open`. The onset is the first of
///   `impact_start`, `impact_started_at`, `onset`, `detected_at`, `started_at`, `since` on the
///   `incident_open` event; without one the time to detect is not recorded.
/// - **initiate**: `incident_open` → the run's `rollback_started`.
/// - **complete**: `rollback_started` → `rollback_completed`; compared with the runbook's
///   target (`target_s`).
/// - **verify**: the time spent verifying. The last step of the run that carries a verification
///   (`verification` not null) and was not skipped: its `elapsed_s`, ending at its event. A run without one (not a
///   drill) is verified by the incident's mitigation (else resolution) recorded after the run
///   completed: `rollback_completed` → `incident_mitigated`.
/// - **recovery**: onset (else `incident_open`) → the end of verification (else
///   `rollback_completed`); compared with the policy's recovery objective (RTO).
public struct RollbackTimings: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case detect, initiate, complete, verify, recovery

        public var label: String {
            switch self {
            case .detect: return "Time to detect"
            case .initiate: return "Time to initiate"
            case .complete: return "Time to complete"
            case .verify: return "Time to verify"
            case .recovery: return "Time to recover"
            }
        }
    }

    /// A measured interval and the journal points it runs between.
    public struct Span: Sendable, Equatable {
        public var start: Date
        public var end: Date
        public var from: String
        public var to: String
        public var seconds: TimeInterval { end.timeIntervalSince(start) }
    }

    /// A timing held against a limit: met when it is at or under it.
    public struct Comparison: Sendable, Equatable {
        public enum Limit: String, Sendable {
            case runbookTarget = "runbook target"
            case recoveryObjective = "recovery objective"
        }
        public var limit: Limit
        public var limitSeconds: Int
        public var actualSeconds: TimeInterval
        public var met: Bool { actualSeconds <= TimeInterval(limitSeconds) }
        /// How far under (positive) or over (negative) the limit.
        public var marginSeconds: TimeInterval { TimeInterval(limitSeconds) - actualSeconds }
    }

    public struct Timing: Sendable {
        public var kind: Kind
        public var span: Span?
        /// Why there is no span, when there is none.
        public var missing: String?
        public var comparisons: [Comparison]
        public var seconds: TimeInterval? { span?.seconds }
    }

    /// A step's budget against its time, from the step's final record.
    public struct StepTiming: Sendable {
        public var step: String
        public var title: String?
        public var status: String
        public var budgetSeconds: Int?
        public var elapsedSeconds: Double?
        public var reason: String?
        public var choice: String?
        public var verification: String?
        public var checklist: [String]
        /// How often the operator went back from this step.
        public var backs: Int
        public var overrunSeconds: Double? {
            guard let budgetSeconds, let elapsedSeconds, elapsedSeconds > Double(budgetSeconds) else { return nil }
            return elapsedSeconds - Double(budgetSeconds)
        }
    }

    public static let onsetKeys = ["impact_start", "impact_started_at", "onset", "detected_at", "started_at", "since"]

    public var incidentID: String
    public var run: RecordedRollbackRun
    public var detect: Timing
    public var initiate: Timing
    public var complete: Timing
    public var verify: Timing
    public var recovery: Timing
    public var steps: [StepTiming]

    public var all: [Timing] { [detect, initiate, complete, verify, recovery] }
    public var overruns: [StepTiming] { steps.filter { $0.overrunSeconds != nil } }

    /// The run a report should show by default: the latest completed run that is not a drill,
    /// else the latest run.
    public static func defaultRun(of incident: Incident) -> RecordedRollbackRun? {
        let runs = RecordedRollbackRun.runs(of: incident)
        return runs.last { !$0.drill && $0.completedAt != nil } ?? runs.last
    }

    /// The timings of `runID` (default: `defaultRun`); nil when the incident has no such run.
    public init?(incident: Incident, runID: String? = nil, recoveryObjective: PolicyDuration?) {
        let run =
            runID.map { id in RecordedRollbackRun.runs(of: incident).first { $0.runID == id } }
            ?? RollbackTimings.defaultRun(of: incident)
        guard let run else { return nil }
        self.init(incident: incident, run: run, recoveryObjectiveSeconds: recoveryObjective?.wallSeconds)
    }

    // Swift 6.3.1's optimiser fails its own SIL ownership check on this initialiser and on the
    // report's timing table (`swift build -c release` aborts with "Found outside of lifetime
    // use"); neither is hot, so they are left unoptimised until the compiler is fixed.
    @_optimize(none)
    public init(incident: Incident, run: RecordedRollbackRun, recoveryObjectiveSeconds: Int?) {
        incidentID = incident.id
        self.run = run
        let opened = incident.timeline.first { $0.type == JournalEventType.open }
        let onset = RollbackTimings.onset(of: opened)

        detect =
            onset.map {
                Timing(
                    kind: .detect, span: Span(start: $0.at, end: incident.openedAt, from: $0.key, to: "incident_open"),
                    missing: nil, comparisons: [])
            }
            ?? Timing(
                kind: .detect, span: nil, missing: "no onset (impact_start, detected_at, …) on incident_open",
                comparisons: [])

        initiate =
            run.hasStartEvent
            ? Timing(
                kind: .initiate,
                span: Span(start: incident.openedAt, end: run.startedAt, from: "incident_open", to: "rollback_started"),
                missing: nil, comparisons: [])
            : Timing(kind: .initiate, span: nil, missing: "the run has no rollback_started", comparisons: [])

        if let completedAt = run.completedAt {
            let span = Span(start: run.startedAt, end: completedAt, from: "rollback_started", to: "rollback_completed")
            complete = Timing(
                kind: .complete, span: span, missing: nil,
                comparisons: run.targetSeconds.map {
                    [Comparison(limit: .runbookTarget, limitSeconds: $0, actualSeconds: span.seconds)]
                } ?? [])
        } else {
            complete = Timing(kind: .complete, span: nil, missing: RollbackTimings.unfinished(run), comparisons: [])
        }

        verify = RollbackTimings.verification(of: run, incident: incident)

        let recoveryStart = onset.map { ($0.at, $0.key) } ?? (incident.openedAt, "incident_open")
        let recoveryEnd = verify.span.map { ($0.end, $0.to) } ?? run.completedAt.map { ($0, "rollback_completed") }
        if let recoveryEnd {
            let span = Span(start: recoveryStart.0, end: recoveryEnd.0, from: recoveryStart.1, to: recoveryEnd.1)
            recovery = Timing(
                kind: .recovery, span: span, missing: nil,
                comparisons: recoveryObjectiveSeconds.map {
                    [Comparison(limit: .recoveryObjective, limitSeconds: $0, actualSeconds: span.seconds)]
                } ?? [])
        } else {
            recovery = Timing(kind: .recovery, span: nil, missing: RollbackTimings.unfinished(run), comparisons: [])
        }

        steps = run.finalSteps.map { e, backs in
            StepTiming(
                step: e.step, title: e.title, status: e.status.rawValue, budgetSeconds: e.budgetSeconds,
                elapsedSeconds: e.elapsedSeconds, reason: e.reason, choice: e.choice, verification: e.verification,
                checklist: e.checklist, backs: backs)
        }
    }

    static func onset(of opened: JournalEvent?) -> (at: Date, key: String)? {
        guard let opened else { return nil }
        for key in onsetKeys {
            if let value = opened.fields[key], let at = Timestamp.parse(value) { return (at, key) }
        }
        return nil
    }

    static func unfinished(_ run: RecordedRollbackRun) -> String {
        if case .aborted = run.outcome { return "the run was aborted" }
        return "the run has not completed"
    }

    static func verification(of run: RecordedRollbackRun, incident: Incident) -> Timing {
        if let step = run.finalSteps.map(\.record).last(where: {
            $0.verification != nil && $0.status != .skipped && $0.status != .back
        }) {
            // Without `elapsed_s` the step began when the run's previous step event was written.
            let start =
                step.elapsedSeconds.map { step.at.addingTimeInterval(-$0) }
                ?? run.steps.last { $0.at < step.at }?.at ?? run.startedAt
            return Timing(
                kind: .verify,
                span: Span(
                    start: start, end: step.at, from: "step \(step.step) entered",
                    to: "step \(step.step) \(step.status.rawValue)"),
                missing: nil, comparisons: [])
        }
        guard let completedAt = run.completedAt else {
            return Timing(kind: .verify, span: nil, missing: unfinished(run), comparisons: [])
        }
        guard !run.drill else {
            return Timing(kind: .verify, span: nil, missing: "no verification step in the drill", comparisons: [])
        }
        let after: [(Date?, String)] = [
            (incident.mitigation?.at, "incident_mitigated"), (incident.resolution?.at, "incident_resolved"),
        ]
        if let (at, name) = after.compactMap({ pair in pair.0.map { ($0, pair.1) } }).first(where: {
            $0.0 >= completedAt
        }) {
            return Timing(
                kind: .verify, span: Span(start: completedAt, end: at, from: "rollback_completed", to: name),
                missing: nil, comparisons: [])
        }
        return Timing(
            kind: .verify, span: nil,
            missing: "no verification step in the run and no mitigation recorded after it", comparisons: [])
    }
}
