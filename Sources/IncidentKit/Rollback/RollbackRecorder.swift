import Foundation

/// Writes the wizard's transitions to the incident's journal the moment they happen. Each
/// position change carries the run's transition count and is checked under the journal lock,
/// so two consoles on one incident cannot both complete the same step: the second is told.
public struct RollbackRecorder {
    public var root: String
    public var now: Date

    public init(root: String, now: Date) {
        self.root = root
        self.now = now
    }

    /// The incident's journal, relative to the root; an incident of a read-only log
    /// (`pilot/incident_log.json`) has none, and appending JSON lines to that file would corrupt
    /// it for its own readers.
    private func journal(_ incident: Incident) throws -> String {
        if incident.readOnly {
            throw ActionError(
                "\(incident.id) is read-only (Sitrep only reads \(incident.journal)); declare a journal incident for it first"
            )
        }
        return incident.journal
    }

    /// Starts a run. Refused when the incident already has a run in progress (in any console).
    public func start(
        incident: Incident, entry: RunbookEntry, drill: Bool, by: String
    ) throws -> RollbackRecords.Context {
        if let active = RollbackRun.active(of: incident) {
            throw ActionError("\(incident.id) already has rollback \(active.id) in progress (\(active.runbookID))")
        }
        let known = Set(RollbackRun.runs(of: incident).map(\.id))
        let context = RollbackRecords.Context(
            incidentID: incident.id, runID: RollbackRecords.newRunID(), runbookID: entry.runbook.id, drill: drill,
            by: by)
        let record = RollbackRecords.started(
            context, title: entry.runbook.title, source: entry.origin, targetSeconds: entry.runbook.targetSeconds,
            firstStep: entry.runbook.steps.first?.id, ts: now)
        try JournalWriter.append(record, root: root, relative: try journal(incident)) { lines in
            let started = RollbackJournalScan.runsInProgress(lines, incident: incident.id)
            if let other = started.subtracting(known).first {
                throw ActionError("another console started rollback \(other) on \(incident.id) meanwhile")
            }
        }
        return context
    }

    /// Records a step transition unless another console made one first.
    public func step(
        _ transition: RollbackRecords.StepTransition, context: RollbackRecords.Context, incident: Incident
    ) throws {
        try appendTransition(
            RollbackRecords.step(context, transition, ts: now), context: context, incident: incident,
            sequence: transition.sequence)
    }

    public func complete(run: RollbackRun, context: RollbackRecords.Context, incident: Incident) throws {
        let record = RollbackRecords.completed(
            context, sequence: run.transitions, totalSeconds: run.totalSeconds(now: now),
            targetSeconds: run.targetSeconds, ts: now)
        try appendTransition(record, context: context, incident: incident, sequence: run.transitions)
    }

    public func abort(run: RollbackRun, context: RollbackRecords.Context, incident: Incident, reason: String) throws {
        let record = RollbackRecords.aborted(
            context, sequence: run.transitions, step: run.currentStep, reason: reason, ts: now)
        try appendTransition(record, context: context, incident: incident, sequence: run.transitions)
    }

    /// A command's outcome is not a transition: it is recorded whatever the position.
    public func command(
        _ result: RollbackRecords.CommandResult, context: RollbackRecords.Context, incident: Incident
    ) throws {
        try JournalWriter.append(
            RollbackRecords.command(context, result, ts: now), root: root, relative: try journal(incident))
    }

    private func appendTransition(
        _ record: JSONValue, context: RollbackRecords.Context, incident: Incident, sequence: Int
    ) throws {
        try JournalWriter.append(record, root: root, relative: try journal(incident)) { lines in
            let made = RollbackJournalScan.transitions(lines, run: context.runID)
            if made != sequence {
                throw ActionError(
                    "rollback \(context.runID) was moved on in another console; nothing written, the wizard shows its progress now"
                )
            }
        }
    }

    /// Where a command's output is kept: beside the journal, one new file per run of a command.
    public func evidencePath(incident: Incident, context: RollbackRecords.Context, step: String) -> String {
        let directory = (incident.journal as NSString).deletingLastPathComponent
        let base = (directory.isEmpty ? "" : directory + "/") + "evidence/"
        // Ids come from journal lines: made safe as file names, so none can leave `evidence/`.
        let name = [incident.id, context.runID, step].map(SafeFileName.from).joined(separator: "-")
        var n = 1
        while true {
            let relative = "\(base)\(name)-\(n).log"
            if !FileManager.default.fileExists(atPath: ArtifactLayout.join(root, relative)) { return relative }
            n += 1
        }
    }
}

/// Reads the rollback lines of a journal under its lock.
enum RollbackJournalScan {
    static func objects(_ lines: [[UInt8]], containing needle: String) -> [JSONObject] {
        let bytes = Array(needle.utf8)
        return lines.compactMap { line in
            guard line.count >= bytes.count, contains(line, bytes) else { return nil }
            return try? JSONParser.parse(line).objectValue
        }
    }

    /// Position changes already made in a run: steps, completion, abort.
    static func transitions(_ lines: [[UInt8]], run: String) -> Int {
        objects(lines, containing: run).filter { object in
            object["run_id"]?.stringValue == run
                && [
                    JournalEventType.rollbackStep, JournalEventType.rollbackCompleted, JournalEventType.rollbackAborted,
                ]
                .contains(object.first(JournalEvent.typeKeys)?.stringValue ?? "")
        }.count
    }

    /// Runs of an incident that were started and have not ended.
    static func runsInProgress(_ lines: [[UInt8]], incident: String) -> Set<String> {
        var started = Set<String>()
        var ended = Set<String>()
        for object in objects(lines, containing: "rollback_")
        where object.first(JournalEvent.incidentKeys)?.stringValue == incident {
            guard let run = object["run_id"]?.stringValue else { continue }
            switch object.first(JournalEvent.typeKeys)?.stringValue {
            case JournalEventType.rollbackStarted: started.insert(run)
            case JournalEventType.rollbackCompleted, JournalEventType.rollbackAborted: ended.insert(run)
            default: break
            }
        }
        return started.subtracting(ended)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
