import Foundation
import Testing

@testable import IncidentKit

@Suite("Rollback timings")
struct RollbackTimingsTests {
    typealias Fields = [(key: String, value: JSONValue)]

    static func step(_ run: String, _ id: String, _ status: String, elapsed: Double, verification: String? = nil)
        -> Fields
    {
        var fields: Fields = [
            ("run_id", .string(run)), ("step", .string(id)), ("status", .string(status)),
            ("budget_s", .number(60)), ("elapsed_s", .number(elapsed)),
        ]
        if let verification { fields.append(("verification", .string(verification))) }
        return fields
    }

    @Test(
        "the fixture's real run: detect 2m, initiate 8m, complete 16m12s over its 15m target, verify 3m20s, recover inside the 30m RTO"
    )
    func fixtureRun() throws {
        let incident = try ReportFixture.incident("INC-20251121-0042")
        let policy = try ReportFixture.policy()
        let timings = try #require(RollbackTimings(incident: incident, recoveryObjective: policy.recoveryObjective))
        #expect(timings.run.runID == "RB-0000a001")  // the later drill is not the default
        #expect(timings.detect.seconds == 120)
        #expect(timings.detect.span?.from == "impact_start")
        #expect(timings.initiate.seconds == 480)
        #expect(timings.complete.seconds == 972)
        let target = try #require(timings.complete.comparisons.first)
        #expect(target.limit == .runbookTarget && target.limitSeconds == 900)
        #expect(!target.met && target.marginSeconds == -72)
        // verify-pilot: 200 s ending at 10:13:02.
        #expect(timings.verify.seconds == 200)
        #expect(timings.verify.span?.end == PolicyFixtures.at("2025-11-21T10:13:02Z"))
        // 09:50:00 → 10:13:02 against the launch-rollback policy's 30 minutes.
        #expect(timings.recovery.seconds == 1382)
        let rto = try #require(timings.recovery.comparisons.first)
        #expect(rto.limit == .recoveryObjective && rto.met && rto.marginSeconds == 418)

        #expect(timings.steps.count == 12)
        #expect(timings.overruns.map(\.step) == ["restrict-scope", "verify-pilot"])
        #expect(timings.overruns.map(\.overrunSeconds) == [30, 20])
        #expect(
            timings.steps.filter { $0.status == "skipped" }.map(\.step) == ["backup", "scale-down", "revert-schema"])
        #expect(timings.steps.first { $0.step == "verify-pilot" }?.reason?.hasPrefix("Gate 5") == true)
        #expect(
            RollbackTimings.line(timings.complete)
                == "Time to complete: 16m12s (missed, 1m12s over runbook target 15m00s)")
    }

    @Test("a drill run by id: its own clock, and no borrowed verification from the incident's mitigation")
    func drillRun() throws {
        let incident = try ReportFixture.incident("INC-20251121-0042")
        let timings = try #require(
            RollbackTimings(incident: incident, runID: "RB-0000d001", recoveryObjective: .init(seconds: 1800)))
        #expect(timings.run.drill)
        #expect(timings.complete.seconds == 60)
        #expect(timings.complete.comparisons.first?.met == true)
        #expect(timings.verify.span == nil)
        #expect(timings.recovery.span?.to == "rollback_completed")
        #expect(RollbackTimings(incident: incident, runID: "RB-nope", recoveryObjective: nil) == nil)
        #expect(
            RollbackTimings(incident: try ReportFixture.incident("INC-20251121-0043"), recoveryObjective: nil) == nil)
    }

    @Test(
        "no onset and no verification step: detect not recorded, verify runs to the mitigation, recovery from the open")
    func fallbacks() throws {
        let incident = try ReportFixture.incident([
            (JournalEventType.open, "2025-11-21T10:00:00Z", [("severity", .string("P1"))]),
            (
                JournalEventType.rollbackStarted, "2025-11-21T10:02:00Z",
                [("run_id", .string("RB-1")), ("target_s", .number(300))]
            ),
            (JournalEventType.rollbackStep, "2025-11-21T10:03:00Z", Self.step("RB-1", "a", "done", elapsed: 60)),
            (JournalEventType.rollbackCompleted, "2025-11-21T10:03:00Z", [("run_id", .string("RB-1"))]),
            (JournalEventType.mitigated, "2025-11-21T10:05:30Z", []),
        ])
        let timings = try #require(RollbackTimings(incident: incident, recoveryObjective: nil))
        #expect(timings.detect.span == nil)
        #expect(RollbackTimings.line(timings.detect).hasPrefix("Time to detect: not recorded (no onset"))
        #expect(timings.initiate.seconds == 120)
        #expect(timings.complete.seconds == 60)
        #expect(timings.complete.comparisons.first?.marginSeconds == 240)
        #expect(timings.verify.seconds == 150)
        #expect(timings.verify.span?.to == "incident_mitigated")
        #expect(timings.recovery.seconds == 330)
        #expect(timings.recovery.comparisons.isEmpty)  // the policy names no objective here
    }

    @Test("an aborted run has no completion; back events leave each step's final record and count the backs")
    func abortedAndBack() throws {
        let incident = try ReportFixture.incident([
            (JournalEventType.open, "2025-11-21T10:00:00Z", [("severity", .string("P1"))]),
            (JournalEventType.rollbackStarted, "2025-11-21T10:01:00Z", [("run_id", .string("RB-2"))]),
            (JournalEventType.rollbackStep, "2025-11-21T10:02:00Z", Self.step("RB-2", "a", "done", elapsed: 60)),
            (JournalEventType.rollbackStep, "2025-11-21T10:02:30Z", Self.step("RB-2", "b", "back", elapsed: 30)),
            (JournalEventType.rollbackStep, "2025-11-21T10:03:00Z", Self.step("RB-2", "a", "done", elapsed: 90)),
            (
                JournalEventType.rollbackStep, "2025-11-21T10:04:30Z",
                Self.step("RB-2", "b", "done", elapsed: 120, verification: "passed")
            ),
            (
                JournalEventType.rollbackStep, "2025-11-21T10:04:50Z",
                Self.step("RB-2", "c", "skipped", elapsed: 20, verification: "not_run")
            ),
            (
                JournalEventType.rollbackAborted, "2025-11-21T10:05:00Z",
                [("run_id", .string("RB-2")), ("step", .string("c")), ("reason", .string("NO-GO"))]
            ),
        ])
        let timings = try #require(RollbackTimings(incident: incident, recoveryObjective: nil))
        #expect(
            timings.run.outcome == .aborted(at: PolicyFixtures.at("2025-11-21T10:05:00Z"), step: "c", reason: "NO-GO"))
        #expect(timings.complete.span == nil && timings.complete.missing == "the run was aborted")
        #expect(timings.steps.map(\.step) == ["a", "b", "c"])
        #expect(timings.steps.map(\.elapsedSeconds) == [90, 120, 20])
        #expect(timings.steps.map(\.backs) == [0, 1, 0])
        #expect(timings.steps[0].overrunSeconds == 30)
        // b's verification ran (the run stopped later); c's was skipped and does not count.
        #expect(timings.verify.seconds == 120)
    }
}
