import Foundation
import IncidentKit
import Testing

@Suite("Concurrent appends")
struct ConcurrentAppendTests {
    @Test("sitrep writers and a plain shell >> writer on one journal lose and interleave nothing")
    func concurrentWriters() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let opened = try runner.run([
            "declare", "--severity", "SEV1", "--title", "load", "--now", "2025-11-21T10:00:00Z",
        ])
        #expect(opened.status == 0, "\(opened.stderr)")
        let journal = runner.root.appendingPathComponent("incidents/incident_events.jsonl").path
        let processes = 24
        let shellLines = 400
        // Each sitrep update carries 8 KiB, more than a pipe's atomic write, so only the lock
        // and the single write keep it whole.
        let payload = String(repeating: "x", count: 8192)
        let script = """
            set -e
            for i in $(seq 1 \(processes)); do
              "$SITREP" update INC-20251121-0001 --message "w$i \(payload)" --now 2025-11-21T10:05:00Z --root "$ROOT" >/dev/null &
            done
            for i in $(seq 1 \(shellLines)); do
              printf '{"event_type":"shell_note","n":%d,"pad":"%s"}\\n' "$i" "\(String(repeating: "y", count: 300))" >> "$JOURNAL"
            done
            wait
            """
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        env["SITREP"] = SitrepRunner.binary.path
        env["ROOT"] = runner.root.path
        env["JOURNAL"] = journal
        env["SITREP_USER"] = "load"
        shell.environment = env
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)

        let data = try #require(FileManager.default.contents(atPath: journal))
        #expect(data.last == UInt8(ascii: "\n"))
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1 + processes + shellLines)
        var updates = Set<String>()
        var notes = Set<Int>()
        for line in lines {
            let object = try #require(try? JSONParser.parse(Array(line)).objectValue, "a line does not parse")
            switch object["event_type"]?.stringValue {
            case "incident_update":
                let message = object["message"]?.stringValue ?? ""
                #expect(message.hasSuffix(payload))
                updates.insert(String(message.prefix { $0 != " " }))
            case "shell_note": notes.insert(object["n"]?.intValue ?? -1)
            case "incident_open": break
            default: Issue.record("unexpected line \(line.count) bytes")
            }
        }
        #expect(updates.count == processes)
        #expect(notes == Set(1...shellLines))
    }
}
