import Foundation

/// A write that was refused before anything reached the disk.
public struct ActionError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The journal writes a user can make, shared by the command line and the console. Each one
/// checks the incident's current state first and writes nothing when it is refused.
public struct IncidentActions {
    public enum AckOutcome: Sendable {
        case written
        /// Someone acknowledged first; nothing was written.
        case alreadyAcknowledged(by: String?, at: Date)
    }

    public var root: String
    public var policy: Policy
    public var now: Date
    public var host: String
    /// Where the current incidents come from: the console passes what it already folded; the
    /// command line reads the journals afresh.
    private let incidentSource: @Sendable () -> [Incident]

    public init(
        root: String, policy: Policy, now: Date, host: String = ProcessInfo.processInfo.hostName,
        incidents: (@Sendable () -> [Incident])? = nil
    ) {
        self.root = root
        self.policy = policy
        self.now = now
        self.host = host
        self.incidentSource =
            incidents ?? { [root, policy] in
                let store = (try? ArtifactStore.open(root: root, policy: policy)) ?? ArtifactStore(root: root)
                store.refresh()
                return IncidentFolder.fold(store.journalEvents, policy: policy).incidents
            }
    }

    private func path(_ journal: String) -> String { ArtifactLayout.join(root, journal) }

    private var utc: TimeZone { TimeZone(identifier: "UTC")! }

    /// The root's source profile (where its runs are, what dialect its journals speak).
    private var profile: SourceProfile {
        (try? ProfileResolver.resolve(root: root, policy: policy)) ?? ProfileResolver.recognize(root: root)
    }

    /// Where a new incident of a run (or of none) is journalled, by the root's profile.
    private func journalPath(run: String?) -> String {
        let files = profile.files
        return run.map { "\(files.runs)/\($0)/\(files.journal)" } ?? files.rootJournal
    }

    /// The dialect a journal's readers expect: what its existing lines say, else the profile's
    /// for the journals of its runs; the root journal is Sitrep's own.
    func dialect(of journal: String) -> JournalDialect {
        if let sniffed = JournalDialect.sniff(file: path(journal)) { return sniffed }
        let profile = self.profile
        return journal.hasPrefix(profile.files.runs + "/") ? profile.journalDialect : .sitrep
    }

    /// The incidents as the journals say now.
    public func currentIncidents() -> [Incident] { incidentSource() }

    public func incident(_ id: String) throws -> Incident {
        // An empty id is a suffix of every id; it must name nothing, not the only incident.
        guard !id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ActionError("the incident id is empty; see `sitrep status` for the ids")
        }
        let incidents = currentIncidents()
        if let found = incidents.first(where: { $0.id == id }) { return found }
        let matches = incidents.filter { $0.id.lowercased().hasSuffix(id.lowercased()) }
        if matches.count == 1 { return matches[0] }
        if let logged = loggedIncident(id) { throw ActionError(logged.readOnlyMessage(policy: policy)) }
        let active = incidents.filter(\.isActive).map(\.id).prefix(8).joined(separator: ", ")
        throw ActionError(
            "no incident \"\(id)\" under \(root)" + (active.isEmpty ? "" : " (active: \(active))")
                + "; see `sitrep status`")
    }

    /// An incident of a read-only log (`pilot/incident_log.json`) with that id, if any.
    private func loggedIncident(_ id: String) -> LoggedIncident? {
        guard let store = try? ArtifactStore.open(root: root, policy: policy) else { return nil }
        store.refresh()
        return store.loggedIncidents.first { $0.id == id || $0.id.lowercased() == id.lowercased() }
    }

    public func canonicalSeverity(_ name: String) throws -> String {
        guard let severity = policy.severity(named: name) else {
            let known = policy.severities.map { ([$0.id] + $0.aliases).joined(separator: "/") }.joined(separator: ", ")
            throw ActionError("unknown severity \"\(name)\" for policy \(policy.name) (known: \(known))")
        }
        return severity.id
    }

    /// Opens an incident. Its id is `INC-YYYYMMDD-NNNN`, the next number of the day.
    /// Returns the new incident's id and the journal it was written to.
    public func declare(
        severity: String, title: String, runID: String?, by: String, source: String? = nil, subject: String? = nil
    ) throws -> (id: String, journal: String) {
        let canonical = try canonicalSeverity(severity)
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ActionError("the title is empty") }
        if let runID {
            // A run id names a directory: no separators, no leading dot, no control characters
            // (a newline in it would forge a line in every message that shows it).
            let unsafe = runID.unicodeScalars.contains {
                $0 == "/" || $0 == "\\" || $0.properties.generalCategory == .control
                    || $0.properties.generalCategory == .format
            }
            guard !runID.isEmpty, runID.count <= 128, !runID.hasPrefix("."), !unsafe else {
                throw ActionError(
                    "invalid run id \(JSONWriter.string(.string(String(runID.prefix(64))))): use letters, digits, - _ : . (not first)"
                )
            }
        }
        let journal = journalPath(run: runID)
        let prefix = "INC-\(Timestamp.compactDate(now))-"
        let chosen = try IncidentIDAllocator.allocate(
            root: root, prefix: prefix, known: currentIncidents().map(\.id)
        ) { chosen in
            let record =
                dialect(of: journal) == .tradingBot
                ? JournalRecords.tradingBotOpen(
                    id: chosen, severity: canonical, title: trimmed, name: subject ?? "manual", by: by,
                    source: source ?? "manual", subject: subject, runID: runID, host: host, ts: now)
                : JournalRecords.open(
                    id: chosen, severity: canonical, title: trimmed, by: by, source: source ?? "manual",
                    subject: subject, runID: runID, ts: now)
            guard try appendOpen(record, id: chosen, journal: journal) else {
                throw ActionError("incident id \(chosen) was taken meanwhile; run the command again")
            }
        }
        return (chosen, journal)
    }

    /// Opens the incident of a signal whose detector declares automatically. The id and the
    /// event id derive from the signal, and the journal is checked under its lock, so two
    /// consoles watching one root open it once. Returns nil when it already exists.
    public func autoDeclare(_ signal: Signal, by: String) throws -> String? {
        let id = signal.incidentID
        guard !currentIncidents().contains(where: { $0.id == id }) else { return nil }
        // The run its evidence lies in, where the root's profile keeps runs.
        let runs = profile.files.runs
        let run = signal.runID(under: runs)
        let journal = journalPath(run: run)
        let record =
            dialect(of: journal) == .tradingBot
            ? JournalRecords.tradingBotOpen(
                id: id, severity: signal.severity, title: signal.message, name: signal.detector.rawValue, by: by,
                source: signal.source, subject: signal.subject, runID: run, host: host, ts: now,
                eventID: "open:\(id)")
            : JournalRecords.open(
                id: id, severity: signal.severity, title: signal.message, by: by, source: signal.source,
                subject: signal.subject, runID: run, ts: now, eventID: "open:\(id)")
        return try appendOpen(record, id: id, journal: journal) ? id : nil
    }

    /// Appends an `incident_open` unless the journal, read under its lock, already opens that
    /// id. Returns false (and writes nothing) in that case.
    private func appendOpen(_ record: JSONValue, id: String, journal: String) throws -> Bool {
        struct AlreadyOpen: Error {}
        do {
            try JournalWriter.append(record, root: root, relative: journal) { lines in
                if lines.contains(where: { JournalActionsScan.mentions($0, type: JournalEventType.open, incident: id) })
                {
                    throw AlreadyOpen()
                }
            }
        } catch is AlreadyOpen {
            return false
        }
        return true
    }

    /// The methods below return the incident as it was before their write.

    /// Acknowledges an incident. The first acknowledgment wins: if one exists (in any journal,
    /// or appears under the lock), nothing is written.
    public func acknowledge(_ id: String, by: String, notes: String?) throws -> (Incident, AckOutcome) {
        let target = try incident(id)
        if let ack = target.ack { return (target, .alreadyAcknowledged(by: ack.by, at: ack.at)) }
        var winner: (String?, Date)?
        do {
            let record =
                dialect(of: target.journal) == .tradingBot
                ? JournalRecords.tradingBotAck(
                    id: target.id, runID: target.runID, by: by, notes: notes, host: host, ts: now)
                : JournalRecords.ack(id: target.id, by: by, notes: notes, host: host, ts: now)
            try JournalWriter.append(record, root: root, relative: target.journal) { lines in
                for line in lines
                where JournalActionsScan.mentions(line, type: JournalEventType.ack, incident: target.id) {
                    guard let object = try? JSONParser.parse(line).objectValue else { continue }
                    winner = (
                        object.first(["ack_by", "by", "acknowledged_by"])?.stringValue,
                        object.first(JournalEvent.timeKeys).flatMap { Timestamp.parse($0, naiveZone: utc) } ?? now
                    )
                    throw ActionError("already acknowledged")
                }
            }
        } catch is ActionError where winner != nil {
            return (target, .alreadyAcknowledged(by: winner!.0, at: winner!.1))
        }
        return (target, .written)
    }

    private func requireActive(_ incident: Incident, for action: String) throws {
        guard incident.isActive else {
            throw ActionError("\(incident.id) is already resolved; cannot \(action)")
        }
    }

    public func update(_ id: String, message: String, by: String) throws -> Incident {
        let target = try incident(id)
        try requireActive(target, for: "post an update")
        guard !message.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ActionError("the update message is empty")
        }
        try JournalWriter.append(
            JournalRecords.update(id: target.id, by: by, message: message, ts: now), root: root,
            relative: target.journal)
        return target
    }

    public func escalate(_ id: String, level: Int, reason: String, by: String) throws -> Incident {
        let target = try incident(id)
        try requireActive(target, for: "escalate")
        if !policy.levels.isEmpty, policy.level(level) == nil {
            let known = policy.levels.map { "\($0.level) \($0.name)" }.joined(separator: ", ")
            throw ActionError("policy \(policy.name) has no escalation level \(level) (levels: \(known))")
        }
        guard level > target.recordedLevel else {
            throw ActionError("\(target.id) is already at level \(target.recordedLevel); escalate to a higher level")
        }
        try JournalWriter.append(
            JournalRecords.escalate(id: target.id, level: level, by: by, reason: reason, ts: now),
            root: root, relative: target.journal)
        return target
    }

    public func mitigate(_ id: String, notes: String?, by: String) throws -> Incident {
        let target = try incident(id)
        try requireActive(target, for: "mark it mitigated")
        if let mitigation = target.mitigation {
            throw ActionError(
                "\(target.id) was already marked mitigated at \(Timestamp.format(mitigation.at)) by \(mitigation.by ?? "unknown")"
            )
        }
        try JournalWriter.append(
            JournalRecords.mitigated(id: target.id, by: by, notes: notes, ts: now), root: root, relative: target.journal
        )
        return target
    }

    public func resolve(_ id: String, rootCause: String, by: String) throws -> Incident {
        let target = try incident(id)
        try requireActive(target, for: "resolve it again")
        guard !rootCause.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ActionError("the root cause is empty")
        }
        try JournalWriter.append(
            JournalRecords.resolved(id: target.id, by: by, rootCause: rootCause, ts: now), root: root,
            relative: target.journal)
        return target
    }
}

/// Cheap checks on raw journal lines under the write lock.
enum JournalActionsScan {
    static func mentions(_ line: [UInt8], type: String, incident: String) -> Bool {
        guard let object = try? JSONParser.parse(line).objectValue else { return false }
        return object.first(JournalEvent.typeKeys)?.stringValue == type
            && object.first(JournalEvent.incidentKeys)?.stringValue == incident
    }
}
