import Foundation
import Testing

@testable import IncidentKit

/// The wizard's fold (`RollbackRun`) and the report's (`RecordedRollbackRun`) read step and
/// command events through the same records, so they agree on what a run did.
@Suite("Rollback run records")
struct RollbackRunRecordsTests {
    @Test("the wizard and the report read the fixture's runs to the same step and command records")
    func bothFoldsAgree() throws {
        let incident = try ReportFixture.incident("INC-20251121-0042")
        let wizard = RollbackRun.runs(of: incident)
        let report = RecordedRollbackRun.runs(of: incident)
        #expect(wizard.map(\.id) == report.map(\.runID))
        #expect(wizard.map(\.steps.count) == [12, 2])
        #expect(wizard.map(\.steps) == report.map(\.steps))
        #expect(wizard.map(\.commands) == report.map(\.commands))
        let verify = try #require(report[0].commands.last)
        #expect(verify.step == "verify-pilot" && verify.isVerification && verify.exitCode == 1)
        #expect(verify.argv.first == "sh" && verify.startedAt == PolicyFixtures.at("2025-11-21T10:12:40Z"))
    }

    @Test(
        "without elapsed_s the wizard counts from its previous position, the report says not recorded; a step event without a known status is left out of both but stays on the timeline"
    )
    func foreignEvents() throws {
        let run: [(key: String, value: JSONValue)] = [("run_id", .string("RB-9")), ("runbook", .string("rb"))]
        let incident = try ReportFixture.incident([
            (JournalEventType.open, "2025-11-21T10:00:00Z", [("severity", .string("P1"))]),
            (JournalEventType.rollbackStarted, "2025-11-21T10:01:00Z", run + [("step", .string("a"))]),
            (
                JournalEventType.rollbackStep, "2025-11-21T10:01:45Z",
                run + [("step", .string("a")), ("status", .string("done")), ("next_step", .string("b"))]
            ),
            (JournalEventType.rollbackStep, "2025-11-21T10:02:00Z", run + [("step", .string("b"))]),
            (
                JournalEventType.rollbackStep, "2025-11-21T10:02:10Z",
                run + [("step", .string("b")), ("status", .string("retried"))]
            ),
            (
                JournalEventType.rollbackCommand, "2025-11-21T10:02:30Z",
                run + [
                    ("step", .string("b")), ("command", .string("true")), ("exit_code", .number(0)),
                    ("started_at", .number(1_763_719_348)),
                ]
            ),
        ])
        let wizard = try #require(RollbackRun.runs(of: incident).first)
        #expect(wizard.steps.map(\.elapsedSeconds) == [45])
        #expect(wizard.currentStep == "b" && wizard.transitions == 1)
        let report = try #require(RecordedRollbackRun.runs(of: incident).first)
        #expect(report.steps.map(\.elapsedSeconds) == [nil])
        #expect(report.commands.map(\.startedAt) == [PolicyFixtures.at("2025-11-21T10:02:28Z")])
        #expect(wizard.commands == report.commands)
        let timeline = IncidentReportTimeline.table(incident)
        #expect(timeline.contains { $0.contains("run RB-9 step b: retried") })
        #expect(timeline.contains { $0.contains("run RB-9 step b: done") })  // no status: shown as before
    }
}
