import Foundation
import IncidentKit
import Testing

@Suite("Journal commands")
struct CommandTests {
    let now = "2025-11-21T16:10:00Z"

    @Test("ack writes the incident_ack.py fields to the journal the incident was opened in")
    func ackGoesToTheIncidentsJournal() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let journal = "incidents/incident_events.jsonl"
        let before = runner.lines(journal).count
        let result = try runner.run([
            "ack", "INC-20251121-0007", "--by", "dave", "--notes", "looking at slow queries", "--now", now,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("INC-20251121-0007 acknowledged by dave"))
        let lines = runner.lines(journal)
        #expect(lines.count == before + 1)
        let record = try #require(try JSONParser.parse(lines.last!).objectValue)
        #expect(record.keys == ["event_type", "incident_id", "ack_by", "notes", "ts", "event_id", "host"])
        #expect(record["event_type"]?.stringValue == "incident_ack")
        #expect(record["incident_id"]?.stringValue == "INC-20251121-0007")
        #expect(record["ack_by"]?.stringValue == "dave")
        #expect(record["notes"]?.stringValue == "looking at slow queries")
        #expect(record["ts"]?.stringValue == now)
        #expect((record["event_id"]?.stringValue?.count ?? 0) >= 16)
        // The run journal of the other incident was not touched.
        #expect(runner.lines("results/runs/deal-pilot/incident_events.jsonl").count == 4)

        let status = try runner.status(now: now)
        let acked = status["incidents"]?.arrayValue?.first { $0["id"]?.stringValue == "INC-20251121-0007" }
        #expect(acked?["state"]?.stringValue == "acknowledged")
        #expect(acked?["timers"]?[0]?["state"]?.stringValue == "met")
    }

    @Test("a second acknowledgment writes nothing and says who acknowledged and when")
    func secondAckWritesNothing() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let before = runner.snapshot()
        let result = try runner.run(["ack", "INC-20251121-0008", "--by", "eve", "--now", now])
        #expect(result.status == 0)
        #expect(result.stdout.contains("already acknowledged by alice at 2025-11-21T15:40:00Z"))
        #expect(runner.snapshot() == before)
    }

    @Test("the operator name comes from SITREP_USER when --by is absent")
    func operatorNameFromEnvironment() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let result = try runner.run(["ack", "0007", "--now", now], environment: ["SITREP_USER": "frank"])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try JSONParser.parse(runner.lines("incidents/incident_events.jsonl").last!)
        #expect(record["ack_by"]?.stringValue == "frank")
        #expect(record["incident_id"]?.stringValue == "INC-20251121-0007")  // a unique suffix names it
    }

    @Test("declare, update, escalate, mitigate and resolve walk an incident through its life")
    func lifecycle() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let declared = try runner.run([
            "declare", "--severity", "sev-1", "--title", "Ledger mismatch on run r7", "--run-id", "r7", "--now",
            "2025-11-21T10:00:00Z",
        ])
        #expect(declared.status == 0, "\(declared.stderr)")
        #expect(declared.stdout.contains("INC-20251121-0001 opened as SEV1"))
        let second = try runner.run([
            "declare", "--severity", "SEV3", "--title", "Typo", "--now", "2025-11-21T10:01:00Z",
        ])
        #expect(second.stdout.contains("INC-20251121-0002"))
        #expect(runner.lines("incidents/incident_events.jsonl").count == 1)

        let id = "INC-20251121-0001"
        #expect(try runner.run(["ack", id, "--now", "2025-11-21T10:05:00Z"]).status == 0)
        #expect(
            try runner.run(["update", id, "--message", "broker session restarted", "--now", "2025-11-21T10:20:00Z"])
                .status == 0)
        #expect(
            try runner.run([
                "escalate", id, "--level", "2", "--reason", "needs an engineer", "--now", "2025-11-21T10:30:00Z",
            ]).status == 0)
        #expect(
            try runner.run(["mitigate", id, "--notes", "entries halted", "--now", "2025-11-21T10:40:00Z"]).status == 0)
        #expect(
            try runner.run(["resolve", id, "--root-cause", "stale broker session", "--now", "2025-11-21T11:00:00Z"])
                .status == 0)

        let types = runner.lines("results/runs/r7/incident_events.jsonl").compactMap {
            try? JSONParser.parse($0)["event_type"]?.stringValue
        }
        #expect(
            types == [
                "incident_open", "incident_ack", "incident_update", "incident_escalate", "incident_mitigated",
                "incident_resolved",
            ])

        let active = try runner.status(now: "2025-11-21T11:05:00Z")
        #expect(active["incidents"]?.count == 1)  // only the SEV3 is still active
        let all = try runner.status(now: "2025-11-21T11:05:00Z", all: true)
        let resolved = all["incidents"]?.arrayValue?.first { $0["id"]?.stringValue == id }
        #expect(resolved?["state"]?.stringValue == "resolved")
        #expect(resolved?["escalation"]?["level"]?.intValue == 2)
        #expect(resolved?["acked_by"]?.stringValue == "tester")
    }

    @Test("failed commands say what to do on stderr, exit non-zero and write nothing")
    func failuresWriteNothing() throws {
        let runner = try SitrepRunner(fixture: "incident-runbook")
        defer { runner.cleanUp() }
        let before = runner.snapshot()
        let cases: [([String], String)] = [
            (["ack", "INC-NOPE", "--now", now], "no incident \"INC-NOPE\""),
            (["declare", "--severity", "SEV9", "--title", "x", "--now", now], "unknown severity \"SEV9\""),
            (
                ["declare", "--severity", "SEV1", "--title", "x", "--policy", "no-such-policy", "--now", now],
                "no such policy"
            ),
            (["update", "INC-20251121-0008", "--message", "x", "--now", "yesterday"], "is not an RFC 3339 time"),
            (
                ["escalate", "INC-20251121-0008", "--level", "2", "--reason", "again", "--now", now],
                "already at level 2"
            ),
            (
                ["escalate", "INC-20251121-0008", "--level", "9", "--reason", "x", "--now", now],
                "has no escalation level 9"
            ),
        ]
        for (args, message) in cases {
            let result = try runner.run(args)
            #expect(result.status != 0, "\(args)")
            #expect(result.stderr.contains(message), "\(args): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(args)")
        }
        let missing = try runner.run(
            ["status", "--root", runner.root.appendingPathComponent("missing").path], withRoot: false)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("does not exist"))
        #expect(runner.snapshot() == before)
    }

    @Test("a broken policy file is reported with file, line and field")
    func brokenPolicy() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let policy = runner.root.appendingPathComponent("bad.yaml")
        try "name: bad\nseverities:\n  - id: SEV1\n    timers:\n      - {name: ack, within: soon}\n".write(
            to: policy, atomically: true, encoding: .utf8)
        let result = try runner.run(["status", "--policy", policy.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.yaml:5"))
        #expect(result.stderr.contains("severities[0].timers[0].within"))
        let check = try runner.run(["check", "--policy", policy.path])
        #expect(check.status == 3)
        #expect(check.stdout.hasPrefix("SITREP UNKNOWN"))
    }

    @Test("policy list and show print the presets; a user file replaces a preset")
    func policyCommands() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let list = try runner.run(["policy", "list"])
        for name in ["pilot-playbook", "incident-runbook", "launch-rollback", "trading-ops"] {
            #expect(list.stdout.contains(name))
        }
        let show = try runner.run(["policy", "show", "trading-ops"])
        #expect(show.stdout.contains("within: 15m"))
        let dir = runner.root.appendingPathComponent(".sitrep/policies")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "name: trading-ops\nseverities:\n  - id: critical\n    timers:\n      - {name: ack, within: 5m}\n".write(
            to: dir.appendingPathComponent("trading-ops.yaml"), atomically: true, encoding: .utf8)
        let replaced = try runner.run(["policy", "list"])
        #expect(replaced.stdout.contains("replaces the built-in preset"))
        #expect(try runner.run(["policy", "show", "trading-ops"]).stdout.contains("within: 5m"))
    }
}
