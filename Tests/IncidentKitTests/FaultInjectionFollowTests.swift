import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// Fault-injection suite, items 1 and 2 (README "Guarantees"): what artifact files do to the
/// follower (rotation, copytruncate, truncation while nobody polls, inode reuse, a 10 MB line,
/// NUL bytes and invalid UTF-8), checked line by line.
@Suite struct FaultInjectionFollowTests {
    private func record(_ n: Int) -> String { "{\"n\":\(n)}\n" }

    private func ns(_ batch: LineFollower.Batch) throws -> [Int] {
        try batch.lines.map { try #require(try JSONParser.parse($0.bytes)["n"]?.intValue) }
    }

    private func records(_ range: ClosedRange<Int>) -> String { range.map(record).joined() }

    /// logrotate's copytruncate: copy to `.1`, truncate in place.
    private func copytruncate(_ dir: FollowScratch, _ relative: String) throws {
        try Data(try #require(dir.bytes(relative))).write(to: URL(fileURLWithPath: dir.path(relative + ".1")))
        try dir.truncate(relative)
    }

    /// 4...5: less than was read before. 100...140: more bytes than were read arrive before the
    /// follower looks again, so the size alone no longer shows the truncation.
    @Test(arguments: [4...5, 100...140])
    func copytruncateThenAppendCountsEveryEventOnce(appended: ClosedRange<Int>) throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", records(1...3))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            var seen = try ns(follower.poll())
            try copytruncate(dir, "j.jsonl")
            try dir.append("j.jsonl", records(appended))
            let after = follower.poll()
            #expect(after.restarted)
            #expect(after.warnings.isEmpty)
            seen += try ns(after)
            #expect(seen == Array(1...3) + Array(appended))
        }
    }

    @Test func linesWrittenJustBeforeACopytruncateAreReadFromTheCopy() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", records(1...3))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            var seen = try ns(follower.poll())
            // Written after the last poll: after the truncation they exist only in j.jsonl.1.
            try dir.append("j.jsonl", records(4...6))
            try copytruncate(dir, "j.jsonl")
            try dir.append("j.jsonl", records(7...7))
            seen += try ns(follower.poll())
            #expect(seen == Array(1...7), "every event exactly once")
        }
    }

    @Test func truncatedAndRewrittenWhileNobodyPolledReadsTheNewContentFromZero() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", records(1...20))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            #expect(try ns(follower.poll()) == Array(1...20))
            // Rewritten in place (same inode) with other content, longer than before.
            try dir.rewrite("j.jsonl", records(500...540))
            let after = follower.poll()
            #expect(after.restarted)
            #expect(try ns(after) == Array(500...540))
            #expect(after.lines.first?.number == 1)
        }
    }

    @Test func inodeReusedByANewFileIsReadFromZero() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", records(1...5))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            var seen = try ns(follower.poll())
            let oldInode = try #require(FileIdentity.of(path: dir.path("j.jsonl"))).inode
            try dir.remove("j.jsonl")
            #expect(follower.poll().missing, "the follower lets the deleted file go")
            // The file system is free to hand the same inode number to the next file.
            try dir.append("j.jsonl", records(6...9) + records(10...30))
            let newInode = try #require(FileIdentity.of(path: dir.path("j.jsonl"))).inode
            let after = follower.poll()
            #expect(after.restarted)
            seen += try ns(after)
            #expect(seen == Array(1...30))
            // Recorded for the README: whether this file system actually reused the inode.
            print("inode reuse test: old \(oldInode), new \(newInode), reused: \(oldInode == newInode)")
        }
    }

    @Test func deletedAndRecreatedBetweenTwoPollsIsARotation() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", records(1...5))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            var seen = try ns(follower.poll())
            try dir.append("j.jsonl", records(6...6))
            try dir.remove("j.jsonl")
            try dir.append("j.jsonl", records(7...9))
            let after = follower.poll()
            #expect(after.restarted)
            seen += try ns(after)
            #expect(seen == Array(1...9), "the held descriptor drains the deleted file first")
        }
    }

    @Test func tenMegabyteLineWithoutNewlineHoldsNoMoreThanTheCapAndLaterLinesAreRead() throws {
        try withFollowScratch { dir in
            let follower = LineFollower(path: dir.path("j.jsonl"))
            try dir.append("j.jsonl", record(1))
            #expect(try ns(follower.poll()) == [1])
            let chunk = [UInt8](repeating: 0x41, count: 1 << 20)
            for _ in 0..<10 {
                try dir.append("j.jsonl", bytes: chunk)
                let batch = follower.poll()
                #expect(batch.lines.isEmpty && batch.warnings.isEmpty, "nothing is claimed before the newline")
            }
            try dir.append("j.jsonl", "\n" + record(2))
            let after = follower.poll()
            #expect(try ns(after) == [2])
            #expect(after.lines.map(\.number) == [3])
            #expect(after.warnings.count == 1)
            #expect(after.warnings.first?.line == 2)
            #expect(after.warnings.first?.message.contains("10485760 bytes") == true)
        }
    }

    @Test func nulBytesAndInvalidUTF8AreWarnedWithPathAndLineAndGoodRecordsStay() throws {
        try withFollowScratch { dir in
            let relative = "incidents/incident_events.jsonl"
            var bytes = Array(record(1).utf8)
            bytes += Array("{\"n\":2,\"x\":\"a".utf8) + [0x00] + Array("b\"}\n".utf8)  // NUL in a string
            bytes += [0x00, 0x00, 0x0A]  // NULs alone (a preallocated, never-written block)
            bytes += Array("{\"n\":4,\"x\":\"".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array("\"}\n".utf8)
            bytes += Array(record(5).utf8)
            try dir.append(relative, bytes: bytes)
            let stream = JSONLStream(root: dir.root, relativePath: relative)
            var kept: [(Int, Int)] = []
            let result = stream.poll { object, line in kept.append((object["n"]?.intValue ?? -1, line)) }
            #expect(kept.map(\.0) == [1, 4, 5], "invalid UTF-8 in a string is replaced, not a lost record")
            #expect(kept.map(\.1) == [1, 4, 5])
            #expect(result.warnings.map(\.line) == [2, 3])
            #expect(result.warnings.allSatisfy { $0.path == relative })
        }
    }
}
