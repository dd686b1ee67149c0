import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a store derived from its files, in a form two stores can be compared by.
private struct Derived: Equatable {
    var reconciliations: [String: ReconciliationSummary]
    var slo: [String: SLOReading]
    var dataQuality: [String: DataQualityReading]
    var audits: [String: AuditSummary]
    var warnings: Set<ArtifactWarning>
    var trends: [String: RecentValues]
    var journalEvents: Int
    var bytesRead: Int64

    init(_ store: ArtifactStore) {
        reconciliations = store.reconciliations
        slo = store.sloReadings
        dataQuality = store.dataQualityFromEvents
        audits = store.audits
        warnings = Set(store.lineWarnings)
        trends = store.trends.series
        journalEvents = store.journalEvents.count
        bytesRead = store.bytesRead
    }
}

private func recon(_ status: String, _ minute: Int) -> String {
    "{\"ts\":\"2025-11-21T10:\(String(format: "%02d", minute)):00Z\",\"status\":\"\(status)\",\"mismatched_order_ids\":[\"O-\(minute)\"]}\n"
}

private func slo(_ value: Int, breached: Bool, _ minute: Int) -> String {
    "{\"ts\":\"2025-11-21T10:\(String(format: "%02d", minute)):00Z\",\"slo\":\"latency\",\"value\":\(value),\"target\":250,\"breached\":\(breached)}\n"
}

private func quality(_ errors: Int, _ minute: Int) -> String {
    "{\"ts\":\"2025-11-21T10:\(String(format: "%02d", minute)):00Z\",\"errors\":\(errors),\"stale_warnings\":1}\n"
}

/// Two runs of every followed kind, a journal, an audit log, a node, and a malformed line.
private func populate(_ dir: FollowScratch) throws {
    for run in ["r1", "r2"] {
        let base = "results/runs/\(run)"
        try dir.append(
            "\(base)/order_reconciliation_events.jsonl",
            (0..<40).map { recon($0 % 7 == 3 ? "mismatch" : "match", $0) }.joined())
        try dir.append(
            "\(base)/position_reconciliation_events.jsonl", (0..<30).map { recon("match", $0) }.joined() + "not json\n")
        try dir.append("\(base)/ops_slo_events.jsonl", (0..<20).map { slo(100 + $0, breached: $0 == 19, $0) }.joined())
        try dir.append("\(base)/data_quality_events.jsonl", (0..<25).map { quality($0 % 4, $0) }.joined())
        try dir.append(
            "\(base)/incident_events.jsonl",
            "{\"event_type\":\"incident_open\",\"incident_id\":\"INC-\(run)\",\"severity\":\"SEV2\",\"title\":\"t\",\"ts\":\"2025-11-21T10:00:00Z\",\"event_id\":\"e-\(run)\"}\n"
        )
    }
    try dir.append(
        "audit_logs/risk.jsonl",
        "{\"event_type\":\"risk_warning\",\"ts\":\"2025-11-21T10:00:00Z\",\"message\":\"near\"}\n")
    try dir.rewrite(
        "nodes/n1/node_state.json",
        "{\"node_id\":\"n1\",\"health\":\"ok\",\"uptime_ratio\":0.99,\"last_heartbeat\":\"2025-11-21T10:00:00Z\"}")
}

/// A fresh cache directory for one test, never the user's.
private func withCache<T>(_ body: (CheckpointDirectory) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-cache-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(CheckpointDirectory(path: path + "/sitrep"))
}

private func checkpointer(_ store: ArtifactStore, _ directory: CheckpointDirectory, build: String = "test")
    -> Checkpointer
{
    Checkpointer(
        directory: directory,
        context: CheckpointContext(
            root: store.root, profile: store.profile, fieldNames: store.fieldNames, build: build))
}

/// Reads the root, saves its checkpoint, lets `change` act on the files, then returns the store
/// restored from the checkpoint (and refreshed) beside one that read the files from scratch.
/// A root read once and its checkpoint saved, then a fresh store of the root, its checkpointer
/// and the checkpoint's file, for a test to tamper with before restoring.
private func savedCheckpoint(_ dir: FollowScratch, _ cache: CheckpointDirectory) throws -> (
    store: ArtifactStore, keeper: Checkpointer, file: String
) {
    _ = try restart(dir, cache)
    let store = ArtifactStore(root: dir.root)
    let keeper = checkpointer(store, cache)
    return (store, keeper, cache.path + "/" + keeper.context.fileName)
}

private func restart(
    _ dir: FollowScratch, _ cache: CheckpointDirectory, change: () throws -> Void = {}
) throws -> (restored: ArtifactStore, outcome: Checkpointer.Restored, scratch: ArtifactStore) {
    let first = ArtifactStore(root: dir.root)
    first.refresh()
    try checkpointer(first, cache).save(first, at: Date())
    try change()
    let restored = ArtifactStore(root: dir.root)
    let outcome = checkpointer(restored, cache).restore(into: restored)
    restored.refresh()
    let scratch = ArtifactStore(root: dir.root)
    scratch.refresh()
    return (restored, outcome, scratch)
}

@Suite struct CheckpointTests {
    /// The non-journal followed files of `populate`.
    static let followedFiles = 9

    @Test("a restored store holds what one reading from scratch holds, lines appended since included")
    func roundTrip() throws {
        try withFollowScratch { dir in
            try populate(dir)
            // Half a line at the checkpoint: it is read again, whole, after the restore.
            try dir.append("results/runs/r1/order_reconciliation_events.jsonl", "{\"ts\":\"2025-11-21T10:50:00Z\",")
            try withCache { cache in
                let (restored, outcome, scratch) = try restart(dir, cache) {
                    try dir.append("results/runs/r1/order_reconciliation_events.jsonl", "\"status\":\"mismatch\"}\n")
                    try dir.append("results/runs/r2/ops_slo_events.jsonl", slo(900, breached: true, 59))
                    try dir.append("results/runs/r2/data_quality_events.jsonl", quality(7, 59))
                    try dir.append(
                        "audit_logs/risk.jsonl", "{\"event_type\":\"halt\",\"ts\":\"2025-11-21T10:59:00Z\"}\n")
                }
                #expect(outcome.files == CheckpointTests.followedFiles, "\(outcome)")
                #expect(outcome.refused == 0 && outcome.discarded == nil)
                #expect(outcome.bytes > 0)
                #expect(Derived(restored) == Derived(scratch))
                #expect(restored.reconciliations["results/runs/r1/order_reconciliation_events.jsonl"]?.streak == 1)
                #expect(restored.sloReadings["r2/latency"]?.value == 900)
                #expect(restored.lineWarnings.contains { $0.message.contains("malformed") || $0.line == 31 })
            }
        }
    }

    @Test("a file replaced by another (new inode) is read from its start, its old state dropped")
    func replacedFile() throws {
        try withFollowScratch { dir in
            try populate(dir)
            let path = "results/runs/r1/order_reconciliation_events.jsonl"
            try withCache { cache in
                let (restored, outcome, scratch) = try restart(dir, cache) {
                    try dir.replace(path, (0..<50).map { recon("mismatch", $0) }.joined())
                }
                #expect(outcome.refused == 1)
                #expect(outcome.files == CheckpointTests.followedFiles - 1)
                #expect(restored.reconciliations[path]?.total == 50)
                #expect(Derived(restored) == Derived(scratch))
            }
        }
    }

    @Test("a file cut shorter than the checkpoint's offset is read from its start")
    func truncatedFile() throws {
        try withFollowScratch { dir in
            try populate(dir)
            let path = "results/runs/r2/data_quality_events.jsonl"
            try withCache { cache in
                let (restored, outcome, scratch) = try restart(dir, cache) {
                    try dir.truncate(path)
                    try dir.append(path, quality(5, 1) + quality(6, 2))
                }
                #expect(outcome.refused == 1)
                #expect(restored.dataQualityFromEvents["r2"]?.errors == 6)
                #expect(restored.trends.values(.dataQualityErrors, "r2") == [5, 6])
                #expect(Derived(restored) == Derived(scratch))
            }
        }
    }

    @Test(
        "a file rewritten in place (same inode, as long or longer) with other bytes before the offset is read again",
        arguments: [0, 1, 39])
    func rewrittenInPlace(changedLine: Int) throws {
        try withFollowScratch { dir in
            try populate(dir)
            let path = "results/runs/r1/order_reconciliation_events.jsonl"
            try withCache { cache in
                let (restored, outcome, scratch) = try restart(dir, cache) {
                    var lines = dir.lines(path)
                    // Same length: "match" and "mismatch" differ, so swap two same-length fields.
                    lines[changedLine] = lines[changedLine].replacingOccurrences(of: "10:", with: "11:")
                    try dir.rewrite(path, lines.joined(separator: "\n") + "\n")
                }
                #expect(outcome.refused == 1, "\(outcome)")
                #expect(Derived(restored) == Derived(scratch))
            }
        }
    }

    @Test("a restore is news to what was derived from the empty store, even when no file has grown since")
    func restoreIsAChange() throws {
        try withFollowScratch { dir in
            try dir.append("results/runs/r1/order_reconciliation_events.jsonl", recon("mismatch", 1))
            try withCache { cache in
                let first = ArtifactStore(root: dir.root)
                first.refresh()
                try checkpointer(first, cache).save(first, at: Date())
                let store = ArtifactStore(root: dir.root)
                let before = store.generation
                #expect(checkpointer(store, cache).restore(into: store).files == 1)
                #expect(store.generation != before)
                #expect(!store.refresh())
                #expect(store.reconciliations.first?.value.streak == 1)
            }
        }
    }

    @Test("a corrupt checkpoint is discarded and the history read as if there were none")
    func corruptCheckpoint() throws {
        try withFollowScratch { dir in
            try populate(dir)
            try withCache { cache in
                let (store, keeper, file) = try savedCheckpoint(dir, cache)
                // Cut short, as a write torn by a crash leaves it (a flipped byte may land inside
                // a string and still be JSON).
                let bytes = try #require(FileManager.default.contents(atPath: file))
                try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: file))
                let outcome = keeper.restore(into: store)
                #expect(outcome.files == 0)
                #expect(outcome.discarded != nil)
                store.refresh()
                let scratch = ArtifactStore(root: dir.root)
                scratch.refresh()
                #expect(Derived(store) == Derived(scratch))
            }
        }
    }

    @Test("an oversized checkpoint is not read")
    func oversizedCheckpoint() throws {
        try withFollowScratch { dir in
            try populate(dir)
            try withCache { cache in
                let store = ArtifactStore(root: dir.root)
                let keeper = checkpointer(store, cache)
                try FileManager.default.createDirectory(atPath: cache.path, withIntermediateDirectories: true)
                let file = cache.path + "/" + keeper.context.fileName
                #expect(FileManager.default.createFile(atPath: file, contents: Data("{".utf8)))
                #expect(truncate(file, off_t(CheckpointDocument.Limit.bytes + 1)) == 0)
                let outcome = keeper.restore(into: store)
                #expect(outcome.files == 0)
                #expect(outcome.discarded?.contains("too large") == true)
            }
        }
    }

    @Test("a checkpoint that is a symbolic link is not followed, for reading or writing")
    func symlinkedCheckpoint() throws {
        try withFollowScratch { dir in
            try populate(dir)
            try withCache { cache in
                let (store, keeper, file) = try savedCheckpoint(dir, cache)
                let elsewhere = cache.path + "/../planted.json"
                try FileManager.default.moveItem(atPath: file, toPath: elsewhere)
                try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: elsewhere)
                let outcome = keeper.restore(into: store)
                #expect(outcome.files == 0)
                #expect(outcome.discarded != nil)
                // Saving replaces the link itself; what it pointed at is untouched.
                let before = try #require(FileManager.default.contents(atPath: elsewhere))
                store.refresh()
                try keeper.save(store, at: Date())
                #expect(FileManager.default.contents(atPath: elsewhere) == before)
                let attributes = try FileManager.default.attributesOfItem(atPath: file)
                #expect(attributes[.type] as? FileAttributeType == .typeRegular)
                #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
            }
        }
    }

    @Test("a cache directory that is a link, or that others may write, is refused")
    func unsafeDirectory() throws {
        try withFollowScratch { dir in
            try populate(dir)
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            let base = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sitrep-cache-\(UUID().uuidString)"
            )
            .path
            defer { try? FileManager.default.removeItem(atPath: base) }
            try FileManager.default.createDirectory(atPath: base + "/real", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: base + "/real")
            #expect(throws: CheckpointDirectory.Refused.self) {
                try checkpointer(store, CheckpointDirectory(path: base + "/link")).save(store, at: Date())
            }
            #expect(chmod(base + "/real", 0o777) == 0)
            #expect(throws: CheckpointDirectory.Refused.self) {
                try checkpointer(store, CheckpointDirectory(path: base + "/real")).save(store, at: Date())
            }
            // Made when missing, 0700.
            let made = CheckpointDirectory(path: base + "/new/sitrep")
            try checkpointer(store, made).save(store, at: Date())
            let mode = try FileManager.default.attributesOfItem(atPath: made.path)[.posixPermissions] as? Int
            #expect(mode == 0o700)
        }
    }

    @Test("another root's checkpoint, or another build's, is not used")
    func otherRootOrBuild() throws {
        try withFollowScratch { dir in
            try populate(dir)
            try withCache { cache in
                let (_, _, _) = try restart(dir, cache)
                try withFollowScratch { other in
                    try populate(other)
                    let store = ArtifactStore(root: other.root)
                    let keeper = checkpointer(store, cache)
                    #expect(keeper.restore(into: store) == Checkpointer.Restored())
                    // Even under this root's file name, the root inside it does not match.
                    let mine = checkpointer(ArtifactStore(root: dir.root), cache).context.fileName
                    try FileManager.default.copyItem(
                        atPath: cache.path + "/" + mine, toPath: cache.path + "/" + keeper.context.fileName)
                    let outcome = keeper.restore(into: store)
                    #expect(outcome.files == 0)
                    #expect(outcome.discarded != nil)
                }
                let store = ArtifactStore(root: dir.root)
                let outcome = checkpointer(store, cache, build: "another").restore(into: store)
                #expect(outcome.files == 0)
                #expect(outcome.discarded?.contains("another build") == true)
            }
        }
    }

    @Test("a file's state that names another file, or a journal, is refused; the file is read")
    func stateOfAnotherFile() throws {
        try withFollowScratch { dir in
            try populate(dir)
            try withCache { cache in
                let (store, keeper, file) = try savedCheckpoint(dir, cache)
                var document = try JSONDecoder().decode(
                    CheckpointDocument.self, from: try #require(FileManager.default.contents(atPath: file)))
                let index = try #require(document.files.firstIndex { $0.state.reconciliation != nil })
                document.files[index].state.reconciliation?.path = "results/runs/r9/order_reconciliation_events.jsonl"
                var journal = document.files[0]
                journal.path = "results/runs/r1/incident_events.jsonl"
                document.files.append(journal)
                try JSONEncoder().encode(document).write(to: URL(fileURLWithPath: file))
                let outcome = keeper.restore(into: store)
                #expect(outcome.refused == 2)
                store.refresh()
                let scratch = ArtifactStore(root: dir.root)
                scratch.refresh()
                #expect(Derived(store) == Derived(scratch))
            }
        }
    }

    @Test("checkpoints are off with SITREP_NO_CHECKPOINT; the cache home is XDG_CACHE_HOME, else ~/.cache")
    func location() {
        #expect(CheckpointDirectory.fromEnvironment(["XDG_CACHE_HOME": "/c", "HOME": "/h"])?.path == "/c/sitrep")
        #expect(
            CheckpointDirectory.fromEnvironment(["XDG_CACHE_HOME": "rel", "HOME": "/h"])?.path == "/h/.cache/sitrep")
        #expect(CheckpointDirectory.fromEnvironment(["HOME": "/h", "SITREP_NO_CHECKPOINT": "1"]) == nil)
        #expect(CheckpointDirectory.fromEnvironment(["HOME": "/h", "SITREP_NO_CHECKPOINT": "0"])?.path != nil)
        #expect(CheckpointDirectory.fromEnvironment([:]) == nil)
    }

    @Test("SHA-256 over bytes given in pieces of any size is the digest of the whole")
    func digestInPieces() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = SHA256.hex(bytes)
        for piece in [1, 3, 63, 64, 65, 200] {
            var hasher = SHA256()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + piece)
                bytes[start..<end].withUnsafeBytes { hasher.update($0) }
                start = end
            }
            let hex = hasher.finish().map { String(format: "%02x", $0) }.joined()
            #expect(hex == whole, "pieces of \(piece)")
        }
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
