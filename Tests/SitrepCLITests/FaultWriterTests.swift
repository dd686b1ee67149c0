import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Fault-injection suite, items 4 and 5: many writers on one journal while a console follows it,
/// and a writer that died in the middle of a line.
@Suite("Fault injection: writers", .serialized)
struct FaultWriterTests {
    static var writerBinary: URL {
        SitrepRunner.binary.deletingLastPathComponent().appendingPathComponent("sitrep-fault-writer")
    }

    @Test("8 processes x 10,000 acknowledgments of 8 KiB while a console follows: 80,000 whole lines")
    func eightyThousandAcks() throws {
        let writers = 8
        let perWriter = 10_000
        let size = 8192
        let root = try FaultRoot(base: tmpfsBase, incidents: [("INC-STRESS", "Stress")])
        defer { root.cleanUp() }
        let tmux = try root.console()
        #expect(tmux.waitFor("INC-STRESS").0)

        let processes = try (1...writers).map { k -> Process in
            let process = Process()
            process.executableURL = Self.writerBinary
            process.arguments = ["acks", root.journalPath, "w\(k)", "\(perWriter)", "\(size)"]
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }

        let (lines, complete) = root.journalLines()
        #expect(complete)
        #expect(lines.count == 1 + writers * perWriter)
        let records = Array(lines.dropFirst())
        #expect(records.allSatisfy { $0.count == size - 1 }, "a line of another size means two writes interleaved")
        let parsed = parseInParallel(records)
        #expect(parsed.failures == 0, "every line parses")
        #expect(Set(parsed.eventIDs).count == writers * perWriter, "every record once")
        let firstAck = try JSONParser.parse(Array(records[0]))["ack_by"]?.stringValue
        let winner = try #require(firstAck)
        // The console read all of it: it shows the first acknowledgment in the file, and no warnings.
        let (shown, screen) = tmux.waitFor(timeout: 240) { $0.contains("INC-STRESS") && $0.contains(winner) }
        #expect(shown, "\(screen)")
        #expect(!screen.contains("warning"), "\(screen)")
        tmux.send("q")
    }

    @Test("a writer killed mid-line, then an acknowledgment from the console: the ack is a line of its own")
    func writerKilledMidLine() throws {
        let root = try FaultRoot()
        defer { root.cleanUp() }
        let tmux = try root.console()
        #expect(tmux.waitFor("INC-20251121-0001").0)
        // A shell writer that dies by SIGKILL after half a record.
        let killed = try Spawn.run(
            [
                "sh", "-c",
                "printf '{\"event_type\":\"incident_update\",\"incident_id\":\"INC-2025' >> '\(root.journalPath)'; kill -9 $$",
            ],
            captureOutput: false)
        #expect(killed.status & 0x7f == SIGKILL)
        #expect(root.journalLines().complete == false)

        acknowledgeSelected(tmux, note: "after the crash")
        let (acked, screen) = tmux.waitFor("acknowledged by alice")
        #expect(acked, "\(screen)")
        let (lines, complete) = root.journalLines()
        #expect(complete)
        #expect(lines.count == 3)
        let ack = try #require(try JSONParser.parse(Array(lines[2])).objectValue)
        #expect(ack["event_type"]?.stringValue == "incident_ack")
        #expect(ack["notes"]?.stringValue == "after the crash")
        #expect(String(decoding: lines[1], as: UTF8.self).hasPrefix("{\"event_type\":\"incident_update\""))
        // The dead writer's half line is now complete, so it is reported, with its line number.
        let (warned, later) = tmux.waitFor("incidents/incident_events.jsonl:2: malformed JSON")
        #expect(warned, "\(later)")
        tmux.send("q")
    }
}

/// Parses JSONL lines on every core; returns the `event_id`s and how many lines failed.
private func parseInParallel(_ lines: [ArraySlice<UInt8>]) -> (eventIDs: [String], failures: Int) {
    let chunks = 16
    let results = ParallelResults(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        var ids: [String] = []
        var failures = 0
        for index in stride(from: chunk, to: lines.count, by: chunks) {
            if let id = (try? JSONParser.parse(Array(lines[index])))?["event_id"]?.stringValue {
                ids.append(id)
            } else {
                failures += 1
            }
        }
        results.set(chunk, (ids, failures))
    }
    return results.all.reduce(into: ([String](), 0)) { total, part in
        total.0 += part.0
        total.1 += part.1
    }
}

private final class ParallelResults: @unchecked Sendable {
    private var parts: [([String], Int)]
    private let lock = NSLock()
    init(count: Int) { parts = Array(repeating: ([], 0), count: count) }
    func set(_ index: Int, _ value: ([String], Int)) { lock.withLock { parts[index] = value } }
    var all: [([String], Int)] { lock.withLock { parts } }
}
