import Foundation

/// Everything read from an artifact root, kept up to date by `refresh()`: journal events, node
/// states, reconciliation, SLO, data quality, gateway and audit summaries, and the warnings.
/// Discovery runs on every refresh, so new runs and nodes appear and deleted ones keep their
/// last good data. Not thread-safe: one owner refreshes it.
public final class ArtifactStore {
    public let root: String
    /// What writes this root: where its files are and what their fields mean.
    public let profile: SourceProfile
    public let fieldNames: FieldNames
    /// Cap on remembered per-line warnings, so a file of garbage cannot grow memory.
    public static let warningLimit = 500

    public private(set) var journalEvents: [JournalEvent] = []
    public private(set) var journals: [String] = []
    private var journalSet = Set<String>()
    /// Where journal events go as they are read, a piece (about a megabyte) at a time; without
    /// one they are kept in `journalEvents`. A fold that keeps what it needs (`LivePicture`)
    /// takes them here, so neither the store nor a long read holds the history.
    public var journalSink: (([JournalEvent]) -> Void)?
    public internal(set) var reconciliations: [String: ReconciliationSummary] = [:]
    public internal(set) var sloReadings: [String: SLOReading] = [:]
    public internal(set) var dataQualityFromEvents: [String: DataQualityReading] = [:]
    public internal(set) var audits: [String: AuditSummary] = [:]
    /// Warnings about lines already read; they stay until the file restarts.
    public internal(set) var lineWarnings: [ArtifactWarning] = []
    public private(set) var droppedWarnings = 0
    /// Goes up each time a refresh saw something new, so views can cache what they derive.
    public internal(set) var generation = 0
    /// Recent values per subject, for sparklines.
    public internal(set) var trends = Trends()

    var streams: [String: JSONLStream] = [:]
    /// What each followed path is, worked out on first sight: the stat pass asks every second for
    /// every file, and matching each path against the profile's globs again was 13 % of an idle
    /// console's time on a large root.
    var streamContexts: [String: StreamContext] = [:]
    private var snapshots: [String: SnapshotFile] = [:]
    /// Goes up when a file is followed for the first time: what is derived from the set of
    /// paths (watched directories, which snapshot is a node or the gateway) is kept until then.
    private var layoutVersion = 0
    private var watchedCache: (layout: Int, directories: [String])?
    private var snapshotRolesCache: (layout: Int, stateFiles: [String], metricFiles: [String], gateway: [String])?
    /// Each node as last built from its file, with the versions of the file and of the runner
    /// config it was built from.
    private var nodeCache: [String: (version: Int, runner: Int, node: NodeState?)] = [:]
    private var snapshotWarningCache: [String: (version: Int, warnings: [ArtifactWarning])] = [:]
    private var sequence = 0

    private let directories = DirectoryCache()
    private lazy var auditChain = AuditChainVerifier(root: root)
    /// Followed files share a bounded number of descriptors.
    let descriptors: DescriptorPool
    /// Followed files left unread because the process is out of file descriptors.
    public var filesWithoutDescriptor: Int { descriptors.starvedCount }
    private let runnerLog = RunnerLog()
    let recordKeys: RecordKeys
    private let names: StreamFieldNames
    /// The field names of each kind of stream, as its records are scanned (see `RecordKeys`).
    private let streamFields: [StreamContext.Kind: StreamFields]
    /// The field names for whole objects (snapshots).
    private let wholeFields: StreamFields
    /// Repeated string values read from picked fields, per kind of stream (`JSONStringCache`).
    private let stringCaches: [StreamContext.Kind: JSONStringCache]
    /// Bytes of the followed files not read yet, as of the last refresh.
    public private(set) var backlogBytes: Int64 = 0
    /// Bytes read from the followed files since the store was made.
    public internal(set) var bytesRead: Int64 = 0
    /// Every followed file was read to its end at least once.
    private var caughtUpOnce = false

    /// `keepAllFields` keeps every field of every record, as the journals always do; by
    /// default the event streams keep only the fields their summaries read.
    /// Without a profile the root's content picks one (`ProfileResolver.recognize`).
    public init(
        root: String, profile: SourceProfile? = nil, fieldNames: FieldNames? = nil, keepAllFields: Bool = false,
        descriptors: DescriptorPool = DescriptorPool()
    ) {
        let profile = profile ?? ProfileResolver.recognize(root: root)
        let fieldNames = fieldNames ?? FieldNames(profile: profile)
        self.root = root
        self.descriptors = descriptors
        self.profile = profile
        self.fieldNames = fieldNames
        self.recordKeys = RecordKeys(fieldNames: fieldNames, profile: profile, keepAll: keepAllFields)
        let names = StreamFieldNames(fieldNames, profile: profile)
        self.names = names
        let kinds: [StreamContext.Kind] = [.journal, .orders, .positions, .slo, .dataQuality, .audit, .other]
        var fields: [StreamContext.Kind: StreamFields] = [:]
        var caches: [StreamContext.Kind: JSONStringCache] = [:]
        for kind in kinds {
            let keys = recordKeys.keys(for: kind)
            fields[kind] = StreamFields(names, keys: keys)
            if let keys { caches[kind] = JSONStringCache(keys: keys.count) }
        }
        self.streamFields = fields
        self.stringCaches = caches
        self.wholeFields = StreamFields(names, keys: nil)
    }

    /// The store of a root as a policy reads it: the root's profile (see `ProfileResolver`)
    /// with the policy's `fields:` in front.
    public static func open(root: String, policy: Policy, keepAllFields: Bool = false) throws -> ArtifactStore {
        let profile = try ProfileResolver.resolve(root: root, policy: policy)
        return ArtifactStore(
            root: root, profile: profile, fieldNames: FieldNames(profile: profile, policyAliases: policy.fieldAliases),
            keepAllFields: keepAllFields)
    }

    /// Hands over the journal events read since the last call and forgets them here, for a
    /// fold that keeps what it needs (`LivePicture`): the store then holds no history.
    public func takeJournalEvents() -> [JournalEvent] {
        defer { journalEvents = [] }
        return journalEvents
    }

    /// Every followed file has been read to its end (as of the last refresh).
    public var isCaughtUp: Bool { backlogBytes == 0 }

    public var rootExists: Bool { ArtifactLayout.isDirectory(root) }

    /// Any artifact file was found under the root (read or not, good or bad).
    public var foundAnyArtifact: Bool {
        !streams.isEmpty || snapshots.values.contains { $0.value != nil || $0.warning != nil }
    }

    /// Reads whatever changed. Returns true when anything new was seen. With a `byteBudget` it
    /// reads about that many bytes of the followed files and leaves the rest for the next call
    /// (`isCaughtUp`, `backlogBytes`), so a long history can be read in slices.
    @discardableResult
    public func refresh(byteBudget: Int64 = .max) -> Bool {
        var changed = false
        var backlog: Int64 = 0
        let paths = discoverStreams()
        let contexts = paths.map { path in
            streamContexts[path]
                ?? {
                    let context = StreamContext(path: path, files: profile.files)
                    streamContexts[path] = context
                    return context
                }()
        }
        let followed = paths.indices.map { index in
            streams[paths[index]]
                ?? {
                    let s = JSONLStream(
                        root: root, relativePath: paths[index], keys: recordKeys.keys(for: contexts[index].kind),
                        pool: descriptors)
                    streams[paths[index]] = s
                    layoutVersion += 1
                    return s
                }()
        }
        var summary: ReconciliationSummary?
        func consume(_ piece: ScanPipeline.Piece) {
            let path = paths[piece.index]
            let context = contexts[piece.index]
            let scanned = piece.scanned
            if scanned.restarted { lineWarnings.removeAll { $0.path == path } }
            // A reconciliation summary is counted in a local and stored once per piece, not
            // looked up by path for every line.
            let fields = streamFields[context.kind] ?? wholeFields
            let cache = stringCaches[context.kind]
            if context.kind == .orders || context.kind == .positions {
                summary = reconciliations[path]
                let outcomes = scanned.withRecords(
                    cache: cache,
                    objects: { countReconciliation($0, path: path, context: context, fields: fields, into: &summary) },
                    views: { countReconciliation($0, path: path, context: context, fields: fields, into: &summary) })
                if let summary { reconciliations[path] = summary }
                trends.record(.reconciliation, path, outcomes)
            } else if context.kind == .dataQuality {
                scanned.withRecords(
                    cache: cache, objects: { consumeDataQuality($0, path: path, run: context.runID, fields: fields) },
                    views: { consumeDataQuality($0, path: path, run: context.runID, fields: fields) })
            } else if context.kind == .slo {
                scanned.withRecords(
                    cache: cache, objects: { consumeSLO($0, path: path, run: context.runID, fields: fields) },
                    views: { consumeSLO($0, path: path, run: context.runID, fields: fields) })
            } else {
                let stream = followed[piece.index]
                scanned.records.withUnsafeBufferPointer { records in
                    for index in records.indices {
                        self.consume(
                            records[index], object: stream.object(records[index], in: scanned), path: path,
                            context: context, fields: fields)
                    }
                }
            }
            if let sink = journalSink, !journalEvents.isEmpty { sink(takeJournalEvents()) }
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
        // A runner config read for the first time names more files: look again once.
        for _ in 0..<2 {
            let known = snapshots.count
            for path in discoverSnapshots() {
                let snapshot =
                    snapshots[path]
                    ?? {
                        let s = SnapshotFile(path: ArtifactLayout.join(root, path))
                        snapshots[path] = s
                        layoutVersion += 1
                        return s
                    }()
                let refreshed = snapshot.refresh()
                changed = refreshed || changed
                // A node's new uptime, for its sparkline (recorded for any file that states one;
                // only node files are looked up).
                if refreshed, let object = snapshot.value?.objectValue,
                    let uptime = fieldNames.value("uptime_ratio", in: object)?.doubleValue
                {
                    trends.record(.uptime, path, uptime)
                }
            }
            if snapshots.count == known { break }
        }
        if let log = runnerLogPath {
            let before = runnerLog.lastCycle
            runnerLog.refresh(path: ArtifactLayout.join(root, log))
            changed = changed || runnerLog.lastCycle != before
        }
        if !profile.files.auditChain.isEmpty {
            let before = auditChain.findings.count + auditChain.verifiedEntries
            auditChain.refresh(paths: profile.files.auditChain.flatMap(expand))
            changed = changed || auditChain.findings.count + auditChain.verifiedEntries != before
        }
        if changed { generation += 1 }
        return changed
    }

    /// The directories under the root that artifacts live in, for change notification.
    public var watchedDirectories: [String] {
        if let cached = watchedCache, cached.layout == layoutVersion { return cached.directories }
        let directories = computeWatchedDirectories()
        watchedCache = (layoutVersion, directories)
        return directories
    }

    private func computeWatchedDirectories() -> [String] {
        var dirs: Set<String> = ["", "results", profile.files.runs, ".sitrep"]
        for path in Array(streams.keys) + Array(snapshots.keys) + snapshotPatterns() + streamPatterns() {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty, !parts.contains(where: { $0.contains("*") }) {
                dirs.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
            if let wild = parts.firstIndex(where: { $0.contains("*") }) {
                dirs.insert(parts[..<wild].joined(separator: "/"))
            }
        }
        dirs.formUnion(runIDs.map { "\(profile.files.runs)/\($0)" })
        return dirs.sorted().map { $0.isEmpty ? root : ArtifactLayout.join(root, $0) }.filter(
            ArtifactLayout.isDirectory)
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

    /// What checking the audit logs' hash chain found (breaks and lines it cannot verify).
    public var auditChainFindings: [AuditChainFinding] { profile.files.auditChain.isEmpty ? [] : auditChain.findings }

    /// Audit entries whose chain link was checked and holds.
    public var auditEntriesVerified: Int { profile.files.auditChain.isEmpty ? 0 : auditChain.verifiedEntries }

    /// Every warning: those about lines, those about snapshot files as they are now, and audit
    /// lines whose link cannot be verified.
    public var warnings: [ArtifactWarning] {
        auditChainFindings.filter { $0.kind == .cannotVerify }.map {
            ArtifactWarning(path: $0.path, line: $0.line, message: $0.message)
        }
            + lineWarnings
            + snapshots.keys.sorted().flatMap(snapshotWarnings)
    }

    /// What is wrong with a snapshot file as it is now, worked out once per change of it.
    private func snapshotWarnings(_ key: String) -> [ArtifactWarning] {
        let snapshot = snapshots[key]!
        if let cached = snapshotWarningCache[key], cached.version == snapshot.version { return cached.warnings }
        let parse = snapshot.warning.map { ArtifactWarning(path: key, line: $0.line, message: $0.message) }
        let warnings = (parse.map { [$0] } ?? []) + unreadableTimes(in: snapshot.value?.objectValue, path: key)
        snapshotWarningCache[key] = (snapshot.version, warnings)
        return warnings
    }

    /// The time fields of a snapshot that hold something other than a time up to 9999 (`1e300`):
    /// one warning each, and the snapshot is read without them.
    private func unreadableTimes(in object: JSONObject?, path: String) -> [ArtifactWarning] {
        guard let object else { return [] }
        return ["last_heartbeat", "halted_until"].compactMap { field in
            guard let raw = fieldNames.value(field, in: object), !raw.isNull, raw.stringValue?.isEmpty != true,
                time(raw, field: field) == nil
            else {
                return nil
            }
            return ArtifactWarning(path: path, line: nil, message: ArtifactStore.notATime(field, raw))
        }
    }

    static func notATime(_ field: String, _ raw: JSONValue) -> String {
        "\(field) \(String(JSONWriter.string(raw).prefix(40))) is not a time up to 9999-12-31; read without it"
    }

    // MARK: discovery

    private func path(_ relative: String) -> String { ArtifactLayout.join(root, relative) }

    private var runIDs: [String] { directories.subdirectories(path(profile.files.runs)) }

    private func expand(_ pattern: String) -> [String] {
        RootGlob.expand(pattern, root: root, list: directories.entries)
    }

    /// The file patterns followed line by line, for the watcher.
    private func streamPatterns() -> [String] { profile.files.audit + [profile.files.rootJournal] }

    /// Journals first, in the order that numbers their events (runs by name, then the root's),
    /// so the incidents are whole early in a sliced read; then the other streams, newest run
    /// (last by name) first, as the current state leans on recent runs.
    func discoverStreams() -> [String] {
        let files = profile.files
        var journals: [String] = []
        var others: [String] = []
        for run in runIDs {
            let dir = "\(files.runs)/\(run)"
            let present = Set(directories.entries(path(dir)).filter { !$0.isDirectory }.map(\.name))
            if present.contains(files.journal) { journals.append("\(dir)/\(files.journal)") }
            for name in [
                files.orderReconciliation, files.positionReconciliation, files.sloEvents, files.dataQualityEvents,
            ] where present.contains(name) {
                others.append("\(dir)/\(name)")
            }
        }
        journals += expand(files.rootJournal)
        var paths = journals + others.reversed()
        var seen = Set(paths)
        for pattern in files.audit {
            for found in expand(pattern) where seen.insert(found).inserted { paths.append(found) }
        }
        // Files seen before stay followed even when their directory is gone.
        for known in streams.keys.sorted() where !seen.contains(known) { paths.append(known) }
        return paths
    }

    /// The whole-file JSON artifacts, by pattern (for the watcher too).
    private func snapshotPatterns() -> [String] {
        let files = profile.files
        return files.nodeStates + files.nodeMetrics + files.pilotMetrics + files.gateway
            + [files.nodeConfig, files.incidentLog].compactMap { $0 } + runner.snapshotPaths
    }

    private func discoverSnapshots() -> [String] {
        var paths: [String] = []
        var seen = Set<String>()
        for pattern in snapshotPatterns() {
            for found in expand(pattern) where seen.insert(found).inserted { paths.append(found) }
        }
        for run in runIDs
        where directories.names(path("\(profile.files.runs)/\(run)")).contains(profile.files.dataQualityLatest) {
            let found = "\(profile.files.runs)/\(run)/\(profile.files.dataQualityLatest)"
            if seen.insert(found).inserted { paths.append(found) }
        }
        for known in snapshots.keys.sorted() where !seen.contains(known) { paths.append(known) }
        return paths
    }

    // MARK: consuming records

    /// The run a path lies in: `<runs>/<run>/<file>`.
    static func runID(of path: String, runs: String) -> String? {
        guard path.hasPrefix(runs + "/") else { return nil }
        let parts = path.dropFirst(runs.count + 1).split(separator: "/")
        return parts.count >= 2 ? String(parts[0]) : nil
    }

    /// What a followed file is, worked out once per file rather than once per line.
    struct StreamContext {
        enum Kind { case journal, orders, positions, slo, dataQuality, audit, other }
        var kind: Kind
        var runID: String

        init(path: String, files: SourceProfile.Files) {
            runID = ArtifactStore.runID(of: path, runs: files.runs) ?? "?"
            if RootGlob.matches(path, files.rootJournal) {
                kind = .journal
                return
            }
            if files.audit.contains(where: { RootGlob.matches(path, $0) }) {
                kind = .audit
                return
            }
            let name = path.split(separator: "/").last.map(String.init) ?? ""
            switch name {
            case files.journal: kind = .journal
            case files.orderReconciliation: kind = .orders
            case files.positionReconciliation: kind = .positions
            case files.sloEvents: kind = .slo
            case files.dataQualityEvents: kind = .dataQuality
            default: kind = .other
            }
        }
    }

    private func consume(
        _ entry: borrowing JSONLStream.Record, object: JSONObject, path: String, context: StreamContext,
        fields: StreamFields
    ) {
        let line = entry.line
        let run = context.runID
        switch context.kind {
        case .audit:
            consumeAudit(object, line: line, path: path, fields: fields)
        case .journal:
            sequence += 1
            if let event = JournalEvent(
                object: object, journal: path, line: line, sequence: sequence, naiveZone: profile.naiveZone)
            {
                var event = event
                event.offset = entry.offset
                event.length = entry.length
                journalEvents.append(event)
                if journalSet.insert(path).inserted { journals.append(path) }
                record(event.numberProblems.map { ArtifactWarning(path: path, line: line, message: $0) })
            } else {
                record([
                    ArtifactWarning(
                        path: path, line: line, message: "journal line without event_type; kept on disk, ignored")
                ])
            }
        case .orders, .positions:
            var summary = reconciliations[path]
            countReconciliation(object, line: line, path: path, context: context, fields: fields, into: &summary)
            if let summary { reconciliations[path] = summary }
        case .slo:
            consumeSLO(object, line: line, path: path, run: run, fields: fields)
        case .dataQuality:
            let reading = dataQuality(object, runID: run, path: path, line: line, fields: fields)
            dataQualityFromEvents[run] = reading
            if let errors = reading.errors { trends.record(.dataQualityErrors, run, Double(errors)) }
        case .other:
            break
        }
    }

    func timestamp<R: FieldRecord>(_ object: R, fields: StreamFields) -> Date? { object.time(fields.ts, time) }

    /// A value read as a time under the profile's convention (naive times in its zone).
    func time(_ value: JSONValue?) -> Date? { value.flatMap { Timestamp.parse($0, naiveZone: profile.naiveZone) } }

    /// A field's time: in the writer's host zone when the profile says it stamps that one locally.
    func time(_ value: JSONValue?, field: String) -> Date? {
        let zone = profile.hostTimeFields.contains(field) ? profile.hostZone : profile.naiveZone
        return value.flatMap { Timestamp.parse($0, naiveZone: zone) }
    }

    /// Whether a reconciliation record reports a mismatch; nil when it says neither.
    func isMismatch<R: FieldRecord>(_ object: R, fields: StreamFields) -> Bool? {
        if let raw = object.first(fields.status)?.stringValue {
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
        if let ok = object.first(fields.ok)?.boolValue { return !ok }
        if let count = object.first(fields.mismatchCount) {
            if let list = count.arrayValue { return !list.isEmpty }
            if let n = count.doubleValue { return n > 0 }
        }
        return nil
    }

    /// Counts a piece of a reconciliation stream; returns each counted record's outcome as the
    /// summary counted it (whatever the profile's rule): 1 passed, 0 not.
    private func countReconciliation<P: PieceRecords>(
        _ records: P, path: String, context: StreamContext, fields: StreamFields,
        into summary: inout ReconciliationSummary?
    ) -> [Double] {
        guard records.count > 0 else { return [] }
        // Counted in a local, not through the optional: copying the summary out of it for each
        // record cost a retain and a release of every field.
        var counting =
            summary
            ?? ReconciliationSummary(
                kind: context.kind == .orders ? "orders" : "positions", runID: context.runID, path: path)
        summary = nil
        var outcomes: [Double] = []
        outcomes.reserveCapacity(records.count)
        for index in 0..<records.count {
            let (total, passed) = (counting.total, counting.passed)
            countReconciliation(
                records.record(index), line: records.line(index), path: path, fields: fields, into: &counting)
            if counting.total > total { outcomes.append(counting.passed > passed ? 1 : 0) }
        }
        summary = counting
        return outcomes
    }

    private func countReconciliation<R: FieldRecord>(
        _ object: R, line: Int, path: String, context: StreamContext, fields: StreamFields,
        into summary: inout ReconciliationSummary?
    ) {
        var counting =
            summary
            ?? ReconciliationSummary(
                kind: context.kind == .orders ? "orders" : "positions", runID: context.runID, path: path)
        countReconciliation(object, line: line, path: path, fields: fields, into: &counting)
        summary = counting
    }

    private func countReconciliation<R: FieldRecord>(
        _ object: R, line: Int, path: String, fields: StreamFields, into summary: inout ReconciliationSummary
    ) {
        // The writer's own snapshot (trading-bot's order_reconciliation_snapshot): its streak
        // is the truth, and `status` says whether the fetch worked, not whether books matched.
        if let streak = fields.streak.flatMap({ object.last($0)?.intValue }) {
            let status = object.first(fields.status)?.stringValue?.lowercased()
            let at = timestamp(object, fields: fields)
            if let status, names.fetchFailed.contains(status) {
                summary.countFetchFailure(at: at, line: line, error: object.last(fields.lastError)?.stringValue)
            } else {
                let ids = (object.first(fields.mismatchedIDs)?.arrayValue ?? []).map(ArtifactStore.describe)
                summary.count(streak: streak, at: at, line: line, ids: ids)
            }
            summary.haltRecommended = fields.halt.flatMap { object.last($0)?.boolValue } ?? false
            summary.haltReason = fields.haltReason.flatMap { object.last($0)?.stringValue }
            return
        }
        guard let mismatch = isMismatch(object, fields: fields) else {
            record([
                ArtifactWarning(
                    path: path, line: line, message: "reconciliation record says neither match nor mismatch; skipped")
            ])
            return
        }
        let at = timestamp(object, fields: fields)
        if at == nil, let raw = object.first(fields.ts), !raw.isNull {
            record([ArtifactWarning(path: path, line: line, message: ArtifactStore.notATime("ts", raw))])
        }
        let ids = mismatch ? (object.first(fields.mismatchedIDs)?.arrayValue ?? []).map(ArtifactStore.describe) : []
        summary.count(mismatch: mismatch, at: at, line: line, ids: ids)
    }

    /// An id from a mismatch list: the string itself, or an object's `order_id`/`symbol`.
    static func describe(_ value: JSONValue) -> String {
        if let text = value.stringValue { return text }
        return value.objectValue?.first(["order_id", "symbol", "id"])?.stringValue ?? "?"
    }

    private static let breachStatuses: Set<String> = ["breach", "breached", "violated", "fail", "failed"]

    /// The text lowercased, without making a copy when it has no capitals (the usual case).
    static func lowercased(_ text: String) -> String {
        text.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } || !text.utf8.allSatisfy { $0 < 0x80 }
            ? text.lowercased() : text
    }

    /// A piece of an SLO stream: only each SLO's last reading is kept, so the records are read
    /// from the end and an earlier one of the same SLO is not read further.
    private func consumeSLO<P: PieceRecords>(_ records: P, path: String, run: String, fields: StreamFields) {
        var seen = Set<String>()
        for index in (0..<records.count).reversed() {
            let object = records.record(index)
            let (type, name) = sloName(object, fields: fields)
            if seen.insert(name).inserted {
                consumeSLO(
                    object, line: records.line(index), path: path, run: run, type: type, name: name, fields: fields)
            }
        }
    }

    /// A piece of a data quality stream: every record's error count goes to the trend, and the
    /// last record is the run's reading.
    private func consumeDataQuality<P: PieceRecords>(_ records: P, path: String, run: String, fields: StreamFields) {
        guard records.count > 0 else { return }
        var errors: [Double] = []
        errors.reserveCapacity(records.count)
        for index in 0..<records.count {
            if let count = records.record(index).first(fields.qualityErrors)?.intValue { errors.append(Double(count)) }
        }
        let last = records.count - 1
        dataQualityFromEvents[run] = dataQuality(
            records.record(last), runID: run, path: path, line: records.line(last), fields: fields)
        trends.record(.dataQualityErrors, run, errors)
    }

    /// An SLO record's event type (lowercased) and the SLO it reads.
    private func sloName<R: FieldRecord>(_ object: R, fields: StreamFields) -> (type: String, name: String) {
        let type = object.first(fields.eventType)?.stringValue.map(ArtifactStore.lowercased) ?? ""
        return (type, object.first(fields.slo)?.stringValue ?? (type.isEmpty ? "slo" : type))
    }

    private func consumeSLO(_ object: JSONObject, line: Int, path: String, run: String, fields: StreamFields) {
        let (type, name) = sloName(object, fields: fields)
        consumeSLO(object, line: line, path: path, run: run, type: type, name: name, fields: fields)
    }

    private func consumeSLO<R: FieldRecord>(
        _ object: R, line: Int, path: String, run: String, type: String, name: String, fields: StreamFields
    ) {
        // The rest is read only when the record states no `breached`.
        let breached =
            object.first(fields.breached)?.boolValue
            ?? (type.contains("breach")
                || ArtifactStore.breachStatuses.contains(
                    object.last(fields.statusLiteral)?.stringValue?.lowercased() ?? ""))
        let reading = SLOReading(
            slo: name, runID: run, path: path, line: line, at: timestamp(object, fields: fields),
            value: object.first(fields.value)?.doubleValue, target: object.first(fields.target)?.doubleValue,
            breached: breached, severity: object.first(fields.severity)?.stringValue,
            message: object.first(fields.sloMessage)?.stringValue)
        sloReadings["\(run)/\(name)"] = reading
    }

    private func consumeAudit(_ object: JSONObject, line: Int, path: String, fields: StreamFields) {
        guard let type = object.first(fields.eventType)?.stringValue else { return }
        let key = "\(path)#\(type)"
        var summary = audits[key] ?? AuditSummary(type: type, path: path)
        summary.count += 1
        summary.lastLine = line
        summary.lastAt = time(object.first(fields.ts), field: "audit_ts") ?? summary.lastAt
        summary.lastMessage = object.first(fields.auditMessage)?.stringValue
        audits[key] = summary
    }

    func dataQuality<R: FieldRecord>(
        _ object: R, runID: String, path: String, line: Int?, fields: StreamFields
    ) -> DataQualityReading {
        DataQualityReading(
            runID: runID, path: path, line: line, at: timestamp(object, fields: fields),
            errors: object.first(fields.qualityErrors)?.intValue,
            staleWarnings: object.first(fields.staleWarnings)?.intValue)
    }

    // MARK: snapshots

    /// The node runner's config (`pilot/node_config.json`), read from the last refresh.
    var runner: NodeRunnerConfig {
        guard let path = profile.files.nodeConfig, let object = snapshots[path]?.value?.objectValue else {
            return NodeRunnerConfig(path: nil)
        }
        return NodeRunnerConfig(path: path, object: object, root: root, profile: profile)
    }

    /// Node states, including nodes whose file has gone (with their last good state): the
    /// profile's node state files, the one the runner config names, and per-node metrics files.
    /// One node is listed once, from the first file that names it. Built once per generation:
    /// the picture and the detectors ask at every instant.
    public var nodes: [NodeState] {
        if let cached = nodesCache, cached.generation == generation { return cached.nodes }
        let built = buildNodes()
        nodesCache = (generation, built)
        return built
    }

    private var nodesCache: (generation: Int, nodes: [NodeState])?

    private func buildNodes() -> [NodeState] {
        let runner = self.runner
        let runnerVersion = profile.files.nodeConfig.flatMap { snapshots[$0]?.version } ?? 0
        let roles = snapshotRoles
        var result: [NodeState] = []
        var ids = Set<String>()
        func add(_ path: String, metrics: Bool) {
            guard let snapshot = snapshots[path] else { return }
            let built: NodeState?
            if let cached = nodeCache[path], cached.version == snapshot.version, cached.runner == runnerVersion {
                built = cached.node
            } else {
                built = snapshot.value?.objectValue.flatMap { node(path, $0, runner, metrics) }
                nodeCache[path] = (snapshot.version, runnerVersion, built)
            }
            if let node = built, ids.insert(node.id).inserted { result.append(node) }
        }
        let stateFiles =
            roles.stateFiles + (runner.stateOut.map { out in roles.stateFiles.contains(out) ? [] : [out] } ?? [])
        for path in stateFiles.sorted() where snapshots[path] != nil { add(path, metrics: false) }
        for path in roles.metricFiles { add(path, metrics: true) }
        return result
    }

    /// Which snapshot files are node states, node metrics and gateway files by the profile's
    /// patterns, matched once per new path rather than at every change.
    private var snapshotRoles: (stateFiles: [String], metricFiles: [String], gateway: [String]) {
        if let cached = snapshotRolesCache, cached.layout == layoutVersion {
            return (cached.stateFiles, cached.metricFiles, cached.gateway)
        }
        let files = profile.files
        let keys = snapshots.keys.sorted()
        let state = keys.filter { key in files.nodeStates.contains { RootGlob.matches(key, $0) } }
        let metrics = keys.filter { key in files.nodeMetrics.contains { RootGlob.matches(key, $0) } }
        let gateway = files.gateway.flatMap { pattern in keys.filter { RootGlob.matches($0, pattern) } }
        snapshotRolesCache = (layoutVersion, state, metrics, gateway)
        return (state, metrics, gateway)
    }

    private func node(_ path: String, _ object: JSONObject, _ runner: NodeRunnerConfig, _ fromMetrics: Bool)
        -> NodeState?
    {
        let parts = path.split(separator: "/").map(String.init)
        let defaultID = parts.count >= 3 ? parts[parts.count - 2] : (runner.nodeID ?? parts.first ?? "node")
        let id = fieldNames.value("node_id", in: object)?.stringValue ?? defaultID
        // A health that is not text (OpenMeshMind's metrics have a `health` object) is no verdict.
        let healthMatch = fieldNames.lookup("health").match(in: object)
        let rawHealth = healthMatch.flatMap { match -> String? in
            switch match.value {
            case .string(let s): return s
            case .bool(let b): return b ? "ok" : "unhealthy"
            default: return nil
            }
        }
        let lastCycleOK = fieldNames.value("last_cycle_ok", in: object)?.boolValue
        let uptime = fieldNames.value("uptime_ratio", in: object)?.doubleValue
        let lastError = fieldNames.value("last_error", in: object)?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        var health = NodeHealth(text: rawHealth)
        var derivedFrom: String?
        if rawHealth == nil {
            (health, derivedFrom) = derivedHealth(object, uptime: uptime)
        }
        var interval: TimeInterval?
        if path == runner.stateOut || path == runner.metricsOut {
            interval = runner.intervalSeconds
        } else if fromMetrics {
            interval = profile.staleness.defaultInterval
        }
        return NodeState(
            id: id, path: path, health: health, rawHealth: rawHealth ?? derivedFrom,
            lastHeartbeat: time(fieldNames.value("last_heartbeat", in: object)) ?? snapshots[path]?.modifiedAt,
            uptimeRatio: uptime, lastCycleOK: lastCycleOK,
            failingSmokeStep: fieldNames.value("failing_smoke_step", in: object)?.stringValue.flatMap {
                $0.isEmpty ? nil : $0
            }, fields: object, healthField: rawHealth == nil ? nil : healthMatch?.name, lastError: lastError,
            cycleInterval: interval)
    }

    /// The profile's health rules for a node whose file states none: a failing field or an
    /// error makes it unhealthy, a low uptime degraded. Returns the verdict and why.
    private func derivedHealth(_ object: JSONObject, uptime: Double?) -> (NodeHealth, String?) {
        let rules = profile.health
        for field in rules.unhealthyWhenFalse {
            if let match = fieldNames.lookup(field).match(in: object), match.value.boolValue == false {
                return (.unhealthy, "\(match.name)=false")
            }
        }
        for field in rules.unhealthyWhenSet {
            if let match = fieldNames.lookup(field).match(in: object), let text = match.value.stringValue, !text.isEmpty
            {
                return (.unhealthy, "\(match.name)=\(text)")
            }
        }
        if let below = rules.degradedBelow, let uptime, uptime < below {
            return (.degraded, "uptime \(uptime) < \(below)")
        }
        if rules.unhealthyWhenFalse.isEmpty && rules.unhealthyWhenSet.isEmpty { return (.unknown, nil) }
        return (.ok, nil)
    }

    /// The pilot's metrics: the runner config's `metrics_out`, else the profile's file.
    public var pilotMetrics: JSONObject? { pilotMetricsEntry?.object }

    public var pilotMetricsPath: String? { pilotMetricsEntry?.path }

    private var pilotMetricsEntry: (path: String, object: JSONObject)? {
        let candidates = [runner.metricsOut].compactMap { $0 } + profile.files.pilotMetrics
        for path in candidates {
            if let object = snapshots[path]?.value?.objectValue { return (path, object) }
        }
        return nil
    }

    /// The gateway's halt state, from the first of the profile's gateway files present (the
    /// halt fields may lie nested, as in trading-bot's `payload.gateway_state`).
    public var gateway: GatewayState? {
        for path in snapshotRoles.gateway {
            guard let object = snapshots[path]?.value?.objectValue else { continue }
            let reason = fieldNames.value("halt_reason", in: object)?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            let until = time(fieldNames.value("halted_until", in: object), field: "halted_until")
            let flag = fieldNames.value("kill_switch", in: object)?.boolValue
            return GatewayState(
                path: path, killSwitch: flag, reason: reason, haltedUntil: until,
                since: time(fieldNames.value("halted_since", in: object), field: "halted_since"),
                asOf: time(fieldNames.value("state_as_of", in: object), field: "state_as_of"),
                requiresUntil: profile.haltRequiresUntil.contains { RootGlob.matches(path, $0) },
                reasonField: fieldNames.matchedName("halt_reason", in: object))
        }
        return nil
    }

    /// The latest data quality per run: the `data_quality_latest.json` snapshot where present,
    /// else the last event of `data_quality_events.jsonl`.
    public var dataQuality: [DataQualityReading] {
        var byRun = dataQualityFromEvents
        for (path, snapshot) in snapshots where path.hasSuffix("/" + profile.files.dataQualityLatest) {
            guard let object = snapshot.value?.objectValue,
                let run = ArtifactStore.runID(of: path, runs: profile.files.runs)
            else { continue }
            let reading = dataQuality(object, runID: run, path: path, line: nil, fields: wholeFields)
            if let existing = byRun[run], let a = existing.at, let b = reading.at, a > b { continue }
            byRun[run] = reading
        }
        return byRun.keys.sorted().map { byRun[$0]! }
    }

    /// The runner's log: the config's `log_out`, else the profile's.
    public var runnerLogPath: String? {
        guard let relative = runner.logOut ?? profile.files.runnerLog else { return nil }
        return FileManager.default.fileExists(atPath: ArtifactLayout.join(root, relative)) ? relative : nil
    }

    /// The lines of the runner log's last cycle, and the node it belongs to (the runner
    /// config's node, else the node whose state file is the profile's).
    public var runnerLastCycle: (nodePath: String?, lines: [String]) {
        (runner.stateOut ?? profile.files.nodeStates.first, runnerLog.lastCycle)
    }

    /// Incidents of a read-only incident log (OpenMeshMind's `pilot/incident_log.json`).
    public var loggedIncidents: [LoggedIncident] {
        guard let path = profile.files.incidentLog, let object = snapshots[path]?.value?.objectValue else { return [] }
        return IncidentLogReader.incidents(in: object, path: path, naiveZone: profile.naiveZone)
    }
}
