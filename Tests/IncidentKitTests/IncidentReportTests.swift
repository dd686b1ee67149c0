import Foundation
import Testing

@testable import IncidentKit

@Suite("Incident report")
struct IncidentReportTests {
    static func report(_ id: String, root: String = ReportFixture.root) throws -> IncidentReport {
        IncidentReport(
            incident: try ReportFixture.incident(id, root: root), policy: try ReportFixture.policy(),
            now: ReportFixture.now, root: root)
    }

    /// The lines of one `## ` section, without its heading.
    static func section(_ markdown: String, _ title: String) -> [String] {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "## \(title)") else { return [] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
        return Array(lines[(start + 1)..<end])
    }

    @Test("the sections of the seeds' incident log and RCA templates, in order")
    func sections() throws {
        let markdown = try Self.report("INC-20251121-0042").markdown()
        let headings = markdown.components(separatedBy: "\n").filter { $0.hasPrefix("## ") }
        #expect(
            headings == [
                "## Summary", "## Description", "## Impact", "## Timeline (UTC)", "## Root cause", "## Resolution",
                "## Rollback runs", "## Commands run", "## Prevention and follow-ups",
                "## Closure checklist (Pilot Operations Playbook)",
            ])
        #expect(markdown.hasPrefix("# Incident report: INC-20251121-0042 — Mass failure across expanded repos\n"))
        let summary = Self.section(markdown, "Summary")
        #expect(summary.contains("| Acknowledged | 2025-11-21T09:53:30Z by alice |"))
        #expect(summary.contains("| Resolved | 2025-11-21T10:45:00Z by alice |"))
        #expect(summary.contains("| Resolution time | 53m00s |"))
        #expect(summary.contains("| Severity | P1 — Immediate rollback |"))
        #expect(Self.section(markdown, "Impact").contains { $0.hasPrefix("12 expanded repos failed") })
        #expect(Self.section(markdown, "Root cause").first { !$0.isEmpty }?.hasPrefix("The 09:45 config push") == true)
        // Not in the journal: said, not invented.
        let prevention = Self.section(markdown, "Prevention and follow-ups")
        #expect(prevention.filter { $0 == "_not recorded_" }.count == 2)  // prevention, lessons learned
        #expect(prevention.contains("- [ ] canary the config push on one repo before fan-out"))
    }

    @Test("the timeline has one UTC row per journal event, the drill's marked")
    func timeline() throws {
        let report = try Self.report("INC-20251121-0042")
        let rows = Self.section(report.markdown(), "Timeline (UTC)").filter { $0.hasPrefix("| 2025-") }
        #expect(rows.count == report.incident.timeline.count)
        #expect(rows.count == 28)
        #expect(rows.first?.hasPrefix("| 2025-11-21T09:52:00Z | incident_open | alice |") == true)
        #expect(rows.filter { $0.contains("DRILL run RB-0000d001") }.count == 5)
        #expect(rows.contains { $0.contains("step backup: skipped (5s of 5m00s), reason: Backups taken") })
    }

    @Test(
        "runs: timings against target and RTO, the step table with skips, the override and overruns, the drill marked")
    func runs() throws {
        let markdown = try Self.report("INC-20251121-0042").markdown()
        let runs = Self.section(markdown, "Rollback runs")
        #expect(runs.contains("### Run RB-0000a001 — Rollback to pilot scope (RB-LAUNCH-002)"))
        #expect(runs.contains("### Run RB-0000d001 — Rollback to pilot scope (RB-LAUNCH-002) — DRILL"))
        #expect(runs.contains { $0.hasPrefix("> **Drill run:**") })
        #expect(
            runs.contains(
                "| Time to complete | 16m12s | rollback_started → rollback_completed | missed, 1m12s over runbook target 15m00s |"
            ))
        #expect(
            runs.contains(
                "| Time to recover | 23m02s | impact_start → step verify-pilot failed | met, 6m58s under recovery objective 30m00s |"
            ))
        #expect(
            runs.contains {
                $0.hasPrefix("| 4 | backup: ") && $0.contains("| skipped |") && $0.contains("Backups taken")
            })
        #expect(runs.contains { $0.hasPrefix("| 5 | restrict-scope: ") && $0.contains("| 2m00s | 2m30s | **+30s** |") })
        #expect(
            runs.contains {
                $0.hasPrefix("| 9 | verify-pilot: ") && $0.contains("failed (verification overridden)")
                    && $0.contains("| failed |") && $0.contains("known-flaky lint gate")
            })
    }

    @Test("commands: exit codes, evidence paths (a missing file said so), drill commands not run")
    func commands() throws {
        let rows = Self.section(try Self.report("INC-20251121-0042").markdown(), "Commands run").filter {
            $0.hasPrefix("| RB-")
        }
        #expect(rows.count == 4)
        #expect(
            rows[0]
                == "| RB-0000a001 | confirm | `kubectl logs deployment/flowengine --tail=100 \\| grep \"ERROR\\\\|CRITICAL\"` | 0 | 3s | `results/runs/r7/evidence/INC-20251121-0042-RB-0000a001-confirm-1.log` |"
        )
        #expect(rows[1].hasSuffix("restrict-scope-1.log` (missing on disk) |"))
        #expect(rows[2].contains("(verification) | 1 | 10s |"))
        #expect(rows[3].hasPrefix("| RB-0000d001 (drill) | confirm |") && rows[3].contains("| not run (drill) |"))
    }

    @Test("closure checklist: the full incident misses only the status report; the bare one misses everything")
    func closure() throws {
        let full = try Self.report("INC-20251121-0042")
        #expect(full.checklist.items.map(\.done) == [true, true, false])
        let lines = Self.section(full.markdown(), "Closure checklist (Pilot Operations Playbook)")
        #expect(lines.contains("- [x] Incident issue includes timeline, impact, root cause, and mitigation."))
        #expect(lines.contains("- [x] Follow-up issue(s) created for preventive actions."))
        #expect(lines.contains("- [ ] Weekly status report includes incident summary and current risk status."))
        #expect(lines.contains("2 of 3 items done; missing: status report."))

        let bare = try Self.report("INC-20251121-0043")
        #expect(bare.checklist.items.map(\.done) == [false, false, false])
        let timeline = try #require(bare.checklist.items[0].checks.first)
        #expect(timeline.missing == "timeline incomplete: no acknowledgment; not resolved")
        let markdown = bare.markdown()
        #expect(
            markdown.contains(
                "0 of 3 items done; missing: timeline, impact, root cause, mitigation, follow-ups, status report."))
        #expect(Self.section(markdown, "Impact").contains("_not recorded_"))
        #expect(Self.section(markdown, "Rollback runs").contains("No rollback run recorded."))
    }

    @Test("journal text cannot break the table or reach a terminal raw")
    func hostileText() throws {
        let incident = try ReportFixture.incident([
            (
                JournalEventType.open, "2025-11-21T10:00:00Z",
                [("severity", .string("P1")), ("title", .string("a|b\u{1B}[2Jc\nd\u{202E}e"))]
            )
        ])
        let markdown = IncidentReport(incident: incident, policy: try ReportFixture.policy(), now: ReportFixture.now)
            .markdown()
        #expect(!markdown.contains("\u{1B}") && !markdown.contains("\u{202E}"))
        #expect(markdown.contains("| Title | a\\|b\u{241B}[2Jc d\u{2426}e |"))
    }

    @Test("write puts the report beside the journal and returns its path; an id cannot climb out")
    func write() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ReportFixture.root), to: scratch)
        let incident = try ReportFixture.incident("INC-20251121-0042", root: scratch.path)
        let path = try IncidentReport.write(
            incident: incident, policy: try ReportFixture.policy(), root: scratch.path, now: ReportFixture.now)
        #expect(path == "results/runs/r7/reports/INC-20251121-0042.md")
        let written = try String(contentsOf: scratch.appendingPathComponent(path), encoding: .utf8)
        #expect(written == (try Self.report("INC-20251121-0042", root: scratch.path).markdown()))

        var odd = incident
        odd.id = "../../etc/x"
        odd.journal = "incidents/incident_events.jsonl"
        #expect(IncidentReport.defaultPath(for: odd) == "incidents/reports/_._.._etc_x.md")
    }
}
