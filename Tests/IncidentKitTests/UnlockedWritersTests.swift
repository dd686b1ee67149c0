import Foundation
import Testing

@testable import IncidentKit

/// Real tools append to a shared journal without any lock (Python `open(path, "a").write(line)`).
/// The newline repair must never take the middle of their append for a torn line.
@Suite struct UnlockedWritersTests {
    static let writer = """
        import json, sys
        path, count, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        pad = "p" * 8180
        for i in range(count):
            with open(path, "a") as f:
                f.write(json.dumps({"event_type": "tracker_note", "w": name, "i": i, "pad": pad}) + "\\n")
        """

    @Test("four unlocked Python writers of 8 KiB lines and locked acknowledgments: no empty line, every line parses")
    func noEmptyLineUnderUnlockedWriters() throws {
        try withFollowScratch { dir in
            let path = dir.path("incidents/incident_events.jsonl")
            try dir.append("incidents/incident_events.jsonl", "")
            let script = dir.path("writer.py")
            try UnlockedWritersTests.writer.write(toFile: script, atomically: true, encoding: .utf8)
            let writers = (0..<4).map { n -> Process in
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                p.arguments = ["python3", script, path, "1500", "w\(n)"]
                return p
            }
            for p in writers { try p.run() }
            var acks = 0
            while writers.contains(where: \.isRunning) {
                var o = JSONObjectBuilder()
                o.set("event_type", "incident_ack")
                o.set("incident_id", "INC-1")
                o.set("n", acks)
                try JournalWriter.append(o.value, root: dir.root, relative: "incidents/incident_events.jsonl")
                acks += 1
            }
            for p in writers { p.waitUntilExit() }
            #expect(writers.allSatisfy { $0.terminationStatus == 0 })
            #expect(acks > 20, "the acknowledgments ran alongside the writers")

            let data = try #require(FileManager.default.contents(atPath: path))
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
            let empty = lines.filter(\.isEmpty).count
            #expect(empty == 0, "\(empty) empty lines")
            let parsed = lines.filter { (try? JSONParser.parse(Array($0))) != nil }.count
            #expect(parsed == lines.count)
            #expect(lines.count == 4 * 1500 + acks)
        }
    }
}
