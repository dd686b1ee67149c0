import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// A FIFO, a device or anything else planted where an artifact belongs must never block a
/// reader or a writer: each is refused with a warning naming the path and the file type.
@Suite struct NonRegularFileTests {
    /// Runs `body` on its own thread and fails the test if it has not returned in `seconds`;
    /// `unblock` is then called until it does, so a hang fails the test instead of the suite.
    private func finishes(
        within seconds: Double, unblock: @escaping @Sendable () -> Void, _ body: @escaping () -> Void,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let done = DispatchSemaphore(value: 0)
        let work = Box(body)
        Thread {
            work.value()
            done.signal()
        }.start()
        if done.wait(timeout: .now() + seconds) == .timedOut {
            Issue.record("blocked for more than \(seconds) s", sourceLocation: sourceLocation)
            // A reader blocked on a FIFO nobody can open any more stays blocked: after two
            // seconds the thread is left behind, the test has failed either way.
            for _ in 0..<40 where done.wait(timeout: .now() + 0.05) == .timedOut { unblock() }
        }
    }

    /// Opening the FIFO for writing and closing it releases a reader blocked in open or read.
    private static func release(_ fifo: String) {
        let fd = open(fifo, O_WRONLY | O_NONBLOCK)
        if fd >= 0 { close(fd) }
    }

    @Test func readingAFIFODoesNotWaitForAWriter() throws {
        try withFollowScratch { dir in
            let fifo = dir.path("stats.json")
            #expect(mkfifo(fifo, 0o600) == 0)
            let result = Box<RegularFile.Refused?>(nil)
            finishes(within: 5, unblock: { Self.release(fifo) }) {
                do {
                    _ = try RegularFile.read(fifo, maxBytes: 1 << 20)
                } catch {
                    result.value = error as? RegularFile.Refused
                }
            }
            #expect(result.value?.message == "not a regular file (FIFO)")
        }
    }

    @Test func snapshotPathThatIsAFIFOOrADeviceIsRefusedByType() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("gateway")
            let fifo = dir.path("gateway/stats.json")
            #expect(mkfifo(fifo, 0o600) == 0)
            let snapshot = SnapshotFile(path: fifo)
            finishes(within: 5, unblock: { Self.release(fifo) }) { snapshot.refresh() }
            #expect(snapshot.warning?.message == "not a regular file (FIFO)")
            #expect(snapshot.warning?.path == fifo)

            let device = dir.path("gateway/zero.json")
            #expect(symlink("/dev/zero", device) == 0)
            let zero = SnapshotFile(path: device)
            finishes(within: 5, unblock: {}) { zero.refresh() }
            #expect(zero.warning?.message == "not a regular file (character device)")
        }
    }

    /// The probe's hang: the path passes `stat` as a regular file and is a FIFO by the time it
    /// is opened. Swapping the two hundreds of times while refreshing hits that window. The
    /// swapper holds each FIFO open for writing until the end, so a read that wrongly waits on
    /// one waits until then instead of getting end-of-file at once.
    @Test func snapshotSwappedWithAFIFOMidReadNeverBlocks() throws {
        try withFollowScratch { dir in
            let path = dir.path("node_state.json")
            try dir.rewrite("node_state.json", "{\"health\":\"ok\"}")
            let released = Box(false)
            let swapped = Box(false)
            let lock = NSLock()
            let scratch = dir.path("")
            let swapper = Thread {
                var writers: [Int32] = []
                for n in 0..<400 {
                    let temporary = scratch + "swap-\(n).tmp"
                    if n % 2 == 0 {
                        _ = mkfifo(temporary, 0o600)
                        writers.append(open(temporary, O_RDWR | O_NONBLOCK))
                    } else {
                        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                        _ = "{\"health\":\"ok\",\"n\":\(n)}".withCString { write(fd, $0, strlen($0)) }
                        close(fd)
                    }
                    _ = rename(temporary, path)
                }
                lock.withLock { swapped.value = true }
                while !lock.withLock({ released.value }) { usleep(1000) }
                writers.forEach { close($0) }
            }
            swapper.start()
            let snapshot = SnapshotFile(path: path)
            finishes(within: 20, unblock: { lock.withLock { released.value = true } }) {
                while !lock.withLock({ swapped.value }) { snapshot.refresh() }
            }
            lock.withLock { released.value = true }
        }
    }

    @Test func followedFileThatIsAFIFOOrADeviceIsRefusedByType() throws {
        try withFollowScratch { dir in
            let fifo = dir.path("events.jsonl")
            #expect(mkfifo(fifo, 0o600) == 0)
            let follower = LineFollower(path: fifo)
            let batch = Box<LineFollower.Batch?>(nil)
            finishes(within: 5, unblock: { Self.release(fifo) }) { batch.value = follower.poll() }
            #expect(batch.value?.warnings.map(\.message) == ["not a regular file (FIFO)"])

            let device = dir.path("device.jsonl")
            #expect(symlink("/dev/null", device) == 0)
            #expect(
                LineFollower(path: device).poll().warnings.map(\.message) == ["not a regular file (character device)"])
        }
    }

    /// `declare` checks the journal under its lock before appending; a FIFO there used to hang it.
    @Test func appendingToAJournalThatIsAFIFOFailsAtOnce() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("incidents")
            let fifo = dir.path("incidents/incident_events.jsonl")
            #expect(mkfifo(fifo, 0o600) == 0)
            let failure = Box<String?>(nil)
            finishes(within: 5, unblock: { Self.release(fifo) }) {
                do {
                    try JournalWriter.append(.object(JSONObject([("event_type", .string("incident_open"))])), to: fifo)
                    { _ in }
                } catch {
                    failure.value = "\(error)"
                }
            }
            #expect(failure.value?.contains("not a regular file (FIFO)") == true, "\(failure.value ?? "no error")")
        }
    }
}

/// A value shared with a helper thread in a test, which waits for that thread before reading it.
final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
