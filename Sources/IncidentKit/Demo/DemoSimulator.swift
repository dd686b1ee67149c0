import Foundation

/// Drives a live artifact root through the demo story (`DemoScenario`, told step by step in
/// `DemoMilestone.timeline`) for `sitrep demo`, `sitrep simulate`, tests and benchmarks.
///
/// The caller invokes `step(now:)` repeatedly with the real or a fake clock. Each call writes
/// what the story says should exist by the simulated time `(now - start) * speed` and nothing
/// twice: cursors remember which journal records, stream records and milestones were written,
/// and a snapshot file is rewritten only when its content changes. Record timestamps are the
/// wall-clock instants the simulated moments map to (`start + t / speed`). Not thread-safe:
/// one owner steps it.
public final class DemoSimulator {
    public let root: String
    public let speed: Double
    public let start: Date
    public let nodeCount: Int
    /// A telemetry stream past this many bytes is rotated to `NAME.1`, so the root stays bounded.
    public var streamByteLimit = 512 * 1024
    /// After a long pause at most this many overdue records per stream are written; older
    /// ones are skipped.
    static let maxCatchUp = 200

    private let journalSchedule: [DemoJournalWrite]
    private let milestones: [DemoMilestone]
    private var journalCursor = 0
    private var milestoneCursor = 0
    private var streamCursors: [DemoStream: Int] = [:]
    private var writtenSnapshots: [String: JSONValue] = [:]
    /// The furthest simulated time stepped to; a clock that goes back does not rewind the story.
    private var reached: Double = -1

    public init(root: String, speed: Double = 1, start: Date, nodeCount: Int = 6) {
        precondition(speed > 0 && speed.isFinite, "the demo speed must be a positive number")
        self.root = root
        self.speed = speed
        self.start = start
        self.nodeCount = max(1, nodeCount)
        self.journalSchedule = DemoIncidents.schedule(start: start, speed: speed)
        self.milestones = DemoMilestone.timeline(nodeCount: max(1, nodeCount), speed: speed)
    }

    /// Simulated seconds since the start at a wall-clock instant.
    public func simulatedSeconds(at now: Date) -> Double { now.timeIntervalSince(start) * speed }

    /// The wall-clock instant of a simulated second.
    func instant(_ t: Double) -> Date { start.addingTimeInterval(t / speed) }

    /// Writes whatever is due by `now` and returns the milestones reached since the last step.
    @discardableResult
    public func step(now: Date) throws -> [DemoMilestone] {
        // A hair of slack so a fake clock at exactly start + t / speed reaches t.
        let t = simulatedSeconds(at: now) + 1e-6
        guard t >= 0, t > reached else { return [] }
        try writeJournal(upTo: t)
        for stream in DemoStream.allCases { try writeStream(stream, upTo: t) }
        try writeSnapshots(at: t)
        let milestones = try reachMilestones(upTo: t)
        // Only a step that wrote everything counts as done; after a failed write the next
        // step at the same instant tries again.
        reached = t
        return milestones
    }

    private func path(_ relative: String) -> String { ArtifactLayout.join(root, relative) }

    private func writeJournal(upTo t: Double) throws {
        while journalCursor < journalSchedule.count, journalSchedule[journalCursor].at <= t {
            let write = journalSchedule[journalCursor]
            try JournalWriter.append(write.record, to: path(write.journal))
            journalCursor += 1
        }
    }

    private func writeStream(_ stream: DemoStream, upTo t: Double) throws {
        let due = Int((t / stream.period).rounded(.down)) + 1
        var next = max(streamCursors[stream] ?? 0, due - DemoSimulator.maxCatchUp)
        let file = path("\(ArtifactLayout.runsDirectory)/\(DemoScenario.runID)/\(stream.fileName)")
        while next < due {
            for record in stream.records(occurrence: next, instant: instant) {
                try DemoFileWriter.appendRecord(record, to: file, rotateAbove: streamByteLimit)
            }
            next += 1
            streamCursors[stream] = next
        }
    }

    private func writeSnapshots(at t: Double) throws {
        for node in 1...nodeCount {
            let heartbeat = instant(DemoScenario.lastHeartbeat(node: node, at: t))
            try writeSnapshot(
                DemoRecords.node(node, at: t, heartbeat: heartbeat),
                to: "\(ArtifactLayout.nodesDirectory)/node-\(node)/\(ArtifactLayout.nodeStateFile)")
        }
        let metricsAt = (t / DemoScenario.metricsPeriod).rounded(.down) * DemoScenario.metricsPeriod
        try writeSnapshot(
            DemoRecords.pilotMetrics(at: t, updatedAt: instant(metricsAt)), to: ArtifactLayout.pilotMetrics)
        let gatewayChangedAt = [0, DemoScenario.haltAt, DemoScenario.haltClearedAt].filter { $0 <= t }.max() ?? 0
        try writeSnapshot(
            DemoRecords.gateway(at: t, changedAt: instant(gatewayChangedAt)), to: ArtifactLayout.gatewayStats)
    }

    private func writeSnapshot(_ value: JSONValue, to relative: String) throws {
        guard writtenSnapshots[relative] != value else { return }
        try DemoFileWriter.writeSnapshot(value, to: path(relative))
        writtenSnapshots[relative] = value
    }

    private func reachMilestones(upTo t: Double) throws -> [DemoMilestone] {
        var reachedNow: [DemoMilestone] = []
        while milestoneCursor < milestones.count, milestones[milestoneCursor].at <= t {
            let milestone = milestones[milestoneCursor]
            if let line = milestone.runnerLog {
                try DemoFileWriter.appendText(
                    "\(Timestamp.format(instant(milestone.at))) INFO node-runner: \(line)",
                    to: path(ArtifactLayout.pilotRunnerLog))
            }
            milestoneCursor += 1
            reachedNow.append(milestone)
        }
        return reachedNow
    }
}
