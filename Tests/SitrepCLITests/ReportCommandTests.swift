import Foundation
import IncidentKit
import Testing

@Suite("sitrep report")
struct ReportCommandTests {
    static let args = ["--policy", "launch-rollback", "--now", "2025-11-21T12:00:00Z"]

    @Test("prints the report of the fixture incident to stdout and writes nothing")
    func stdout() throws {
        let runner = try SitrepRunner(fixture: "report-incident")
        defer { runner.cleanUp() }
        let before = runner.snapshot()
        let result = try runner.run(["report", "0042"] + Self.args)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# Incident report: INC-20251121-0042 — Mass failure across expanded repos\n"))
        #expect(result.stdout.contains("| Time to detect | 2m00s | impact_start → incident_open | — |"))
        #expect(result.stdout.contains("| Time to initiate | 8m00s | incident_open → rollback_started | — |"))
        #expect(result.stdout.contains("missed, 1m12s over runbook target 15m00s"))
        #expect(result.stdout.contains("### Run RB-0000d001 — Rollback to pilot scope (RB-LAUNCH-002) — DRILL"))
        #expect(result.stdout.contains("- [ ] Weekly status report includes incident summary and current risk status."))
        #expect(runner.snapshot() == before)
    }

    @Test("--output writes the same report atomically, nothing on stdout")
    func output() throws {
        let runner = try SitrepRunner(fixture: "report-incident")
        defer { runner.cleanUp() }
        let printed = try runner.run(["report", "INC-20251121-0042"] + Self.args)
        let file = runner.root.appendingPathComponent("out/report.md").path
        let written = try runner.run(["report", "INC-20251121-0042", "--output", file] + Self.args)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(runner.read("out/report.md") == printed.stdout)
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: runner.root.appendingPathComponent("out").path)
        #expect(leftovers == ["report.md"])
    }

    @Test("an unknown incident: message on stderr, exit 1, no file")
    func unknown() throws {
        let runner = try SitrepRunner(fixture: "report-incident")
        defer { runner.cleanUp() }
        let before = runner.snapshot()
        let file = runner.root.appendingPathComponent("nope.md").path
        let result = try runner.run(["report", "INC-404", "--output", file] + Self.args)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no incident \"INC-404\""))
        #expect(runner.snapshot() == before)
    }
}
