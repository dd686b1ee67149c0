import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What an adversarial probe of a shared jump host broke (issue 13), driven through the real
/// binary: anyone on the host may write the artifact root.
@Suite("A hostile artifact root (issue 13)")
struct HostileRootTests {
    let now = "2025-11-21T16:10:00Z"

    func append(_ runner: SitrepRunner, _ relative: String, _ text: String) throws {
        let url = runner.root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    @Test("a huge number in any field is one warning with path and line; status, check and report keep working")
    func hugeNumbersAreWarningsNotCrashes() throws {
        let runner = try SitrepRunner(fixture: "report-incident")
        defer { runner.cleanUp() }
        let journal = "results/runs/r7/incident_events.jsonl"
        let lineNumber = runner.lines(journal).count + 1
        try append(
            runner, journal,
            #"{"event_type":"incident_open","incident_id":"INC-HUGE","severity":"P1","title":"t","ts":1e22}"# + "\n"
                + #"{"event_type":"rollback_step","incident_id":"INC-20251121-0042","ts":"2025-11-21T10:20:00Z","run_id":"RB-0000a001","step":"x","status":"done","elapsed_s":1e300}"#
                + "\n"
                + #"{"event_type":"rollback_completed","incident_id":"INC-20251121-0042","ts":"2025-11-21T10:21:00Z","run_id":"RB-0000a001","total_s":1e300}"#
                + "\n")
        try append(runner, "pilot/node_state.json", #"{"node_id":"n1","health":"ok","last_heartbeat":1e300}"#)
        try append(
            runner, "results/runs/r7/order_reconciliation_events.jsonl", #"{"status":"mismatch","ts":1e300}"# + "\n")
        try append(runner, "gateway/stats.json", #"{"kill_switch":true,"halted_until":1e300}"#)

        let status = try runner.status(now: now, all: true)
        let warnings = status["warnings"]?.arrayValue ?? []
        let huge = warnings.filter { $0["path"]?.stringValue == journal && $0["line"]?.intValue == lineNumber }
        #expect(huge.count == 1, "\(warnings)")
        #expect(warnings.contains { $0["line"]?.intValue == lineNumber + 1 && "\($0)".contains("elapsed_s") })
        #expect(warnings.contains { $0["line"]?.intValue == lineNumber + 2 && "\($0)".contains("total_s") })
        for (path, field) in [
            ("pilot/node_state.json", "last_heartbeat"), ("gateway/stats.json", "halted_until"),
            ("results/runs/r7/order_reconciliation_events.jsonl", "ts"),
        ] {
            #expect(
                warnings.filter { $0["path"]?.stringValue == path && "\($0)".contains(field) }.count == 1,
                "\(path) \(field): \(warnings)")
        }

        let check = try runner.run(["check", "--now", now])
        #expect((0...3).contains(check.status), "check exited \(check.status): \(check.stderr)")
        let text = try runner.run(["status", "--now", now])
        #expect(text.status == 0, "\(text.stderr)")
        let report = try runner.run(["report", "INC-20251121-0042", "--now", now])
        #expect(report.status == 0, "\(report.stderr)")
    }

    @Test(
        "a policy duration past ten years is refused by policy check with its line, not a crash later",
        arguments: ["106751991167300d", "9223372036854775807s1s", "999999999999w", "1e300s"])
    func absurdPolicyDurations(duration: String) throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let policy = runner.root.appendingPathComponent("huge.yaml")
        try """
        name: huge
        severities:
          - id: SEV1
            timers:
              - {name: respond, within: \(duration)}
        """.write(to: policy, atomically: true, encoding: .utf8)
        let check = try runner.run(["policy", "check", policy.path], withRoot: false)
        #expect(check.status != 0 && check.status < 128, "exit \(check.status)")
        #expect(check.stderr.contains("huge.yaml:5:"), "\(check.stderr)")
        let status = try runner.run(["status", "--policy", policy.path, "--now", now])
        #expect(status.status != 0 && status.status < 128, "exit \(status.status)")
    }

    @Test("a symbolic link planted anywhere below the root is refused by every write, naming it")
    func writesRefuseLinksBelowTheRoot() throws {
        let runner = try SitrepRunner(fixture: "report-incident")
        defer { runner.cleanUp() }
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("i13-elsewhere-\(UUID())")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try "precious\n".write(to: elsewhere.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let fm = FileManager.default
        // A linked directory in the middle of the path: incidents -> elsewhere.
        try fm.createSymbolicLink(at: runner.root.appendingPathComponent("incidents"), withDestinationURL: elsewhere)
        let declare = try runner.run(["declare", "--severity", "SEV2", "--title", "x", "--now", now])
        #expect(declare.status == 1)
        #expect(declare.stderr.contains("incidents") && declare.stderr.contains("symbolic link"), "\(declare.stderr)")
        #expect(try fm.contentsOfDirectory(atPath: elsewhere.path) == ["README.md"])

        // reports -> elsewhere, and the file name chosen by the report path.
        try fm.createDirectory(
            at: runner.root.appendingPathComponent("results/runs/r7"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(
            at: runner.root.appendingPathComponent("results/runs/r7/reports"), withDestinationURL: elsewhere)
        let output = runner.root.appendingPathComponent("results/runs/r7/reports/README.md").path
        let report = try runner.run(["report", "INC-20251121-0042", "--output", output, "--now", now])
        #expect(report.status == 1)
        #expect(
            report.stderr.contains("results/runs/r7/reports") && report.stderr.contains("symbolic link"),
            "\(report.stderr)")
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("README.md"), encoding: .utf8) == "precious\n")

        // The run directory itself linked: the acknowledgment is refused and nothing lands there.
        let runs = runner.root.appendingPathComponent("results/runs")
        try fm.moveItem(at: runs.appendingPathComponent("r7"), to: runner.root.appendingPathComponent("r7-real"))
        try fm.createSymbolicLink(
            at: runs.appendingPathComponent("r7"), withDestinationURL: runner.root.appendingPathComponent("r7-real"))
        let before = try String(
            contentsOf: runner.root.appendingPathComponent("r7-real/incident_events.jsonl"), encoding: .utf8)
        let ack = try runner.run(["ack", "INC-20251121-0043", "--by", "eve", "--now", now])
        #expect(ack.status == 1)
        #expect(ack.stderr.contains("results/runs/r7") && ack.stderr.contains("symbolic link"), "\(ack.stderr)")
        let after = try String(
            contentsOf: runner.root.appendingPathComponent("r7-real/incident_events.jsonl"), encoding: .utf8)
        #expect(after == before)
    }

    /// Runs the binary from a directory that is deleted just before it starts.
    func runFromDeletedDirectory(_ arguments: [String]) throws -> SitrepRunner.Output {
        let gone = FileManager.default.temporaryDirectory.appendingPathComponent("i13-gone-\(UUID())")
        try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SITREP_") }
        env["SITREP_USER"] = "tester"
        env["XDG_CONFIG_HOME"] = gone.appendingPathComponent(".no-config").path
        return try SitrepRunner.execute(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", #"cd "$1" && rmdir "$1" && shift && exec "$@""#, "sh", gone.path, SitrepRunner.binary.path]
                + arguments, environment: env)
    }

    @Test("from a deleted working directory nothing is written to /; the user is told")
    func vanishedWorkingDirectory() throws {
        let runner = try SitrepRunner(fixture: "report-incident")
        defer { runner.cleanUp() }
        let rootJournalExisted = FileManager.default.fileExists(atPath: "/incidents")
        let declare = try runFromDeletedDirectory(["declare", "--severity", "SEV2", "--title", "x", "--now", now])
        #expect(declare.status == 1)
        #expect(declare.stderr.contains("current directory is gone"), "\(declare.stderr)")
        #expect(FileManager.default.fileExists(atPath: "/incidents") == rootJournalExisted)

        let name = "i13-report-\(UUID()).md"
        let report = try runFromDeletedDirectory([
            "report", "INC-20251121-0042", "--output", name, "--root", runner.root.path, "--now", now,
        ])
        #expect(report.status == 1)
        #expect(report.stderr.contains("current directory is gone"), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/" + name))
    }

    @Test("parallel declares into two journals get distinct ids; a reused id in another journal is a warning")
    func idsAreUniqueAcrossJournals() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let script = """
            for i in $(seq 1 10); do
              "$SITREP" declare --severity SEV2 --title "root $i" --now 2025-11-21T10:00:00Z --root "$ROOT" >/dev/null &
              "$SITREP" declare --severity SEV2 --title "run $i" --run-id r1 --now 2025-11-21T10:00:00Z --root "$ROOT" >/dev/null &
            done
            wait
            """
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SITREP_") }
        env["SITREP"] = SitrepRunner.binary.path
        env["ROOT"] = runner.root.path
        env["SITREP_USER"] = "load"
        shell.environment = env
        try shell.run()
        shell.waitUntilExit()
        let opens =
            (runner.lines("incidents/incident_events.jsonl") + runner.lines("results/runs/r1/incident_events.jsonl"))
            .compactMap { try? JSONParser.parse($0)["incident_id"]?.stringValue }
        #expect(opens.count == 20)
        #expect(Set(opens).count == 20, "\(opens.sorted())")

        // Someone who can write a run journal reuses the first incident's id later on.
        let first = "INC-20251121-0001"
        let owner =
            runner.lines("incidents/incident_events.jsonl").contains { $0.contains(first) }
            ? "incidents/incident_events.jsonl" : "results/runs/r1/incident_events.jsonl"
        let other =
            owner == "incidents/incident_events.jsonl"
            ? "results/runs/r2/incident_events.jsonl" : "incidents/incident_events.jsonl"
        try append(
            runner, other,
            #"{"event_type":"incident_open","incident_id":"\#(first)","severity":"SEV0","title":"mine now","ts":"2025-11-21T10:01:00Z"}"#
                + "\n")
        let status = try runner.status(now: "2025-11-21T10:02:00Z")
        let incident = status["incidents"]?.arrayValue?.first { $0["id"]?.stringValue == first }
        #expect(incident?["journal"]?.stringValue == owner)
        #expect(incident?["title"]?.stringValue != "mine now")
        #expect(
            status["warnings"]?.arrayValue?.contains { $0["path"]?.stringValue == other && "\($0)".contains(first) }
                == true)
        let before = runner.lines(other).count
        let ack = try runner.run(["ack", first, "--by", "eve", "--now", "2025-11-21T10:02:00Z"])
        #expect(ack.status == 0, "\(ack.stderr)")
        #expect(runner.lines(other).count == before)
        #expect(runner.lines(owner).last?.contains("incident_ack") == true)
    }

    @Test(
        "an empty incident id and a run id with a newline or a path are refused",
        arguments: [
            ["resolve", "", "--root-cause", "x"], ["ack", " "],
            ["declare", "--severity", "SEV2", "--title", "t", "--run-id", "r1\nforged"],
            ["declare", "--severity", "SEV2", "--title", "t", "--run-id", "../r1"],
            ["declare", "--severity", "SEV2", "--title", "t", "--run-id", ".hidden"],
        ])
    func refusedIdentifiers(arguments: [String]) throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let before = runner.snapshot()
        let result = try runner.run(arguments + ["--now", now])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.contains("empty") || result.stderr.contains("invalid run id"), "\(result.stderr)")
        #expect(runner.snapshot() == before)
    }

    static let escapes = "\u{1B}]0;pwned\u{07}\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J\u{9B}31m\u{202E}"
    /// The same as YAML double-quoted escapes (YAML refuses raw control characters).
    static let yamlEscapes = #"\e]0;pwned\a\e]52;c;ZXZpbA==\a\e[2J\x9b31m\u202e"#

    /// Nothing the command line printed carries a raw escape or C1 control.
    func expectClean(_ output: SitrepRunner.Output, _ what: String) {
        for text in [output.stdout, output.stderr] {
            #expect(
                !text.unicodeScalars.contains {
                    $0.value == 0x1B || $0.value == 0x07 || (0x80...0x9F).contains($0.value) || $0.value == 0x202E
                }, "\(what): \(text.debugDescription.prefix(300))")
        }
    }

    @Test("runbook list/show/import, the status header and YAML errors print file text sanitised, errors cut short")
    func commandLineOutputIsSanitised() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let runbooks = runner.root.appendingPathComponent(".sitrep/runbooks")
        try FileManager.default.createDirectory(at: runbooks, withIntermediateDirectories: true)
        let yaml = runbooks.appendingPathComponent("evil.yaml")
        try
            "id: evil\ntitle: \"T\(Self.yamlEscapes)\"\nsteps:\n  - {id: a, title: \"A\(Self.yamlEscapes)\", instructions: \"I\(Self.yamlEscapes)\"}\n"
            .write(to: yaml, atomically: true, encoding: .utf8)
        // Group-writable: refused as untrusted, and its text must still not reach the terminal raw.
        chmod(yaml.path, 0o666)
        expectClean(try runner.run(["runbook", "list"]), "list")
        expectClean(try runner.run(["runbook", "show", yaml.path]), "show")
        expectClean(try runner.run(["runbook", "lint", yaml.path]), "lint")
        let markdown = runner.root.appendingPathComponent("evil.md")
        try "# Restore\(Self.escapes)\n\n### Step 1: Stop\(Self.escapes) (30 seconds)\n```bash\n./stop.sh\n```\n".write(
            to: markdown, atomically: true, encoding: .utf8)
        expectClean(try runner.run(["runbook", "import", markdown.path]), "import")

        let policy = runner.root.appendingPathComponent("p.yaml")
        try "name: \"p\(Self.yamlEscapes)\"\nseverities:\n  - id: SEV1\n".write(
            to: policy, atomically: true, encoding: .utf8)
        let status = try runner.run(["status", "--policy", policy.path, "--now", now])
        #expect(status.status == 0, "\(status.stderr)")
        expectClean(status, "status")
        expectClean(try runner.run(["policy", "show", policy.path]), "policy show")

        // A YAML error that echoes a long line full of escapes.
        let broken = runner.root.appendingPathComponent("broken.yaml")
        try "name: x\nseverities: [\(Self.escapes)\(String(repeating: "A", count: 20000))\n  - : : :\n".write(
            to: broken, atomically: true, encoding: .utf8)
        let error = try runner.run(["policy", "check", broken.path], withRoot: false)
        #expect(error.status == 1)
        expectClean(error, "yaml error")
        #expect(error.stderr.split(separator: "\n").allSatisfy { $0.count <= 300 }, "\(error.stderr.count) bytes")
    }

    @Test("a policy, runbook or theme file over 4 MiB, or a FIFO in its place, is refused with a message")
    func oversizedAndSpecialConfigFiles() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let big = runner.root.appendingPathComponent("big.yaml")
        _ = FileManager.default.createFile(atPath: big.path, contents: Data("name: big\n".utf8))
        #expect(truncate(big.path, 1 << 30) == 0)  // sparse: 1 GB that costs nothing on disk
        let policy = try runner.run(["policy", "check", big.path], withRoot: false)
        #expect(policy.status == 1)
        #expect(policy.stderr.contains("big.yaml") && policy.stderr.contains("4 MiB"), "\(policy.stderr)")
        let runbook = try runner.run(["runbook", "show", big.path], withRoot: false)
        #expect(runbook.status == 1)
        #expect(runbook.stderr.contains("4 MiB"), "\(runbook.stderr)")
        let fifo = runner.root.appendingPathComponent("fifo.yaml")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let blocked = try runner.run(["policy", "check", fifo.path], withRoot: false)
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("not a regular file"), "\(blocked.stderr)")
    }

    @Test("a UTF-8 byte order mark on line 1 is skipped, not the record; epochs in ns, us, ms and s are told apart")
    func byteOrderMarkAndEpochUnits() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let lines = [
            #"{"event_type":"incident_open","incident_id":"INC-S","severity":"SEV2","title":"s","ts":1763719200}"#,
            #"{"event_type":"incident_open","incident_id":"INC-MS","severity":"SEV2","title":"ms","ts":1763719200000}"#,
            #"{"event_type":"incident_open","incident_id":"INC-US","severity":"SEV2","title":"us","ts":1763719200000000}"#,
            #"{"event_type":"incident_open","incident_id":"INC-NS","severity":"SEV2","title":"ns","ts":1763719200000000000}"#,
            #"{"event_type":"incident_open","incident_id":"INC-ABSURD","severity":"SEV2","title":"x","ts":-62221164700}"#,
            #"{"event_type":"incident_open","incident_id":"INC-ZERO","severity":"SEV2","title":"x","ts":"0001-01-01T00:00:00Z"}"#,
        ]
        try append(runner, "incidents/incident_events.jsonl", "\u{FEFF}" + lines.joined(separator: "\n") + "\n")
        let status = try runner.status(now: "2025-11-21T10:05:00Z")
        let opened = Dictionary(
            uniqueKeysWithValues: (status["incidents"]?.arrayValue ?? []).map {
                ($0["id"]?.stringValue ?? "", $0["opened_at"]?.stringValue ?? "")
            })
        for id in ["INC-S", "INC-MS", "INC-US", "INC-NS"] {
            #expect(opened[id] == "2025-11-21T10:00:00Z", "\(id): \(opened)")
        }
        #expect(opened["INC-ABSURD"] == nil && opened["INC-ZERO"] == nil)
        #expect(status["warnings"]?.arrayValue?.contains { $0["line"]?.intValue == 5 } == true)
        #expect(status["warnings"]?.arrayValue?.contains { $0["line"]?.intValue == 6 } == true)
        #expect(
            status["warnings"]?.arrayValue?.contains { $0["line"]?.intValue == 1 } != true,
            "\(status["warnings"] ?? .null)")
    }
}
