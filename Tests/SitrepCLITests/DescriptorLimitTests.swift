import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A root of 2,000 followed files under `ulimit -n 256`: before, every followed file held a
/// descriptor for the life of the process, so the rest of the root went unread (no nodes, no
/// new journal) with only a warning at the bottom of a pane.
@Suite("Descriptors bounded", .serialized)
struct DescriptorLimitTests {
    static let runs = 1000

    private func openRecord(_ id: String) -> String {
        #"{"event_type":"incident_open","incident_id":"\#(id)","severity":"SEV2","title":"run \#(id)","ts":"2025-11-21T10:00:00Z","event_id":"open-\#(id)"}"#
            + "\n"
    }

    /// 1,000 runs with a journal and a reconciliation file each, and 10 nodes.
    private func makeRoot() throws -> SitrepRunner {
        let runner = try SitrepRunner()
        let fm = FileManager.default
        for run in 0..<DescriptorLimitTests.runs {
            let dir = runner.root.appendingPathComponent("results/runs/r\(run)")
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            try openRecord("INC-R\(run)").write(
                to: dir.appendingPathComponent("incident_events.jsonl"), atomically: false, encoding: .utf8)
            try (#"{"ts":"2025-11-21T10:00:00Z","status":"match"}"# + "\n").write(
                to: dir.appendingPathComponent("order_reconciliation_events.jsonl"), atomically: false, encoding: .utf8)
        }
        for node in 0..<10 {
            let dir = runner.root.appendingPathComponent("nodes/n\(node)")
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            try #"{"node_id":"n\#(node)","health":"ok","last_heartbeat":"2025-11-21T10:00:00Z"}"#.write(
                to: dir.appendingPathComponent("node_state.json"), atomically: false, encoding: .utf8)
        }
        return runner
    }

    @Test func statusReadsTwoThousandFilesUnderALimitOf256() throws {
        let runner = try makeRoot()
        defer { runner.cleanUp() }
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SITREP_") }
        env["XDG_CONFIG_HOME"] = runner.root.appendingPathComponent(".no-config").path
        let output = try SitrepRunner.execute(
            URL(fileURLWithPath: "/bin/sh"),
            [
                "-c", "ulimit -n 256 && exec \"$0\" status --json --all --now 2025-11-21T10:05:00Z --root \"$1\"",
                SitrepRunner.binary.path, runner.root.path,
            ], environment: env)
        #expect(output.status == 0, "\(output.stderr)")
        let status = try JSONParser.parse(output.stdout)
        #expect(status["incidents"]?.count == DescriptorLimitTests.runs)
        #expect(status["nodes"]?.count == 10)
        #expect(status["warnings"]?.count == 0, "\(status["warnings"] ?? .null)")
    }

    @Test func theConsoleUnderALimitOf256SeesEveryFileAndANewJournal() throws {
        let runner = try makeRoot()
        defer { runner.cleanUp() }
        let tmux = try Tmux(
            width: 120, height: 30,
            command:
                "ulimit -n 256 && '\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --now 2025-11-21T10:05:00Z --as alice; sleep 30"
        )
        defer { tmux.send("q") }
        let (all, screen) = tmux.waitFor(timeout: 30) {
            $0.contains("Incidents (\(DescriptorLimitTests.runs))") && $0.contains("Nodes (10)")
        }
        #expect(all, "\(screen)")
        #expect(!screen.contains("OUT OF FILE DESCRIPTORS"))
        try FileManager.default.createDirectory(
            at: runner.root.appendingPathComponent("incidents"), withIntermediateDirectories: true)
        try openRecord("INC-ROOT").write(
            to: runner.root.appendingPathComponent("incidents/incident_events.jsonl"), atomically: false,
            encoding: .utf8)
        let (new, later) = tmux.waitFor("Incidents (\(DescriptorLimitTests.runs + 1))", timeout: 15)
        #expect(new, "\(later)")
    }
}
