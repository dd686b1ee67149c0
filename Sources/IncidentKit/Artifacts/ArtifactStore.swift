import Foundation

/// Everything read from an artifact root, kept up to date by `refresh()`: journal events, node
/// states, reconciliation, SLO, data quality, gateway and audit summaries, and the warnings.
/// Discovery runs on every refresh, so new runs and nodes appear and deleted ones keep their
/// last good data. Not thread-safe: one owner refreshes it.
public final class ArtifactStore {
    public let root: String
    public let fieldNames: FieldNames
    /// Cap on remembered per-line warnings, so a file of garbage cannot grow memory.
    public static let warningLimit = 500

    public private(set) var journalEvents: [JournalEvent] = []
    public private(set) var journals: [String] = []
    public private(set) var reconciliations: [String: ReconciliationSummary] = [:]
    public private(set) var sloReadings: [String: SLOReading] = [:]
    public private(set) var dataQualityFromEvents: [String: DataQualityReading] = [:]
    public private(set) var audits: [String: AuditSummary] = [:]
    /// Warnings about lines already read; they stay until the file restarts.
    public private(set) var lineWarnings: [ArtifactWarning] = []
    public private(set) var droppedWarnings = 0
    /// Goes up each time a refresh saw something new, so views can cache what they derive.
    public private(set) var generation = 0

    private var streams: [String: JSONLStream] = [:]
    private var snapshots: [String: SnapshotFile] = [:]
    private var sequence = 0

    private let directories = DirectoryCache()
    /// Followed files share a bounded number of descriptors.
    private let descriptors: DescriptorPool
    /// Followed files left unread because the process is out of file descriptors.
    public var filesWithoutDescriptor: Int { descriptors.starvedCount }
    private let recordKeys: RecordKeys
    private let names: StreamFieldNames
    /// Bytes of the followed files not read yet, as of the last refresh.
    public private(set) var backlogBytes: Int64 = 0
    /// Bytes read from the followed files since the store was made.
    public private(set) var bytesRead: Int64 = 0
    /// Every followed file was read to its end at least once.
    private var caughtUpOnce = false

    /// `keepAllFields` keeps every field of every record, as the journals always do; by
    /// default the event streams keep only the fields their summaries read.
    public init(
        root: String, fieldNames: FieldNames = FieldNames(), keepAllFields: Bool = false,
        descriptors: DescriptorPool = DescriptorPool()
    ) {
        self.root = root
        self.descriptors = descriptors
        self.fieldNames = fieldNames
        self.recordKeys = RecordKeys(fieldNames: fieldNames, keepAll: keepAllFields)
        self.names = StreamFieldNames(fieldNames)
    }

    /// Every followed file has been read to its end (as of the last refresh).
    public var isCaughtUp: Bool { backlogBytes == 0 }

    public var rootExists: Bool { ArtifactLayout.isDirectory(root) }

    /// Reads whatever changed. Returns true when anything new was seen. With a `byteBudget` it
    /// reads about that many bytes of the followed files and leaves the rest for the next call
    /// (`isCaughtUp`, `backlogBytes`), so a long history can be read in slices.
    @discardableResult
    public func refresh(byteBudget: Int64 = .max) -> Bool {
        var changed = false
        var backlog: Int64 = 0
        let paths = discoverStreams()
        let followed = paths.map { path in
            streams[path]
                ?? {
                    let s = JSONLStream(
                        root: root, relativePath: path, keys: recordKeys.keys(for: path), pool: descriptors)
                    streams[path] = s
                    return s
                }()
        }
        let contexts = paths.map(StreamContext.init(path:))
        var summary: ReconciliationSummary?
        func consume(_ piece: ScanPipeline.Piece) {
            let path = paths[piece.index]
            let context = contexts[piece.index]
            let scanned = piece.scanned
            if scanned.restarted { lineWarnings.removeAll { $0.path == path } }
            // A reconciliation summary is counted in a local and stored once per piece, not
            // looked up by path for every line.
            if context.kind == .orders || context.kind == .positions {
                summary = reconciliations[path]
                for record in scanned.records {
                    countReconciliation(record.object, line: record.line, path: path, context: context, into: &summary)
                }
                if let summary { reconciliations[path] = summary }
            } else {
                for record in scanned.records {
                    self.consume(record.object, line: record.line, path: path, context: context)
                }
            }
            bytesRead += scanned.bytesRead
            if piece.last { backlog += followed[piece.index].follower.backlog }
            record(scanned.warnings)
            changed = changed || scanned.changed || !scanned.warnings.isEmpty
        }
        // Catching up on a history (the first read, or a sliced one) scans on a second thread;
        // an ordinary stat pass reads little and stays on this one.
        if !caughtUpOnce || backlogBytes > 0 {
            ScanPipeline.run(followed, byteBudget: byteBudget, consume)
        } else {
            var budget = byteBudget
            for index in followed.indices {
                let scanned = followed[index].scan(byteBudget: max(0, budget))
                budget -= scanned.bytesRead
                consume(ScanPipeline.Piece(index: index, scanned: scanned, last: true))
            }
        }
        backlogBytes = backlog
        caughtUpOnce = caughtUpOnce || backlog == 0
        for path in discoverSnapshots() {
            let snapshot =
                snapshots[path]
                ?? {
                    let s = SnapshotFile(path: ArtifactLayout.join(root, path))
                    snapshots[path] = s
                    return s
                }()
            changed = snapshot.refresh() || changed
        }
        if changed { generation += 1 }
        return changed
    }

    /// The directories under the root that artifacts live in, for change notification.
    public var watchedDirectories: [String] {
        var dirs = [
            "", "pilot", ArtifactLayout.nodesDirectory, "results", ArtifactLayout.runsDirectory, "incidents", "gateway",
            ArtifactLayout.auditDirectory, ".sitrep",
        ]
        dirs += nodeIDs.map { "\(ArtifactLayout.nodesDirectory)/\($0)" }
        dirs += runIDs.map { "\(ArtifactLayout.runsDirectory)/\($0)" }
        return dirs.map { $0.isEmpty ? root : ArtifactLayout.join(root, $0) }.filter(ArtifactLayout.isDirectory)
    }

    private func record(_ warnings: [ArtifactWarning]) {
        for warning in warnings {
            if lineWarnings.count >= ArtifactStore.warningLimit {
                lineWarnings.removeFirst()
                droppedWarnings += 1
            }
            lineWarnings.append(warning)
        }
    }

    /// Every warning: those about lines, and those about snapshot files as they are now.
    public var warnings: [ArtifactWarning] {
        lineWarnings
            + snapshots.keys.sorted().compactMap { key in
                snapshots[key]!.warning.map { ArtifactWarning(path: key, line: $0.line, message: $0.message) }
            }
    }

    // MARK: discovery

    private func path(_ relative: String) -> String { ArtifactLayout.join(root, relative) }

    private var runIDs: [String] { directories.subdirectories(path(ArtifactLayout.runsDirectory)) }

    private var nodeIDs: [String] { directories.names(path(ArtifactLayout.nodesDirectory)) }

    /// Journals first, in the order that numbers their events (runs by name, then the root's),
    /// so the incidents are whole early in a sliced read; then the other streams, newest run
    /// (last by name) first, as the current state leans on recent runs.
    private func discoverStreams() -> [String] {
        let runs = runIDs
        var journals: [String] = []
        var others: [String] = []
        for run in runs {
            let dir = "\(ArtifactLayout.runsDirectory)/\(run)"
            let present = Set(directories.entries(path(dir)).filter { !$0.isDirectory }.map(\.name))
            if present.contains(ArtifactLayout.journalFile) { journals.append("\(dir)/\(ArtifactLayout.journalFile)") }
            for name in [
                ArtifactLayout.orderReconciliation, ArtifactLayout.positionReconciliation, ArtifactLayout.sloEvents,
                ArtifactLayout.dataQualityEvents,
            ] where present.contains(name) {
                others.append("\(dir)/\(name)")
            }
        }
        if directories.names(path("incidents")).contains("incident_events.jsonl") {
            journals.append(ArtifactLayout.rootJournal)
        }
        var paths = journals + others.reversed()
        paths += directories.names(path(ArtifactLayout.auditDirectory)).filter { $0.hasSuffix(".jsonl") }.map {
            "\(ArtifactLayout.auditDirectory)/\($0)"
        }
        // Files seen before stay followed even when their directory is gone.
        let found = Set(paths)
        for known in streams.keys.sorted() where !found.contains(known) { paths.append(known) }
        return paths
    }

    private func discoverSnapshots() -> [String] {
        var paths: [String] = []
        if directories.names(path("pilot")).contains("node_state.json") { paths.append(ArtifactLayout.pilotNodeState) }
        for node in nodeIDs
        where directories.names(path("\(ArtifactLayout.nodesDirectory)/\(node)")).contains(ArtifactLayout.nodeStateFile)
        {
            paths.append("\(ArtifactLayout.nodesDirectory)/\(node)/\(ArtifactLayout.nodeStateFile)")
        }
        if directories.names(path("pilot")).contains("pilot_metrics.json") { paths.append(ArtifactLayout.pilotMetrics) }
        if directories.names(path("gateway")).contains("stats.json") { paths.append(ArtifactLayout.gatewayStats) }
        for run in runIDs
        where directories.names(path("\(ArtifactLayout.runsDirectory)/\(run)")).contains(
            ArtifactLayout.dataQualityLatest)
        {
            paths.append("\(ArtifactLayout.runsDirectory)/\(run)/\(ArtifactLayout.dataQualityLatest)")
        }
        let found = Set(paths)
        for known in snapshots.keys.sorted() where !found.contains(known) { paths.append(known) }
        return paths
    }

    // MARK: consuming records

    private static func runID(of path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count >= 4, parts[0] == "results", parts[1] == "runs" else { return nil }
        return String(parts[2])
    }

    /// What a followed file is, worked out once per file rather than once per line.
    private struct StreamContext {
        enum Kind { case journal, orders, positions, slo, dataQuality, audit, other }
        var kind: Kind
        var runID: String

        init(path: String) {
            runID = ArtifactStore.runID(of: path) ?? "?"
            if path.hasPrefix(ArtifactLayout.auditDirectory + "/") {
                kind = .audit
                return
            }
            switch path.split(separator: "/").last.map(String.init) ?? "" {
            case ArtifactLayout.journalFile: kind = .journal
            case ArtifactLayout.orderReconciliation: kind = .orders
            case ArtifactLayout.positionReconciliation: kind = .positions
            case ArtifactLayout.sloEvents: kind = .slo
            case ArtifactLayout.dataQualityEvents: kind = .dataQuality
            default: kind = .other
            }
        }
    }

    private func consume(_ object: JSONObject, line: Int, path: String, context: StreamContext) {
        let run = context.runID
        switch context.kind {
        case .audit:
            consumeAudit(object, line: line, path: path)
        case .journal:
            sequence += 1
            if let event = JournalEvent(object: object, journal: path, line: line, sequence: sequence) {
                journalEvents.append(event)
                if !journals.contains(path) { journals.append(path) }
            } else {
                record([
                    ArtifactWarning(
                        path: path, line: line, message: "journal line without event_type; kept on disk, ignored")
                ])
            }
        case .orders, .positions:
            var summary = reconciliations[path]
            countReconciliation(object, line: line, path: path, context: context, into: &summary)
            if let summary { reconciliations[path] = summary }
        case .slo:
            consumeSLO(object, line: line, path: path, run: run)
        case .dataQuality:
            dataQualityFromEvents[run] = dataQuality(object, runID: run, path: path, line: line)
        case .other:
            break
        }
    }

    func timestamp(_ object: JSONObject) -> Date? { object.first(names.ts).flatMap(Timestamp.parse) }

    /// Whether a reconciliation record reports a mismatch; nil when it says neither.
    func isMismatch(_ object: JSONObject) -> Bool? {
        if let raw = object.first(names.status)?.stringValue {
            // The common spellings first, without building a lowercased copy.
            if raw == "match" { return false }
            if raw == "mismatch" { return true }
            let status = raw.lowercased()
            if ["mismatch", "mismatched", "fail", "failed", "drift", "error", "breach"].contains(status) {
                return true
            }
            if ["match", "matched", "ok", "pass", "passed", "clean", "reconciled", "success"].contains(status) {
                return false
            }
        }
        if let ok = object.first(names.ok)?.boolValue { return !ok }
        if let count = object.first(names.mismatchCount) {
            if let list = count.arrayValue { return !list.isEmpty }
            if let n = count.doubleValue { return n > 0 }
        }
        return nil
    }

    private func countReconciliation(
        _ object: JSONObject, line: Int, path: String, context: StreamContext,
        into summary: inout ReconciliationSummary?
    ) {
        guard let mismatch = isMismatch(object) else {
            record([
                ArtifactWarning(
                    path: path, line: line, message: "reconciliation record says neither match nor mismatch; skipped")
            ])
            return
        }
        let at = timestamp(object)
        let ids = mismatch ? (object.first(names.mismatchedIDs)?.arrayValue ?? []).compactMap(\.stringValue) : []
        if summary == nil {
            summary = ReconciliationSummary(
                kind: context.kind == .orders ? "orders" : "positions", runID: context.runID, path: path)
        }
        summary!.count(mismatch: mismatch, at: at, line: line, ids: ids)
    }

    private func consumeSLO(_ object: JSONObject, line: Int, path: String, run: String) {
        let type = object.first(names.eventType)?.stringValue?.lowercased() ?? ""
        let name = object.first(names.slo)?.stringValue ?? (type.isEmpty ? "slo" : type)
        let status = object["status"]?.stringValue?.lowercased()
        let breached =
            object.first(names.breached)?.boolValue
            ?? (type.contains("breach") || ["breach", "breached", "violated", "fail", "failed"].contains(status ?? ""))
        let reading = SLOReading(
            slo: name, runID: run, path: path, line: line, at: timestamp(object),
            value: object.first(names.value)?.doubleValue, target: object.first(names.target)?.doubleValue,
            breached: breached, severity: object.first(names.severity)?.stringValue,
            message: object.first(["message", "detail", "details", "description"])?.stringValue)
        sloReadings["\(run)/\(name)"] = reading
    }

    private func consumeAudit(_ object: JSONObject, line: Int, path: String) {
        guard let type = object.first(names.eventType)?.stringValue else { return }
        let key = "\(path)#\(type)"
        var summary = audits[key] ?? AuditSummary(type: type, path: path)
        summary.count += 1
        summary.lastLine = line
        summary.lastAt = timestamp(object) ?? summary.lastAt
        summary.lastMessage = object.first(["message", "detail", "reason", "description"])?.stringValue
        audits[key] = summary
    }

    func dataQuality(_ object: JSONObject, runID: String, path: String, line: Int?) -> DataQualityReading {
        DataQualityReading(
            runID: runID, path: path, line: line, at: timestamp(object),
            errors: object.first(names.qualityErrors)?.intValue,
            staleWarnings: object.first(names.staleWarnings)?.intValue)
    }

    // MARK: snapshots

    /// Node states, including nodes whose file has gone (with their last good state). Built
    /// once per generation: the picture and the detectors ask at every instant.
    public var nodes: [NodeState] {
        if let cached = nodesCache, cached.generation == generation { return cached.nodes }
        let built = buildNodes()
        nodesCache = (generation, built)
        return built
    }

    private var nodesCache: (generation: Int, nodes: [NodeState])?

    private func buildNodes() -> [NodeState] {
        snapshots.keys.filter(ArtifactLayout.isNodeStatePath).sorted().compactMap { path in
            guard let object = snapshots[path]?.value?.objectValue else { return nil }
            let defaultID = path == ArtifactLayout.pilotNodeState ? "pilot" : path.split(separator: "/")[1].description
            return NodeState(
                id: fieldNames.value("node_id", in: object)?.stringValue ?? defaultID, path: path,
                health: NodeHealth(text: fieldNames.value("health", in: object)?.stringValue),
                rawHealth: fieldNames.value("health", in: object)?.stringValue,
                lastHeartbeat: fieldNames.value("last_heartbeat", in: object).flatMap(Timestamp.parse)
                    ?? snapshots[path]?.modifiedAt,
                uptimeRatio: fieldNames.value("uptime_ratio", in: object)?.doubleValue,
                lastCycleOK: fieldNames.value("last_cycle_ok", in: object)?.boolValue,
                failingSmokeStep: fieldNames.value("failing_smoke_step", in: object)?.stringValue.flatMap {
                    $0.isEmpty ? nil : $0
                }, fields: object)
        }
    }

    public var pilotMetrics: JSONObject? { snapshots[ArtifactLayout.pilotMetrics]?.value?.objectValue }

    public var gateway: GatewayState? {
        guard let object = snapshots[ArtifactLayout.gatewayStats]?.value?.objectValue else { return nil }
        let reason = fieldNames.value("halt_reason", in: object)?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let until = fieldNames.value("halted_until", in: object).flatMap(Timestamp.parse)
        let flag = fieldNames.value("kill_switch", in: object)?.boolValue
        return GatewayState(
            path: ArtifactLayout.gatewayStats, killSwitch: flag, reason: reason,
            haltedUntil: until, since: object.first(["halted_at", "halted_since", "since"]).flatMap(Timestamp.parse))
    }

    /// The latest data quality per run: the `data_quality_latest.json` snapshot where present,
    /// else the last event of `data_quality_events.jsonl`.
    public var dataQuality: [DataQualityReading] {
        var byRun = dataQualityFromEvents
        for (path, snapshot) in snapshots where path.hasSuffix(ArtifactLayout.dataQualityLatest) {
            guard let object = snapshot.value?.objectValue, let run = ArtifactStore.runID(of: path) else { continue }
            let reading = dataQuality(object, runID: run, path: path, line: nil)
            if let existing = byRun[run], let a = existing.at, let b = reading.at, a > b { continue }
            byRun[run] = reading
        }
        return byRun.keys.sorted().map { byRun[$0]! }
    }

    public var runnerLogPath: String? {
        let path = ArtifactLayout.join(root, ArtifactLayout.pilotRunnerLog)
        return FileManager.default.fileExists(atPath: path) ? ArtifactLayout.pilotRunnerLog : nil
    }
}
