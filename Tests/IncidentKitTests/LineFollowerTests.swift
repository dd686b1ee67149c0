import Foundation
import Testing

@testable import IncidentKit

private func texts(_ batch: LineFollower.Batch) -> [String] {
    batch.lines.map { String(decoding: $0.bytes, as: UTF8.self) }
}

private func numbers(_ batch: LineFollower.Batch) -> [Int] { batch.lines.map(\.number) }

/// The `n` field of each line of the batch (lines are `{"n":…}` records).
private func ns(_ batch: LineFollower.Batch) throws -> [Int] {
    try batch.lines.map { line in
        try #require(try JSONParser.parse(line.bytes)["n"]?.intValue)
    }
}

private func record(_ n: Int) -> String { "{\"n\":\(n)}\n" }

@Suite struct LineFollowerTests {
    @Test func missingFileIsReportedAndPickedUpOnceItExists() throws {
        try withFollowScratch { dir in
            let follower = LineFollower(path: dir.path("late.jsonl"))
            let before = follower.poll()
            #expect(before.missing)
            #expect(before.lines.isEmpty)
            #expect(before.warnings.isEmpty)

            try dir.append("late.jsonl", record(1))
            let after = follower.poll()
            #expect(!after.missing)
            #expect(!after.restarted, "a file's first appearance is not a restart")
            #expect(try ns(after) == [1])
            #expect(numbers(after) == [1])
        }
    }

    @Test func recordWrittenInTwoPiecesIsReturnedOnlyWhenComplete() throws {
        try withFollowScratch { dir in
            let first = "{\"event_type\":\"incident_"
            try dir.append("j.jsonl", first)
            let follower = LineFollower(path: dir.path("j.jsonl"))

            let partial = follower.poll()
            #expect(partial.lines.isEmpty)
            #expect(partial.warnings.isEmpty)
            #expect(!partial.restarted)
            #expect(follower.position == Int64(first.utf8.count))

            try dir.append("j.jsonl", "open\",\"n\":1}\n")
            let whole = follower.poll()
            #expect(texts(whole) == ["{\"event_type\":\"incident_open\",\"n\":1}"])
            #expect(numbers(whole) == [1])
            #expect(whole.warnings.isEmpty)

            #expect(follower.poll().lines.isEmpty)
        }
    }

    @Test func recordWrittenInManyPiecesWithTheNextOneStarted() throws {
        try withFollowScratch { dir in
            let follower = LineFollower(path: dir.path("j.jsonl"))
            try dir.append("j.jsonl", "{\"n\"")
            #expect(follower.poll().lines.isEmpty)
            try dir.append("j.jsonl", ":")
            #expect(follower.poll().lines.isEmpty)
            try dir.append("j.jsonl", "1}\n{\"n\":")
            let one = follower.poll()
            #expect(try ns(one) == [1])
            try dir.append("j.jsonl", "2}\n")
            let two = follower.poll()
            #expect(try ns(two) == [2])
            #expect(numbers(two) == [2])
        }
    }

    @Test func truncationRestartsAtZeroAndReadsTheNewLines() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", record(1) + record(2) + record(3))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            #expect(try ns(follower.poll()) == [1, 2, 3])

            try dir.truncate("j.jsonl")
            try dir.append("j.jsonl", record(10))
            let restarted = follower.poll()
            #expect(restarted.restarted)
            #expect(try ns(restarted) == [10])
            #expect(numbers(restarted) == [1])

            try dir.append("j.jsonl", record(11))
            let next = follower.poll()
            #expect(!next.restarted)
            #expect(try ns(next) == [11])
            #expect(numbers(next) == [2])
        }
    }

    @Test func truncationToEmptyIsARestartWithNothingToRead() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", record(1) + "{\"n\":2")
            let follower = LineFollower(path: dir.path("j.jsonl"))
            #expect(try ns(follower.poll()) == [1])
            try dir.truncate("j.jsonl")
            let empty = follower.poll()
            #expect(empty.restarted)
            #expect(empty.lines.isEmpty)
            #expect(follower.position == 0)
            // The partial line of the old content must not be glued to the new first line.
            try dir.append("j.jsonl", record(5))
            let next = follower.poll()
            #expect(try ns(next) == [5])
            #expect(next.warnings.isEmpty)
        }
    }

    @Test func rotationDrainsTheOldFileThenReadsTheNewOneFromZero() throws {
        try withFollowScratch { dir in
            var seen: [Int] = []
            try dir.append("j.jsonl", record(1) + record(2) + record(3))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            seen += try ns(follower.poll())

            // More lines go to the old file, the last one only half written when it is renamed.
            try dir.append("j.jsonl", record(4) + "{\"n\":5")
            try dir.rename("j.jsonl", to: "j.jsonl.1")
            // The old writer finishes its line through its still-open descriptor.
            try dir.append("j.jsonl.1", "}\n")
            // A new file appears at the path.
            try dir.append("j.jsonl", record(6) + record(7))

            let rotated = follower.poll()
            #expect(rotated.restarted)
            #expect(rotated.warnings.isEmpty)
            #expect(try ns(rotated) == [4, 5, 6, 7])
            #expect(numbers(rotated) == [4, 5, 1, 2])
            seen += try ns(rotated)

            try dir.append("j.jsonl", record(8))
            let after = follower.poll()
            #expect(!after.restarted)
            #expect(numbers(after) == [3])
            seen += try ns(after)
            #expect(follower.poll().lines.isEmpty)

            #expect(seen == Array(1...8), "every event exactly once")
        }
    }

    @Test func rotationWithTheNewFileCreatedOnlyLater() throws {
        try withFollowScratch { dir in
            var seen: [Int] = []
            try dir.append("j.jsonl", record(1) + record(2))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            seen += try ns(follower.poll())

            try dir.append("j.jsonl", record(3))
            try dir.rename("j.jsonl", to: "archive/j.jsonl.1")
            let gone = follower.poll()
            #expect(gone.missing)
            #expect(try ns(gone) == [3], "the rest of the old file is drained before letting it go")
            seen += try ns(gone)
            #expect(follower.poll().lines.isEmpty)

            try dir.append("j.jsonl", record(4))
            let fresh = follower.poll()
            #expect(fresh.restarted, "a new file at the path")
            #expect(try ns(fresh) == [4])
            #expect(numbers(fresh) == [1])
            seen += try ns(fresh)

            #expect(seen == [1, 2, 3, 4])
        }
    }

    @Test func rotationWithAnUnfinishedLineWarnsAboutIt() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", record(1) + "{\"n\":2")
            let follower = LineFollower(path: dir.path("j.jsonl"))
            #expect(try ns(follower.poll()) == [1])

            try dir.rename("j.jsonl", to: "j.jsonl.1")
            try dir.append("j.jsonl", record(3))
            let rotated = follower.poll()
            #expect(try ns(rotated) == [3])
            #expect(numbers(rotated) == [1])
            #expect(rotated.warnings.count == 1)
            #expect(rotated.warnings.first?.line == 2)
            #expect(rotated.warnings.first?.path == dir.path("j.jsonl"))
        }
    }

    @Test func crlfLineEndingsAreStripped() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", "{\"n\":1}\r\n{\"n\":2}\r\n{\"n\":3}\r")
            let follower = LineFollower(path: dir.path("j.jsonl"))
            let first = follower.poll()
            #expect(texts(first) == ["{\"n\":1}", "{\"n\":2}"])
            // The CR and the LF of one line arrive in different polls.
            try dir.append("j.jsonl", "\n")
            let second = follower.poll()
            #expect(texts(second) == ["{\"n\":3}"])
            #expect(numbers(second) == [3])
            #expect(!second.lines.contains { $0.bytes.contains(0x0D) })
        }
    }

    @Test func blankLinesAreStillCountedForLineNumbers() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", "\(record(1))\n\n\(record(4))")
            let follower = LineFollower(path: dir.path("j.jsonl"))
            let batch = follower.poll()
            #expect(texts(batch) == ["{\"n\":1}", "", "", "{\"n\":4}"])
            #expect(numbers(batch) == [1, 2, 3, 4])
        }
    }

    @Test func twoMebibyteLineIsSkippedWithAWarningNamingItsLine() throws {
        try withFollowScratch { dir in
            let long = "{\"pad\":\"" + String(repeating: "x", count: 2 << 20) + "\"}"
            try dir.append("j.jsonl", record(1) + long + "\n" + record(3))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            let batch = follower.poll()
            #expect(try ns(batch) == [1, 3])
            #expect(numbers(batch) == [1, 3])
            #expect(batch.warnings.count == 1)
            let warning = try #require(batch.warnings.first)
            #expect(warning.line == 2)
            #expect(warning.path == dir.path("j.jsonl"))
            #expect(warning.message.contains("skipped"))
            #expect(warning.message.contains("\(long.utf8.count) bytes"))

            try dir.append("j.jsonl", record(4))
            let next = follower.poll()
            #expect(try ns(next) == [4])
            #expect(numbers(next) == [4])
            #expect(next.warnings.isEmpty)
        }
    }

    @Test func twoMebibyteLineArrivingAcrossSeveralPolls() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", record(1))
            let follower = LineFollower(path: dir.path("j.jsonl"))
            #expect(try ns(follower.poll()) == [1])

            let piece = String(repeating: "y", count: 700 << 10)
            try dir.append("j.jsonl", "{\"pad\":\"" + piece)
            let a = follower.poll()
            #expect(a.lines.isEmpty)
            #expect(a.warnings.isEmpty)
            try dir.append("j.jsonl", piece)
            let b = follower.poll()
            #expect(b.lines.isEmpty)
            #expect(b.warnings.isEmpty, "the warning waits until the line's end, where its number is known")
            try dir.append("j.jsonl", piece)
            let c = follower.poll()
            #expect(c.lines.isEmpty)
            #expect(c.warnings.isEmpty)

            try dir.append("j.jsonl", "\"}\n" + record(3))
            let d = follower.poll()
            #expect(try ns(d) == [3])
            #expect(numbers(d) == [3])
            #expect(d.warnings.map(\.line) == [2])
            #expect(d.warnings.first?.message.contains("\(8 + 3 * piece.utf8.count + 2) bytes") == true)

            try dir.append("j.jsonl", record(4))
            let e = follower.poll()
            #expect(try ns(e) == [4])
            #expect(numbers(e) == [4])
        }
    }

    @Test func lineExactlyAtTheCapIsKeptAndOneByteMoreIsSkipped() throws {
        try withFollowScratch { dir in
            let atCap = "{\"n\":1,\"p\":\"ab\"}"  // 16 bytes
            let overCap = "{\"n\":2,\"p\":\"abc\"}"  // 17 bytes
            #expect(atCap.utf8.count == 16)
            try dir.append("j.jsonl", atCap + "\n" + overCap + "\n")
            let follower = LineFollower(path: dir.path("j.jsonl"), maxLineBytes: 16)
            let batch = follower.poll()
            #expect(texts(batch) == [atCap])
            #expect(batch.warnings.map(\.line) == [2])

            // The same boundary when the line arrives in pieces: 10 + 6 bytes kept, 10 + 7 skipped.
            try dir.append("j.jsonl", "{\"n\":3,\"pp")
            #expect(follower.poll().lines.isEmpty)
            try dir.append("j.jsonl", "\":\"a\"}\n")
            let kept = follower.poll()
            #expect(texts(kept) == ["{\"n\":3,\"pp\":\"a\"}"])
            #expect(kept.lines.first?.bytes.count == 16)
            #expect(numbers(kept) == [3])
            try dir.append("j.jsonl", "{\"n\":4,\"pp")
            #expect(follower.poll().lines.isEmpty)
            try dir.append("j.jsonl", "\":\"ab\"}")
            let skipping = follower.poll()
            #expect(skipping.lines.isEmpty)
            try dir.append("j.jsonl", "\n" + record(5))
            let skipped = follower.poll()
            #expect(try ns(skipped) == [5])
            #expect(numbers(skipped) == [5])
            #expect(skipped.warnings.map(\.line) == [4])
        }
    }

    @Test func nonRegularFileIsWarnedOnceAndNotRead() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("j.jsonl")
            let follower = LineFollower(path: dir.path("j.jsonl"))
            let first = follower.poll()
            #expect(first.lines.isEmpty)
            #expect(first.warnings.count == 1)
            #expect(follower.poll().warnings.isEmpty, "the same problem is not repeated on every poll")
        }
    }
}

@Suite struct JSONLStreamTests {
    private struct Collected {
        var records: [(object: JSONObject, line: Int)] = []
        var warnings: [ArtifactWarning] = []
    }

    private func poll(_ stream: JSONLStream, into collected: inout Collected) -> Bool {
        var records: [(JSONObject, Int)] = []
        let result = stream.poll { object, line in records.append((object, line)) }
        collected.records += records.map { (object: $0.0, line: $0.1) }
        collected.warnings += result.warnings
        return result.changed
    }

    @Test func malformedLineIsWarnedWithPathAndLineAndFollowingContinues() throws {
        try withFollowScratch { dir in
            let relative = "results/runs/r1/ops_slo_events.jsonl"
            try dir.append(relative, record(1) + "{\"n\":2,,}\n" + record(3))
            let stream = JSONLStream(root: dir.root, relativePath: relative)
            var collected = Collected()
            #expect(poll(stream, into: &collected))
            #expect(collected.records.map(\.line) == [1, 3])
            #expect(collected.records.map { $0.object["n"]?.intValue } == [1, 3])
            #expect(collected.warnings.count == 1)
            #expect(collected.warnings.first?.path == relative)
            #expect(collected.warnings.first?.line == 2)
            #expect(collected.warnings.first?.description.hasPrefix("\(relative):2: malformed JSON") == true)
            #expect(stream.malformedLines == 1)

            try dir.append(relative, "not json at all\n" + record(5))
            var more = Collected()
            #expect(poll(stream, into: &more))
            #expect(more.records.map(\.line) == [5])
            #expect(more.warnings.map(\.line) == [4])
            #expect(stream.malformedLines == 2)
        }
    }

    @Test func lineThatIsValidJSONButNotAnObjectIsWarned() throws {
        try withFollowScratch { dir in
            try dir.append("a.jsonl", "[1,2]\n\"text\"\n" + record(3))
            let stream = JSONLStream(root: dir.root, relativePath: "a.jsonl")
            var collected = Collected()
            _ = poll(stream, into: &collected)
            #expect(collected.records.map(\.line) == [3])
            #expect(collected.warnings.map(\.line) == [1, 2])
            #expect(collected.warnings.allSatisfy { $0.message.contains("not a JSON object") })
        }
    }

    @Test func blankLinesAreIgnoredWithoutWarnings() throws {
        try withFollowScratch { dir in
            try dir.append("a.jsonl", record(1) + "\n   \n\t\r\n\r\n" + record(6))
            let stream = JSONLStream(root: dir.root, relativePath: "a.jsonl")
            var collected = Collected()
            _ = poll(stream, into: &collected)
            #expect(collected.records.map(\.line) == [1, 6])
            #expect(collected.warnings.isEmpty)
            #expect(stream.malformedLines == 0)
        }
    }

    @Test func crlfRecordsParse() throws {
        try withFollowScratch { dir in
            try dir.append("a.jsonl", "{\"n\":1,\"s\":\"a\"}\r\n{\"n\":2}\r\n")
            let stream = JSONLStream(root: dir.root, relativePath: "a.jsonl")
            var collected = Collected()
            _ = poll(stream, into: &collected)
            #expect(collected.records.map { $0.object["n"]?.intValue } == [1, 2])
            #expect(collected.records.first?.object["s"] == .string("a"))
            #expect(collected.warnings.isEmpty)
        }
    }

    @Test func longLineWarningCarriesTheRelativePath() throws {
        try withFollowScratch { dir in
            let long = "{\"pad\":\"" + String(repeating: "z", count: 2 << 20) + "\"}"
            try dir.append("a.jsonl", long + "\n" + record(2))
            let stream = JSONLStream(root: dir.root, relativePath: "a.jsonl")
            var collected = Collected()
            _ = poll(stream, into: &collected)
            #expect(collected.records.map(\.line) == [2])
            #expect(collected.warnings.map(\.path) == ["a.jsonl"])
            #expect(collected.warnings.map(\.line) == [1])
        }
    }

    @Test func nothingNewReportsNoChange() throws {
        try withFollowScratch { dir in
            try dir.append("a.jsonl", record(1))
            let stream = JSONLStream(root: dir.root, relativePath: "a.jsonl")
            var collected = Collected()
            #expect(poll(stream, into: &collected))
            #expect(!poll(stream, into: &collected))
            try dir.append("a.jsonl", "{\"n\":2")
            #expect(!poll(stream, into: &collected), "a partial line is not a change")
            #expect(collected.records.count == 1)
        }
    }
}
