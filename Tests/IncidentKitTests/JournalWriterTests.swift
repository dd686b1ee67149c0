import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private func sample(_ n: Int, message: String = "hello") -> JSONValue {
    var o = JSONObjectBuilder()
    o.set("event_type", "incident_update")
    o.set("incident_id", "INC-1")
    o.set("n", n)
    o.set("message", message)
    return o.value
}

private struct Refused: Error {}

@Suite struct JournalWriterTests {
    @Test func appendsOneCompleteLineCreatingTheDirectories() throws {
        try withFollowScratch { dir in
            let path = dir.path("incidents/incident_events.jsonl")
            try JournalWriter.append(sample(1), to: path)
            #expect(dir.text("incidents/incident_events.jsonl") == JSONWriter.string(sample(1)) + "\n")

            try JournalWriter.append(sample(2, message: "line\nbreak \"quoted\" é"), to: path)
            let lines = dir.lines("incidents/incident_events.jsonl")
            #expect(lines.count == 2)
            #expect(try JSONParser.parse(lines[0]) == sample(1))
            #expect(try JSONParser.parse(lines[1]) == sample(2, message: "line\nbreak \"quoted\" é"))
            #expect(dir.text("incidents/incident_events.jsonl")?.hasSuffix("\n") == true)
        }
    }

    @Test func aWriterThatDiedMidLineIsFollowedByANewlineFirst() throws {
        try withFollowScratch { dir in
            let file = "incident_events.jsonl"
            let good = JSONWriter.string(sample(1))
            try dir.append(file, good + "\n{\"event_type\":\"incident_upd")
            try JournalWriter.append(sample(2), to: dir.path(file))
            let lines = dir.lines(file)
            #expect(lines == [good, "{\"event_type\":\"incident_upd", JSONWriter.string(sample(2))])
            #expect(try JSONParser.parse(lines[2]) == sample(2))

            // A follower sees the broken line as malformed and the new record intact.
            let stream = JSONLStream(root: dir.root, relativePath: file)
            var read: [Int] = []
            let result = stream.poll { object, _ in read.append(object["n"]?.intValue ?? -1) }
            #expect(read == [1, 2])
            #expect(result.warnings.map(\.line) == [2])
        }
    }

    @Test func noExtraNewlineWhenTheFileEndsCleanlyOrIsEmpty() throws {
        try withFollowScratch { dir in
            try dir.append("empty.jsonl", "")
            try JournalWriter.append(sample(1), to: dir.path("empty.jsonl"))
            #expect(dir.text("empty.jsonl") == JSONWriter.string(sample(1)) + "\n")
            try JournalWriter.append(sample(2), to: dir.path("empty.jsonl"))
            #expect(
                dir.text("empty.jsonl") == JSONWriter.string(sample(1)) + "\n" + JSONWriter.string(sample(2)) + "\n")
        }
    }

    @Test func throwingPreconditionWritesNothing() throws {
        try withFollowScratch { dir in
            let file = "incident_events.jsonl"
            try dir.append(file, JSONWriter.string(sample(1)) + "\n" + "{\"partial")
            let before = dir.bytes(file)
            var seen: [[UInt8]] = []
            #expect(throws: Refused.self) {
                try JournalWriter.append(sample(2), to: dir.path(file)) { lines in
                    seen = lines
                    throw Refused()
                }
            }
            #expect(dir.bytes(file) == before, "not even the repairing newline is written")
            #expect(seen == [Array(JSONWriter.string(sample(1)).utf8)], "the precondition sees complete lines only")

            // A precondition that passes lets the write through.
            try JournalWriter.append(sample(3), to: dir.path(file)) { lines in
                if lines.count != 1 { throw Refused() }
            }
            #expect(dir.lines(file).last == JSONWriter.string(sample(3)))
        }
    }

    @Test func theFileIsCreatedWithMode0640() throws {
        try withFollowScratch { dir in
            let path = dir.path("new/incident_events.jsonl")
            try JournalWriter.append(sample(1), to: path)
            #expect(permissionBits(path) == 0o640 & ~currentUmask())
            #expect(currentUmask() & 0o640 == 0, "with the usual umask the mode is exactly 0640")
        }
    }

    @Test func anExistingFileKeepsItsMode() throws {
        try withFollowScratch { dir in
            try dir.append("j.jsonl", "")
            chmod(dir.path("j.jsonl"), 0o600)
            try JournalWriter.append(sample(1), to: dir.path("j.jsonl"))
            #expect(permissionBits(dir.path("j.jsonl")) == 0o600)
        }
    }

    @Test func aSymlinkAtThePathIsRefused() throws {
        try withFollowScratch { dir in
            try dir.append("elsewhere.txt", "precious\n")
            #expect(symlink(dir.path("elsewhere.txt"), dir.path("incident_events.jsonl")) == 0)
            #expect(throws: JournalWriteError.self) {
                try JournalWriter.append(sample(1), to: dir.path("incident_events.jsonl"))
            }
            #expect(dir.text("elsewhere.txt") == "precious\n")
            var st = stat()
            #expect(lstat(dir.path("incident_events.jsonl"), &st) == 0)
            #expect(st.st_mode & S_IFMT == S_IFLNK)

            // A dangling symlink is not followed to create its target either.
            #expect(symlink(dir.path("target-that-does-not-exist"), dir.path("dangling.jsonl")) == 0)
            #expect(throws: JournalWriteError.self) {
                try JournalWriter.append(sample(1), to: dir.path("dangling.jsonl"))
            }
            #expect(!dir.exists("target-that-does-not-exist"))
        }
    }

    @Test func aReadOnlyDirectoryIsAnErrorAndNothingIsCreated() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("locked")
            chmod(dir.path("locked"), 0o555)
            let error = withUnprivilegedFileAccess {
                #expect(throws: JournalWriteError.self) {
                    try JournalWriter.append(sample(1), to: dir.path("locked/incident_events.jsonl"))
                }
            }
            #expect(error?.path == dir.path("locked/incident_events.jsonl"))
            #expect(error?.message.contains("cannot open") == true)
            #expect(!dir.exists("locked/incident_events.jsonl"))
        }
    }

    @Test func aReadOnlyFileIsAnErrorAndStaysUnchanged() throws {
        try withFollowScratch { dir in
            let file = "incident_events.jsonl"
            try dir.append(file, JSONWriter.string(sample(1)) + "\n")
            chmod(dir.path(file), 0o444)
            let before = dir.bytes(file)
            _ = withUnprivilegedFileAccess {
                #expect(throws: JournalWriteError.self) {
                    try JournalWriter.append(sample(2), to: dir.path(file))
                }
            }
            #expect(dir.bytes(file) == before)
        }
    }

    @Test func aDirectoryAtThePathIsAnError() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("incident_events.jsonl")
            #expect(throws: JournalWriteError.self) {
                try JournalWriter.append(sample(1), to: dir.path("incident_events.jsonl"))
            }
        }
    }

    @Test func concurrentWritersNeverInterleaveLines() async throws {
        let dir = try FollowScratch()
        defer { dir.removeAll() }
        let path = dir.path("incident_events.jsonl")
        let writers = 4
        let perWriter = 40
        let padding = String(repeating: "p", count: 3000)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    for i in 0..<perWriter {
                        try JournalWriter.append(sample(w * 1000 + i, message: padding), to: path)
                    }
                }
            }
            try await group.waitForAll()
        }
        let lines = dir.lines("incident_events.jsonl")
        #expect(lines.count == writers * perWriter)
        let ns = try lines.map { try #require(try JSONParser.parse($0)["n"]?.intValue) }
        #expect(Set(ns).count == writers * perWriter)
        for w in 0..<writers {
            let mine = ns.filter { $0 / 1000 == w }
            #expect(mine == mine.sorted(), "each writer's records keep their order")
        }
    }

    @Test func completeLinesIgnoresAnUnfinishedLastLine() {
        #expect(JournalWriter.completeLines(Array("a\nb\n\nc".utf8)) == [Array("a".utf8), Array("b".utf8), []])
        #expect(JournalWriter.completeLines([]) == [])
    }

    @Test func aPreconditionSeesOnlyTheTailOfALargeJournal() throws {
        try withFollowScratch { dir in
            // 6 MiB of old history, then the recent line that matters.
            let old = String(
                repeating: JSONWriter.string(sample(0, message: String(repeating: "o", count: 1000))) + "\n",
                count: 6000)
            try dir.append("j.jsonl", old + JSONWriter.string(sample(7)) + "\n")
            var seen: [[UInt8]] = []
            try JournalWriter.append(sample(8), to: dir.path("j.jsonl")) { seen = $0 }
            let bytes = seen.reduce(0) { $0 + $1.count + 1 }
            #expect(bytes <= Int(JournalWriter.tailWindow))
            #expect(seen.last.map { String(decoding: $0, as: UTF8.self) } == JSONWriter.string(sample(7)))
            // The window starts at a line boundary: every line it hands over is whole.
            #expect(seen.allSatisfy { (try? JSONParser.parse($0)) != nil })
        }
    }
}
