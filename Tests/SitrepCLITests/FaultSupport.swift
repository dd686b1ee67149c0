import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Shared setup for the fault-injection suite (README "Guarantees"): a root with one open
/// incident, the console in tmux on it, and checks on the journal's bytes.
struct FaultRoot {
    static let now = "2025-11-21T10:30:00Z"
    let runner: SitrepRunner
    var root: URL { runner.root }
    let journal = "incidents/incident_events.jsonl"
    var journalPath: String { root.appendingPathComponent(journal).path }

    /// `base`: where the root is made (a tmpfs for the heavy cases), else the temporary directory.
    init(base: String? = nil, incidents: [(id: String, title: String)] = [("INC-20251121-0001", "Ledger mismatch")])
        throws
    {
        if let base {
            let url = URL(fileURLWithPath: base).appendingPathComponent("sitrep-fault-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            runner = SitrepRunner(existingRoot: url)
        } else {
            runner = try SitrepRunner()
        }
        for (n, incident) in incidents.enumerated() {
            try JournalWriter.append(
                JournalRecords.open(
                    id: incident.id, severity: "SEV1", title: incident.title, by: "detector", source: nil, runID: nil,
                    ts: Timestamp.parse("2025-11-21T10:00:00Z")!.addingTimeInterval(Double(n)), eventID: "open-\(n)"),
                to: journalPath)
        }
    }

    func cleanUp() { runner.cleanUp() }

    /// The console on this root in a tmux pane of its own; `before`/`after` run in the pane's
    /// shell around it (ulimit, stty).
    func console(
        width: Int = 120, height: Int = 30, operatorName: String = "alice", extra: String = "", before: String = "",
        after: String = "sleep 30", environment: [String: String] = [:]
    ) throws -> Tmux {
        try Tmux(
            width: width, height: height,
            command:
                "\(before) '\(SitrepRunner.binary.path)' --root '\(root.path)' --now \(FaultRoot.now) --as \(operatorName) \(extra); \(after)",
            environment: environment)
    }

    /// The journal's bytes split at newlines; `complete` is false when the last line lacks one.
    func journalLines() -> (lines: [ArraySlice<UInt8>], complete: Bool) {
        guard let data = FileManager.default.contents(atPath: journalPath) else { return ([], true) }
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return (lines, bytes.last == 0x0A || bytes.isEmpty)
    }

    /// Every line of the journal parsed as an object; records an issue for each that does not.
    func journalRecords(sourceLocation: SourceLocation = #_sourceLocation) -> [JSONObject] {
        let (lines, complete) = journalLines()
        #expect(complete, "the journal ends in a newline", sourceLocation: sourceLocation)
        return lines.compactMap { line in
            guard let object = try? JSONParser.parse(Array(line)).objectValue else {
                Issue.record(
                    "line does not parse: \(String(decoding: line.prefix(120), as: UTF8.self))",
                    sourceLocation: sourceLocation)
                return nil
            }
            return object
        }
    }

    func acks(_ records: [JSONObject]) -> [JSONObject] {
        records.filter { $0["event_type"]?.stringValue == "incident_ack" }
    }
}

extension SitrepRunner {
    init(existingRoot: URL) { root = existingRoot }
}

/// Acknowledges the selected incident through the keyboard: `a`, a note, Enter.
func acknowledgeSelected(_ tmux: Tmux, note: String) {
    tmux.send("a")
    _ = tmux.waitFor("Acknowledge")
    tmux.type(note)
    _ = tmux.waitFor(note)
    tmux.send("Enter")
}

/// A directory on a tmpfs when there is one (no disk I/O for the heavy cases), else nil.
let tmpfsBase: String? = {
    let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
    let isTmpfs = mounts.split(separator: "\n").contains {
        $0.split(separator: " ").prefix(3).dropFirst().elementsEqual(["/dev/shm", "tmpfs"])
    }
    return isTmpfs && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : nil
}()
