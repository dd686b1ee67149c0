import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// `truncate -s 3G` of a followed file: gigabytes of zeros without a newline. They must cost a
/// seek, not a read, and every byte budget must hold.
@Suite struct SparseGrowthTests {
    private let record = #"{"event_type":"incident_ack","incident_id":"INC-1","ts":"2025-11-21T10:00:00Z"}"#

    @Test func aHoleOfGigabytesIsSkippedInAFewBudgetedPolls() throws {
        try withFollowScratch { dir in
            let file = "events.jsonl"
            try dir.append(file, record + "\n")
            let follower = LineFollower(path: dir.path(file))
            #expect(follower.poll().lines.count == 1)
            let size: Int64 = 3 << 30
            #expect(truncate(dir.path(file), off_t(size)) == 0)
            var polls = 0
            while follower.position < size, polls < 4 {
                _ = follower.poll(byteBudget: 4 << 20) { _, _ in }
                polls += 1
            }
            #expect(follower.position == size, "reading the zeros at 4 MiB a poll would take 768 polls")
            #expect(follower.backlog == 0)

            try dir.append(file, "\n" + record + "\n")
            let batch = follower.poll()
            #expect(batch.lines.map(\.number) == [3])
            #expect(batch.warnings.count == 1)
            #expect(batch.warnings.first?.line == 2)
            #expect(batch.warnings.first?.message.contains("(\(size - Int64(record.count) - 1) bytes) skipped") == true)
        }
    }

    @Test func dataWrittenAfterAHoleIsStillRead() throws {
        try withFollowScratch { dir in
            let file = "events.jsonl"
            try dir.append(file, record + "\n")
            let follower = LineFollower(path: dir.path(file))
            _ = follower.poll()
            // A writer seeks 2 GiB past the end and writes there: a hole, then a line end and a record.
            let fd = open(dir.path(file), O_WRONLY)
            let tail = "\n" + record + "\n"
            let wrote = tail.withCString { pwrite(fd, $0, strlen($0), off_t(Int64(2) << 30)) }
            close(fd)
            #expect(wrote == tail.utf8.count)
            var lines: [Int] = []
            for _ in 0..<4 { _ = follower.poll(byteBudget: 4 << 20) { number, _ in lines.append(number) } }
            #expect(lines == [3])
            #expect(follower.backlog == 0)
        }
    }
}
