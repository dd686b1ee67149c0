import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The probe's hangs, through the real binary: a FIFO where a snapshot or the root journal
/// belongs. Each command runs under `timeout`, so a hang fails the test with exit 137.
@Suite struct NonRegularFileCommandTests {
    private func run(_ runner: SitrepRunner, _ arguments: [String]) throws -> SitrepRunner.Output {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SITREP_") }
        env["SITREP_USER"] = "tester"
        env["XDG_CONFIG_HOME"] = runner.root.appendingPathComponent(".no-config").path
        return try SitrepRunner.execute(
            URL(fileURLWithPath: "/usr/bin/timeout"),
            ["-s", "KILL", "20", SitrepRunner.binary.path] + arguments + ["--root", runner.root.path],
            environment: env)
    }

    @Test func statusAndCheckWarnAboutAFIFOSnapshotInsteadOfHanging() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let gateway = runner.root.appendingPathComponent("gateway")
        try FileManager.default.createDirectory(at: gateway, withIntermediateDirectories: true)
        #expect(mkfifo(gateway.appendingPathComponent("stats.json").path, 0o600) == 0)
        let status = try run(runner, ["status"])
        #expect(status.status != 137, "status hung on the FIFO")
        #expect((status.stdout + status.stderr).contains("not a regular file (FIFO)"), "\(status)")
        let check = try run(runner, ["check"])
        #expect(check.status != 137, "check hung on the FIFO")
    }

    @Test func declareRefusesAFIFOJournalInsteadOfHanging() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let incidents = runner.root.appendingPathComponent("incidents")
        try FileManager.default.createDirectory(at: incidents, withIntermediateDirectories: true)
        #expect(mkfifo(incidents.appendingPathComponent("incident_events.jsonl").path, 0o600) == 0)
        let declare = try run(
            runner, ["declare", "--severity", "SEV2", "--title", "x", "--now", "2025-11-21T10:00:00Z"])
        #expect(declare.status != 137, "declare hung on the FIFO")
        #expect(declare.status != 0)
        #expect(declare.stderr.contains("not a regular file (FIFO)"), "\(declare.stderr)")
    }
}

/// `truncate -s 16G` of the journal a console follows froze keys and clock for minutes: the
/// loop read the zeros in one pass. Now a key is answered while the file is that size.
@Suite("Sparse growth under a running console", .serialized)
struct SparseGrowthConsoleTests {
    @Test func keysAreAnsweredWhileAFollowedFileGrowsSparseBySixteenGigabytes() throws {
        let root = try FaultRoot()
        defer { root.cleanUp() }
        let tmux = try root.console(extra: "--no-inotify")
        defer { tmux.send("q") }
        #expect(tmux.waitFor("Incidents (1)").0)
        #expect(truncate(root.journalPath, off_t(Int64(16) << 30)) == 0)
        // Let a stat pass find the growth before the key is sent.
        Thread.sleep(forTimeInterval: 1.5)
        tmux.send("?")
        let (help, screen) = tmux.waitFor("closes help", timeout: 10)
        #expect(help, "\(screen)")
        tmux.send("x")
        let (closed, after) = tmux.waitFor("Incidents (1)", timeout: 10)
        #expect(closed, "\(after)")
    }
}
