import Foundation

/// The store's state derived from followed files, out to a checkpoint and back. Journals are
/// left out: they are read again from their start. Snapshot files are small and read again.
/// The audit hash chain is checked again from the start too (trading-bot roots only).
extension ArtifactStore {
    /// Each followed file other than a journal, where reading it stopped, and what its lines
    /// gave. `digest` gives the digest of a file's first `offset` bytes (`ReadDigest`), or nil
    /// when it cannot; such a file is left out, and read again at restore.
    func checkpointFiles(
        digest: (_ path: String, _ point: LineFollower.ResumePoint) -> String?
    ) -> [CheckpointDocument.File] {
        var files: [CheckpointDocument.File] = []
        for path in streams.keys.sorted() {
            let context = streamContexts[path] ?? StreamContext(path: path, files: profile.files)
            guard context.kind != .journal, let point = streams[path]?.follower.resumePoint(), point.offset > 0,
                let digest = digest(path, point)
            else { continue }
            var state = CheckpointDocument.FileState()
            switch context.kind {
            case .orders, .positions:
                state.reconciliation = reconciliations[path]
                state.reconciliationTrend = trends.values(.reconciliation, path)
            case .slo:
                state.slo = sloReadings.filter { $0.value.path == path }
            case .dataQuality:
                if let reading = dataQualityFromEvents[context.runID], reading.path == path {
                    state.dataQuality = reading
                    state.dataQualityTrend = trends.values(.dataQualityErrors, context.runID)
                }
            case .audit:
                state.audits = audits.filter { $0.value.path == path }
            case .journal, .other:
                break
            }
            state.warnings = lineWarnings.filter { $0.path == path }
            files.append(
                CheckpointDocument.File(
                    path: path, device: point.device, inode: point.inode, offset: point.offset,
                    lineNumber: point.lineNumber, digest: digest, state: state))
        }
        return files
    }

    /// Takes up each file of a checkpoint that the store follows, whose state is that file's
    /// own and that `verify` accepts: its follower goes on from the recorded offset, and its
    /// summaries are put back. Any other file is read from its start as usual. Only on a store
    /// that has read nothing yet. Returns the files and bytes taken up, and the files refused.
    func restore(
        _ files: [CheckpointDocument.File], verify: (CheckpointDocument.File) -> Bool
    ) -> (restored: Int, bytes: Int64, refused: Int) {
        guard streams.isEmpty else { return (0, 0, files.count) }
        let followed = Set(discoverStreams())
        var seen = Set<String>()
        var (restored, bytes, refused) = (0, Int64(0), 0)
        for file in files {
            let context = StreamContext(path: file.path, files: profile.files)
            guard followed.contains(file.path), seen.insert(file.path).inserted, context.kind != .journal,
                belongs(file.state, to: file.path, context), verify(file)
            else {
                refused += 1
                continue
            }
            let stream = JSONLStream(
                root: root, relativePath: file.path, keys: recordKeys.keys(for: context.kind), pool: descriptors)
            let point = LineFollower.ResumePoint(
                device: file.device, inode: file.inode, offset: file.offset, lineNumber: file.lineNumber)
            guard stream.follower.resume(at: point) else {
                refused += 1
                continue
            }
            streams[file.path] = stream
            streamContexts[file.path] = context
            let state = file.state
            if let summary = state.reconciliation { reconciliations[file.path] = summary }
            trends.record(.reconciliation, file.path, state.reconciliationTrend)
            for (key, reading) in state.slo { sloReadings[key] = reading }
            if let reading = state.dataQuality { dataQualityFromEvents[context.runID] = reading }
            trends.record(.dataQualityErrors, context.runID, state.dataQualityTrend)
            for (key, summary) in state.audits { audits[key] = summary }
            lineWarnings += state.warnings
            bytesRead += file.offset
            restored += 1
            bytes += file.offset
        }
        // What views derived from the empty store (the console's first frame) is stale now,
        // even if the next refresh finds nothing new.
        if restored > 0 { generation += 1 }
        return (restored, bytes, refused)
    }

    /// Whether a file's recorded state could only have come from that file: the kinds its
    /// name allows, each summary naming that path (and run), under the key the store uses.
    private func belongs(_ state: CheckpointDocument.FileState, to path: String, _ context: StreamContext) -> Bool {
        let run = context.runID
        let reconciles = context.kind == .orders || context.kind == .positions
        if let summary = state.reconciliation {
            guard reconciles, summary.path == path, summary.runID == run,
                summary.kind == (context.kind == .orders ? "orders" : "positions")
            else { return false }
        }
        guard reconciles || state.reconciliationTrend.isEmpty else { return false }
        guard state.slo.isEmpty || context.kind == .slo,
            state.slo.allSatisfy({
                $0.key == "\(run)/\($0.value.slo)" && $0.value.path == path && $0.value.runID == run
            })
        else { return false }
        if let reading = state.dataQuality {
            guard context.kind == .dataQuality, reading.path == path, reading.runID == run else { return false }
        }
        guard state.dataQuality != nil || state.dataQualityTrend.isEmpty else { return false }
        guard state.audits.isEmpty || context.kind == .audit,
            state.audits.allSatisfy({ $0.key == "\(path)#\($0.value.type)" && $0.value.path == path })
        else { return false }
        return state.warnings.allSatisfy { $0.path == path }
    }
}
