import Foundation
import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a root's history on its own thread so the loop draws the dashboard at once and keeps
/// answering keys: the store is refreshed in byte-bounded slices, and after the first slice
/// and then a few times a second a picture and a progress line are handed to the loop, which
/// is woken through a pipe. The loop must not touch the store or the live picture until a
/// report says `done`; after that the thread is gone and they are the loop's again.
final class HistoryLoader: @unchecked Sendable {
    struct Report {
        var picture: Picture
        var progress: String
        var done: Bool
    }

    static let sliceBytes: Int64 = 16 << 20
    static let reportInterval: TimeInterval = 0.4

    private let store: ArtifactStore
    private let live: LivePicture
    private let clock: @Sendable () -> Date
    private let lock = NSLock()
    private var latest: Report?
    private var pipeEnds: [Int32] = [-1, -1]
    let startedAt = Date()
    /// Takes up a checkpoint before the first slice, on the loader's thread (it reads and
    /// verifies); what it did is read by `summary` once the loader is done.
    private let restore: (() -> Checkpointer.Restored)?
    private var restored: Checkpointer.Restored?

    /// Readable when a report is waiting.
    var descriptor: Int32 { pipeEnds[0] }

    init(
        store: ArtifactStore, live: LivePicture, restore: (() -> Checkpointer.Restored)? = nil,
        clock: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.live = live
        self.restore = restore
        self.clock = clock
        if pipe(&pipeEnds) == 0 {
            for fd in pipeEnds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        let thread = Thread { [self] in run() }
        thread.name = "sitrep-history"
        thread.start()
    }

    deinit { pipeEnds.filter { $0 >= 0 }.forEach { close($0) } }

    private func run() {
        // Below the loop thread, so a key press gets the CPU first: on Linux the nice value is
        // per thread, and 0 names the calling one.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        restored = restore?()
        var lastReport = Date.distantPast
        var first = true
        var interval = HistoryLoader.reportInterval
        repeat {
            store.refresh(byteBudget: HistoryLoader.sliceBytes)
            let done = store.isCaughtUp
            // Building a picture of a long history is not free: keep it under a fifth of
            // the loader's time.
            if first || done || Date().timeIntervalSince(lastReport) >= interval {
                let started = Date()
                post(Report(picture: live.picture(at: clock()), progress: progress, done: done))
                lastReport = Date()
                interval = max(HistoryLoader.reportInterval, 4 * lastReport.timeIntervalSince(started))
                first = false
            }
        } while !store.isCaughtUp
    }

    private var progress: String {
        let read = store.bytesRead
        let total = read + store.backlogBytes
        let percent = total > 0 ? Int(Double(read) * 100 / Double(total)) : 100
        return "loading history \(percent)% (\(read >> 20) of \(total >> 20) MB)"
    }

    private func post(_ report: Report) {
        lock.lock()
        latest = report
        lock.unlock()
        var byte: UInt8 = 1
        _ = write(pipeEnds[1], &byte, 1)
    }

    /// The newest report, if one arrived since the last call.
    func take() -> Report? {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(pipeEnds[0], &sink, sink.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let report = latest
        latest = nil
        return report
    }

    /// What the footer says when the whole history is in (only then: `restored` is the
    /// thread's until its last report).
    func summary(at end: Date) -> String {
        let seconds = end.timeIntervalSince(startedAt)
        guard let restored, restored.files > 0 else {
            let note = restored?.discarded.map { " (checkpoint not used: \($0))" } ?? ""
            return String(format: "History read: %d MB in %.1f s", Int(store.bytesRead >> 20), seconds) + note
        }
        return String(
            format: "History from checkpoint (%d MB verified, %d MB read) in %.1f s", Int(restored.bytes >> 20),
            Int((store.bytesRead - restored.bytes) >> 20), seconds)
    }
}
