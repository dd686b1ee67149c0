import Foundation
import IncidentKit
import Testing

/// One fixture root per seed runbook, each reproducing an incident with the seed's own
/// triggers and severities, checked through the real binary at a fixed `--now`.
@Suite("Seed fixtures")
struct SeedFixtureTests {
    private func incident(_ status: JSONValue, _ id: String) throws -> JSONValue {
        try #require(status["incidents"]?.arrayValue?.first { $0["id"]?.stringValue == id })
    }

    private func timer(_ incident: JSONValue, _ name: String) throws -> JSONValue {
        try #require(incident["timers"]?.arrayValue?.first { $0["name"]?.stringValue == name })
    }

    private func detectors(_ status: JSONValue) -> [String] {
        status["signals"]?.arrayValue?.compactMap { $0["detector"]?.stringValue } ?? []
    }

    private func check(_ runner: SitrepRunner, now: String, policy: String?) throws -> SitrepRunner.Output {
        try runner.run(["check", "--now", now] + (policy.map { ["--policy", $0] } ?? []))
    }

    @Test("Pilot Operations Playbook: SEV-1 past its mitigation SLA, escalation to the community call overdue")
    func pilotPlaybook() throws {
        let runner = try SitrepRunner(fixture: "pilot-playbook")
        defer { runner.cleanUp() }
        let now = "2025-11-21T11:05:00Z"
        let status = try runner.status(now: now, policy: "pilot-playbook")
        #expect(status["policy"]?.stringValue == "pilot-playbook")
        #expect(status["incidents"]?.count == 1)
        let sev1 = try incident(status, "INC-20251121-0001")
        #expect(sev1["severity"]?.stringValue == "SEV-1")  // written as "pilot:sev1"
        #expect(sev1["state"]?.stringValue == "acknowledged")
        #expect(sev1["acked_by"]?.stringValue == "@albot-dev")  // the later duplicate ack does not win
        #expect(sev1["acked_at"]?.stringValue == "2025-11-21T10:10:00Z")
        #expect(try timer(sev1, "ack")["state"]?.stringValue == "met")
        #expect(try timer(sev1, "ack")["remaining_s"]?.intValue == 300)
        #expect(try timer(sev1, "mitigate")["state"]?.stringValue == "breached")
        #expect(try timer(sev1, "mitigate")["remaining_s"]?.intValue == -300)
        // The update at 10:40 restarted the hourly status-update clock (its duplicate is ignored).
        #expect(try timer(sev1, "update")["due"]?.stringValue == "2025-11-21T11:40:00Z")
        #expect(try timer(sev1, "update")["state"]?.stringValue == "pending")
        #expect(sev1["escalation"]?["level"]?.intValue == 1)
        #expect(sev1["escalation"]?["due_level"]?.intValue == 3)
        #expect(sev1["escalation"]?["next_level_at"] == .null)
        #expect(sev1["journal"]?.stringValue == "incidents/incident_events.jsonl")
        #expect(
            detectors(status) == [
                "node_unhealthy", "heartbeat_stale", "uptime_ratio", "smoke_step_failing", "pilot_readiness",
            ])
        let smoke = try #require(
            status["signals"]?.arrayValue?.first { $0["detector"]?.stringValue == "smoke_step_failing" })
        #expect(smoke["subject"]?.stringValue == "fairness")
        let nodes = status["nodes"]?.arrayValue ?? []
        #expect(nodes.count == 4)
        #expect(nodes.first { $0["id"]?.stringValue == "vol-3" }?["stale"] == .bool(true))
        #expect(nodes.first { $0["id"]?.stringValue == "pilot-main" }?["health"]?.stringValue == "unhealthy")

        let result = try check(runner, now: now, policy: "pilot-playbook")
        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("SITREP CRITICAL - "))
        #expect(result.stdout.contains("mitigate breached"))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test("Incident Runbook: SEV0 at L2 with L3 next, SEV2 response in Berlin business hours over the weekend")
    func incidentRunbook() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let now = "2025-11-21T16:10:00Z"
        let status = try runner.status(now: now)  // incident-runbook is the default policy
        #expect(status["policy"]?.stringValue == "incident-runbook")
        let ids = status["incidents"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(ids == ["INC-20251121-0008", "INC-20251121-0007"])  // SEV0 before SEV2
        let sev0 = try incident(status, "INC-20251121-0008")
        #expect(sev0["severity"]?.stringValue == "SEV0")  // written as "sev0"
        #expect(sev0["journal"]?.stringValue == "results/runs/deal-pilot/incident_events.jsonl")
        #expect(try timer(sev0, "respond")["state"]?.stringValue == "met")
        #expect(sev0["escalation"]?["level"]?.intValue == 2)
        #expect(sev0["escalation"]?["due_level"]?.intValue == 2)
        #expect(sev0["escalation"]?["next_level_at"]?.stringValue == "2025-11-21T16:30:00Z")
        let sev2 = try incident(status, "INC-20251121-0007")
        #expect(sev2["state"]?.stringValue == "open")
        #expect(sev2["acked_by"] == .null)
        let respond = try timer(sev2, "respond")
        #expect(respond["due"]?.stringValue == "2025-11-24T11:00:00Z")
        #expect(respond["state"]?.stringValue == "pending")
        #expect(respond["remaining_s"]?.intValue == 240_600)
        #expect(detectors(status) == ["reconciliation_mismatch_streak"])
        #expect(status["signals"]?[0]?["since"]?.stringValue == "2025-11-21T15:25:00Z")

        let result = try check(runner, now: now, policy: nil)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("SITREP WARNING - "))
        #expect(result.stdout.contains("INC-20251121-0007 SEV2 unacknowledged"))
    }

    @Test("RB-LAUNCH-002: P1 rolled back in time but unresolved at 30 minutes, P2 past its triage window")
    func launchRollback() throws {
        let runner = try SitrepRunner(fixture: "launch-rollback")
        defer { runner.cleanUp() }
        let now = "2025-11-21T09:35:00Z"
        let status = try runner.status(now: now, policy: "launch-rollback")
        let p1 = try incident(status, "INC-20251121-0101")
        #expect(p1["state"]?.stringValue == "mitigated")
        #expect(try timer(p1, "mitigate")["state"]?.stringValue == "met")
        #expect(try timer(p1, "mitigate")["remaining_s"]?.intValue == 60)
        #expect(try timer(p1, "resolve")["state"]?.stringValue == "breached")
        #expect(p1["escalation"]?["next_level_at"]?.stringValue == "2025-11-21T10:00:00Z")
        let p2 = try incident(status, "INC-20251121-0102")
        #expect(p2["severity"]?.stringValue == "P2")
        #expect(try timer(p2, "triage")["due"]?.stringValue == "2025-11-21T09:30:00Z")
        #expect(try timer(p2, "triage")["state"]?.stringValue == "breached")
        let breach = try #require(status["signals"]?[0])
        #expect(breach["detector"]?.stringValue == "slo_breach")
        #expect(breach["severity"]?.stringValue == "P2")  // the event's "major" through the alias
        #expect(breach["subject"]?.stringValue == "phase6/p95_latency_s")

        let result = try check(runner, now: now, policy: "launch-rollback")
        #expect(result.status == 2)
        #expect(result.stdout.contains("triage breached"))
    }

    @Test("Operations Runbook: critical acknowledged inside 15 minutes with incident_ack.py fields, SLO signals")
    func tradingOps() throws {
        let runner = try SitrepRunner(fixture: "trading-ops")
        defer { runner.cleanUp() }
        let now = "2025-11-21T10:30:00Z"
        let status = try runner.status(now: now, policy: "trading-ops")
        let critical = try incident(status, "paper-2025-11-21-recon-1")
        #expect(critical["state"]?.stringValue == "acknowledged")
        #expect(critical["acked_by"]?.stringValue == "oncall-bob")
        #expect(try timer(critical, "ack")["state"]?.stringValue == "met")
        #expect(critical["escalation"]?["due_level"]?.intValue == 1)
        let warning = try incident(status, "paper-2025-11-21-pos-2")
        #expect(warning["timers"]?.count == 0)
        #expect(
            detectors(status) == [
                "reconciliation_mismatch_streak", "data_stale", "reconciliation_pass_rate", "reconciliation_pass_rate",
                "kill_switch", "slo_breach", "audit_event",
            ])
        let streak = try #require(status["signals"]?[0])
        #expect(streak["severity"]?.stringValue == "critical")
        #expect(streak["since"]?.stringValue == "2025-11-21T09:50:00Z")
        // data_quality_latest.json (10:28) is newer than the last event (10:25, no stale warnings).
        #expect(status["signals"]?[1]?["message"]?.stringValue?.contains("2 stale-data") == true)

        let result = try check(runner, now: now, policy: "trading-ops")
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("SITREP WARNING - "))
    }

    @Test("Pilot Rollback Plan: the root's own policy file, 5-minute restore target breached, L2 due")
    func pilotRollbackWithRootPolicy() throws {
        let runner = try SitrepRunner(fixture: "pilot-rollback")
        defer { runner.cleanUp() }
        let now = "2025-11-21T14:08:00Z"
        let status = try runner.status(now: now)
        #expect(status["policy"]?.stringValue == "pilot-rollback")
        let incident = try incident(status, "INC-20251121-0003")
        #expect(incident["severity"]?.stringValue == "emergency")
        #expect(try timer(incident, "restore")["state"]?.stringValue == "breached")
        #expect(try timer(incident, "restore")["remaining_s"]?.intValue == -180)
        #expect(incident["escalation"]?["due_level"]?.intValue == 2)
        #expect(incident["escalation"]?["next_level_at"]?.stringValue == "2025-11-21T14:15:00Z")
        #expect(detectors(status) == ["kill_switch", "node_unhealthy"])

        let result = try check(runner, now: now, policy: nil)
        #expect(result.status == 2)
        #expect(result.stdout.contains("escalation overdue (L1, due L2)"))
    }

    @Test("status --json has exactly the documented keys")
    func schema() throws {
        let runner = try SitrepRunner(fixture: "trading-ops")
        defer { runner.cleanUp() }
        let status = try runner.status(now: "2025-11-21T10:30:00Z", policy: "trading-ops")
        #expect(status.objectValue?.keys == ["now", "root", "policy", "incidents", "signals", "nodes", "warnings"])
        #expect(
            status["incidents"]?[0]?.objectValue?.keys == [
                "id", "severity", "title", "state", "opened_at", "acked_by", "acked_at", "escalation", "timers",
                "journal",
            ])
        #expect(status["incidents"]?[0]?["escalation"]?.objectValue?.keys == ["level", "due_level", "next_level_at"])
        #expect(status["incidents"]?[0]?["timers"]?[0]?.objectValue?.keys == ["name", "due", "remaining_s", "state"])
        #expect(status["signals"]?[0]?.objectValue?.keys == ["detector", "subject", "severity", "message", "since"])
        #expect(status["now"]?.stringValue == "2025-11-21T10:30:00Z")
        #expect(
            status["root"]?.stringValue == runner.root.resolvingSymlinksInPath().path
                || status["root"]?.stringValue == runner.root.path)
    }
}
