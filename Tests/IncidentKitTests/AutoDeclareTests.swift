import Foundation
import Testing

@testable import IncidentKit

@Suite("Auto-declare")
struct AutoDeclareTests {
    func signal(since: Date?) -> Signal {
        Signal(
            detector: .reconciliationMismatchStreak, subject: "r7/orders", severity: "SEV1",
            message: "3 consecutive mismatches",
            since: since, evidence: [Evidence(path: "results/runs/r7/order_reconciliation_events.jsonl", line: 9)],
            autoDeclare: true)
    }

    @Test("the incident id depends only on detector, subject and start, so consoles agree")
    func deterministicID() {
        let t = Timestamp.parse("2025-11-21T10:00:00Z")!
        let a = signal(since: t).incidentID
        #expect(a == signal(since: t).incidentID)
        #expect(a.hasPrefix("AUTO-20251121-"))
        #expect(a.count == "AUTO-20251121-".count + 6)
        #expect(a != signal(since: t.addingTimeInterval(60)).incidentID)
        var other = signal(since: t)
        other.subject = "r8/orders"
        #expect(a != other.incidentID)
    }

    @Test("a signal's run is found where the root's profile keeps runs, not only under results/runs")
    func runUnderProfileRuns() {
        var s = signal(since: nil)
        #expect(s.runID(under: "results/runs") == "r7")
        #expect(s.runID(under: "var/sessions") == nil)
        s.evidence = [Evidence(path: "var/sessions/s42/order_reconciliation_events.jsonl", line: 1)]
        #expect(s.runID(under: "var/sessions") == "s42")
        #expect(s.runID(under: "results/runs") == nil)
    }

    @Test("declaring the same signal twice, as two consoles would, opens one incident in the run's journal")
    func declaredOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-auto-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let policy = try BuiltinPolicies.policy(named: "incident-runbook")!
        let now = Timestamp.parse("2025-11-21T10:05:00Z")!
        let s = signal(since: Timestamp.parse("2025-11-21T10:00:00Z")!)
        // Both consoles still believe no such incident exists.
        let first = IncidentActions(root: root, policy: policy, now: now, incidents: { [] })
        let second = IncidentActions(root: root, policy: policy, now: now.addingTimeInterval(1), incidents: { [] })
        #expect(try first.autoDeclare(s, by: "alice") == s.incidentID)
        #expect(try second.autoDeclare(s, by: "bob") == nil)
        let journal = try String(contentsOfFile: root + "/results/runs/r7/incident_events.jsonl", encoding: .utf8)
        let lines = journal.split(separator: "\n")
        #expect(lines.count == 1)
        let record = try JSONParser.parse(String(lines[0]))
        #expect(record["incident_id"]?.stringValue == s.incidentID)
        #expect(record["source"]?.stringValue == "detector:reconciliation_mismatch_streak")
        #expect(record["subject"]?.stringValue == "r7/orders")
        #expect(record["event_id"]?.stringValue == "open:\(s.incidentID)")
        #expect(record["severity"]?.stringValue == "SEV1")
    }
}
