import Foundation
import IncidentKit
import Testing

/// The trading bot's `IncidentTracker` as a reader (utils/incident_tracker.py at a6841d0),
/// restated: every line goes through `json.loads` (one that does not parse raises);
/// `event_type` is lower-cased; an open takes `created_at` through `datetime.fromisoformat`
/// (a missing or unreadable one becomes `utcnow()`); an ack takes `acknowledged_at` the same
/// way (None when it fails: not acknowledged) and `acknowledged_by`; `evaluate_ack_sla`
/// computes `datetime.utcnow() - created_at`, which raises TypeError for an aware time.
struct RealTrackerReader {
    struct Tracked {
        var createdAt: String?
        var ackedAt: String?
        var ackedBy: String?
        var name: String
    }

    enum Failure: Error { case jsonLoads(String), typeError(String) }

    /// `datetime.fromisoformat`: nil when it raises ValueError; whether the result is naive.
    static func fromisoformat(_ text: String) -> (naive: Bool, value: String)? {
        let pattern = #"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else { return nil }
        let aware = text.hasSuffix("Z") || text.range(of: #"[+-]\d{2}:\d{2}$"#, options: .regularExpression) != nil
        return (!aware, text)
    }

    static func read(_ lines: [String]) throws -> [String: Tracked] {
        var incidents: [String: Tracked] = [:]
        for line in lines {
            guard let object = (try? JSONParser.parse(line))?.objectValue else { throw Failure.jsonLoads(line) }
            let type = (object["event_type"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            let id = (object["incident_id"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces)
            if type == "incident_open", !id.isEmpty {
                incidents[id] = Tracked(
                    createdAt: object["created_at"]?.stringValue.flatMap(fromisoformat).map(\.value),
                    name: object["name"]?.stringValue ?? "unknown_incident")
                if let created = object["created_at"]?.stringValue, let parsed = fromisoformat(created), !parsed.naive {
                    throw Failure.typeError("utcnow() - \(created)")  // evaluate_ack_sla would raise
                }
            } else if type == "incident_ack", incidents[id] != nil {
                incidents[id]!.ackedAt = object["acknowledged_at"]?.stringValue.flatMap(fromisoformat).map(\.value)
                incidents[id]!.ackedBy = object["acknowledged_by"]?.stringValue.flatMap {
                    let t = $0.trimmingCharacters(in: .whitespaces)
                    return t.isEmpty ? nil : t
                }
            }
        }
        return incidents
    }
}

/// Roots as the seed projects' own code writes them (see Fixtures/real-*/README.md).
@Suite("Real sources")
struct RealSourceTests {
    static let run = "paper_20261129_022419_838b5eb3"
    static let journal = "results/runs/\(run)/incident_events.jsonl"
    static let now = "2026-11-29T02:44:30Z"

    private func signals(_ status: JSONValue, _ detector: String) -> [JSONValue] {
        status["signals"]?.arrayValue?.filter { $0["detector"]?.stringValue == detector } ?? []
    }

    @Test(
        "trading-bot: three unacknowledged critical incidents past the 15-minute SLA, streak, data error, halt; CRITICAL"
    )
    func tradingBotStatus() throws {
        let runner = try SitrepRunner(fixture: "real-trading-bot")
        defer { runner.cleanUp() }
        let status = try runner.status(now: Self.now, policy: "trading-ops")
        let incidents = status["incidents"]?.arrayValue ?? []
        #expect(incidents.count == 3)
        for incident in incidents {
            #expect(incident["state"]?.stringValue == "open")
            #expect(incident["severity"]?.stringValue == "critical")
            let ack = incident["timers"]?.arrayValue?.first { $0["name"]?.stringValue == "ack" }
            #expect(ack?["state"]?.stringValue == "breached")
        }
        let first = try #require(incidents.first { $0["id"]?.stringValue == "inc_20261129_022419_1a2b3c4d" })
        #expect(first["title"]?.stringValue == "Order reconciliation mismatch runs breached threshold: 3 >= 3")
        #expect(first["opened_at"]?.stringValue == "2026-11-29T02:24:19Z")  // naive created_at read as UTC

        let streak = try #require(signals(status, "reconciliation_mismatch_streak").first)
        #expect(streak["message"]?.stringValue?.contains("3 consecutive mismatches") == true)
        #expect(streak["message"]?.stringValue?.contains("halt recommended") == true)
        #expect(streak["since"]?.stringValue == "2026-11-29T02:22:19Z")  // the first mismatching run
        let errors = try #require(signals(status, "data_quality_errors").first)
        #expect(errors["message"]?.stringValue?.contains("1 error(s)") == true)
        #expect(errors["since"]?.stringValue == "2026-11-29T02:24:19Z")
        let halt = try #require(signals(status, "kill_switch").first)
        #expect(halt["message"]?.stringValue?.contains("Order reconciliation mismatch halt") == true)
        #expect(halt["since"]?.stringValue == "2026-11-29T02:24:19Z")
        #expect(signals(status, "slo_breach").count == 4)
        #expect(signals(status, "slo_breach").allSatisfy { $0["since"] != .null })
        #expect(signals(status, "audit_chain").isEmpty)  // the chain over both audit files holds
        #expect(status["warnings"]?.arrayValue?.isEmpty == true)

        let check = try runner.run(["check", "--now", Self.now, "--policy", "trading-ops"])
        #expect(check.status == 2)
        #expect(check.stdout.hasPrefix("SITREP CRITICAL - 3 active incidents"))
        // The gateway is halted while now < trading_halted_until (utils/order_gateway.py:560-562);
        // afterwards the halt_reason left in the file means nothing.
        let after = try runner.status(now: "2026-11-29T04:30:00Z", policy: "trading-ops")
        #expect(signals(after, "kill_switch").isEmpty)
        // Recognised by its content without a policy naming the profile, and given the policy
        // of its runbook (seed 004), so `critical` has its 15-minute ack timer, not SEV0's.
        let plain = try runner.status(now: Self.now)
        #expect(plain["incidents"]?.count == 3)
        #expect(plain["policy"]?.stringValue == "trading-ops")
        #expect(
            plain["incidents"]?.arrayValue?.allSatisfy {
                $0["timers"]?.arrayValue?.first?["name"]?.stringValue == "ack"
            } == true)
        #expect(try runner.run(["check", "--now", Self.now]).status == 2)
        // A policy the user names still wins over the recognised one.
        let named = try runner.status(now: Self.now, policy: "incident-runbook")
        #expect(named["policy"]?.stringValue == "incident-runbook")
    }

    @Test("sitrep ack writes what the real tracker counts as acknowledged by that operator")
    func ackRoundTrip() throws {
        let runner = try SitrepRunner(fixture: "real-trading-bot")
        defer { runner.cleanUp() }
        let id = "inc_20261129_022419_5e6f7a8b"
        let result = try runner.run([
            "ack", id, "--by", "oncall-alice", "--notes", "vendor gap", "--now", "2026-11-29T02:45:00.25Z",
            "--policy", "trading-ops",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(runner.lines(Self.journal).last)
        let record = try #require(try JSONParser.parse(line).objectValue)
        #expect(
            record.keys == [
                "event_type", "run_id", "incident_id", "acknowledged_at", "acknowledged_by", "acknowledgment_notes",
                "ts", "event_id", "host",
            ])
        #expect(record["acknowledged_at"]?.stringValue == "2026-11-29T02:45:00.250000")
        #expect(record["run_id"]?.stringValue == Self.run)
        let tracked = try RealTrackerReader.read(runner.lines(Self.journal))
        #expect(tracked[id]?.ackedBy == "oncall-alice")
        #expect(tracked[id]?.ackedAt == "2026-11-29T02:45:00.250000")
        #expect(tracked["inc_20261129_022419_1a2b3c4d"]?.ackedAt == nil)
        let status = try runner.status(now: "2026-11-29T02:46:00Z", policy: "trading-ops")
        let acked = status["incidents"]?.arrayValue?.first { $0["id"]?.stringValue == id }
        #expect(acked?["acked_by"]?.stringValue == "oncall-alice")
    }

    @Test("an ack written by incident_ack.py shows, and the first acknowledgment wins")
    func realAckFirst() throws {
        let runner = try SitrepRunner(fixture: "real-trading-bot")
        defer { runner.cleanUp() }
        let id = "inc_20261129_022419_9c0d1e2f"
        // What scripts/incident_ack.py appends (IncidentTracker.acknowledge): no ts, no event_id,
        // run_id null (the script builds its tracker without one).
        let handle = try FileHandle(forWritingTo: runner.root.appendingPathComponent(Self.journal))
        try handle.seekToEnd()
        try handle.write(
            contentsOf: Data(
                (#"{"event_type":"incident_ack","run_id":null,"incident_id":"\#(id)","acknowledged_at":"2026-11-29T02:41:07.500136","acknowledged_by":"oncall-bob","acknowledgment_notes":"shadow drift known"}"#
                    + "\n").utf8))
        try handle.close()
        let status = try runner.status(now: Self.now, policy: "trading-ops")
        let incident = try #require(status["incidents"]?.arrayValue?.first { $0["id"]?.stringValue == id })
        #expect(incident["acked_by"]?.stringValue == "oncall-bob")
        #expect(incident["acked_at"]?.stringValue == "2026-11-29T02:41:07Z")
        let before = runner.read(Self.journal)
        let second = try runner.run(["ack", id, "--by", "oncall-carol", "--now", Self.now, "--policy", "trading-ops"])
        #expect(second.stdout.contains("already acknowledged by oncall-bob"))
        #expect(runner.read(Self.journal) == before)
    }

    @Test("declare --run-id writes an incident_open the real tracker tracks and can time")
    func declareIntoRun() throws {
        let runner = try SitrepRunner(fixture: "real-trading-bot")
        defer { runner.cleanUp() }
        let result = try runner.run([
            "declare", "--severity", "critical", "--title", "broker latency spike", "--run-id", Self.run, "--now",
            Self.now, "--policy", "trading-ops",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(runner.lines(Self.journal).last)
        let record = try #require(try JSONParser.parse(line).objectValue)
        #expect(record["created_at"]?.stringValue == "2026-11-29T02:44:30.000000")
        #expect(record["message"]?.stringValue == "broker latency spike")
        #expect(record["severity"]?.stringValue == "critical")
        #expect(record["name"]?.stringValue == "manual")
        #expect(record["context"] == .object(JSONObject()))
        #expect(record["acknowledged_at"] == .null)
        #expect(record["ts"] != nil && record["event_id"] != nil && record["host"] != nil)
        let id = try #require(record["incident_id"]?.stringValue)
        // Every line still goes through json.loads and every created_at is naive.
        let tracked = try RealTrackerReader.read(runner.lines(Self.journal))
        #expect(tracked[id]?.createdAt == "2026-11-29T02:44:30.000000")
        #expect(tracked[id]?.ackedAt == nil)
    }

    @Test("the tracker's recorded SLA breach marks the ack timer breached even under a longer policy SLA")
    func recordedBreach() throws {
        let runner = try SitrepRunner(fixture: "real-trading-bot")
        defer { runner.cleanUp() }
        try FileManager.default.createDirectory(
            at: runner.root.appendingPathComponent(".sitrep"), withIntermediateDirectories: true)
        try """
        name: relaxed
        profile: trading-bot
        severities:
          - id: critical
            timers: [{name: ack, within: 60m}]
        """.write(to: runner.root.appendingPathComponent(".sitrep/policy.yaml"), atomically: true, encoding: .utf8)
        let status = try runner.status(now: Self.now)
        func ack(_ id: String) -> JSONValue? {
            status["incidents"]?.arrayValue?.first { $0["id"]?.stringValue == id }?["timers"]?.arrayValue?.first
        }
        #expect(ack("inc_20261129_022419_1a2b3c4d")?["state"]?.stringValue == "breached")
        #expect(ack("inc_20261129_022419_1a2b3c4d")?["due"]?.stringValue == "2026-11-29T02:39:20Z")
        #expect(ack("inc_20261129_022419_5e6f7a8b")?["state"]?.stringValue == "pending")
    }

    @Test("a broken audit chain is a signal naming file and line")
    func auditBreak() throws {
        let runner = try SitrepRunner(fixture: "real-trading-bot")
        defer { runner.cleanUp() }
        let file = "audit_logs/audit_20261129_0000.jsonl"
        var lines = runner.lines(file)
        lines[1] = lines[1].replacingOccurrences(of: #""qty":10"#, with: #""qty":100"#)
        try (lines.joined(separator: "\n") + "\n").write(
            to: runner.root.appendingPathComponent(file), atomically: false, encoding: .utf8)
        let status = try runner.status(now: Self.now, policy: "trading-ops")
        let breaks = signals(status, "audit_chain")
        #expect(breaks.count == 1)
        #expect(breaks.first?["message"]?.stringValue?.contains("\(file) line 2") == true)
    }

    static let omNow = "2026-11-29T04:20:00Z"

    @Test(
        "OpenMeshMind: failed cycle unhealthy, the cohort's six nodes, interval-relative staleness, the open logged incident"
    )
    func openMeshMind() throws {
        let runner = try SitrepRunner(fixture: "real-openmeshmind")
        defer { runner.cleanUp() }
        let status = try runner.status(now: Self.omNow, policy: "pilot-playbook")
        let nodes = status["nodes"]?.arrayValue ?? []
        #expect(nodes.count == 6)
        func node(_ id: String) -> JSONValue? { nodes.first { $0["id"]?.stringValue == id } }
        #expect(node("volunteer-node-001")?["health"]?.stringValue == "unhealthy")
        #expect(node("volunteer-node-001")?["stale"] == .bool(false))  // 12 minutes into a 30-minute cycle
        #expect(node("volunteer-node-local-smoke2")?["stale"] == .bool(false))  // 45 minutes: within two cycles
        #expect(node("volunteer-node-local-smoke4")?["stale"] == .bool(true))  // 65 minutes: past two
        #expect(node("volunteer-node-local-smoke3")?["health"]?.stringValue == "ok")
        #expect(signals(status, "pilot_readiness").isEmpty)
        #expect(signals(status, "node_unhealthy").map { $0["subject"]?.stringValue } == ["volunteer-node-001"])
        #expect(
            signals(status, "heartbeat_stale").map { $0["subject"]?.stringValue } == ["volunteer-node-local-smoke4"])
        let logged = try #require(status["incidents"]?.arrayValue?.first { $0["id"]?.stringValue == "INC-2026-002" })
        #expect(logged["journal"]?.stringValue == "pilot/incident_log.json")
        #expect(logged["opened_at"]?.stringValue == "2026-11-29T03:40:00Z")
        #expect(logged["timers"]?.arrayValue?.first?["due"]?.stringValue == "2026-11-29T07:40:00Z")
        #expect(status["incidents"]?.count == 1)  // the resolved INC-2026-001 is history

        // pilot_node_runner.py --health fails when last_cycle_ok is false: so does check.
        let check = try runner.run(["check", "--now", Self.omNow, "--policy", "pilot-playbook"])
        #expect(check.status != 0)
        // Without --policy the recognised root gets its playbook's policy (SEV-2: 4 h ack).
        let plain = try runner.status(now: Self.omNow)
        #expect(plain["policy"]?.stringValue == "pilot-playbook")
        #expect(
            plain["incidents"]?.arrayValue?.first?["timers"]?.arrayValue?.first?["due"]
                == logged["timers"]?.arrayValue?.first?["due"])
        let text = try runner.run(["status", "--now", Self.omNow, "--policy", "pilot-playbook"])
        #expect(text.stdout.contains("Step result: smoke_check -> failed (1.96s)"))
        #expect(!text.stdout.contains("Starting cycle #5"))  // only the last cycle

        // Two cycles without a heartbeat: stale.
        let later = try runner.status(now: "2026-11-29T05:10:00Z", policy: "pilot-playbook")
        #expect(
            later["nodes"]?.arrayValue?.first { $0["id"]?.stringValue == "volunteer-node-001" }?["stale"] == .bool(true)
        )
    }

    @Test("OpenMeshMind: a healthy node passes, a write to a logged incident is refused with the declare to use")
    func openMeshMindHealthyAndReadOnly() throws {
        let runner = try SitrepRunner(fixture: "real-openmeshmind")
        defer { runner.cleanUp() }
        let before = runner.snapshot()
        let ack = try runner.run([
            "ack", "INC-2026-002", "--by", "alice", "--now", Self.omNow, "--policy", "pilot-playbook",
        ])
        #expect(ack.status != 0)
        #expect(ack.stderr.contains("INC-2026-002 is read-only (Sitrep only reads pilot/incident_log.json)"))
        #expect(ack.stderr.contains("sitrep declare --severity SEV-2 --title 'INC-2026-002: smoke_check failing"))
        #expect(runner.snapshot() == before)

        try """
        {"schema_version": 1, "node_id": "volunteer-node-001", "total_cycles": 7, "successful_cycles": 7,
         "uptime_ratio_24h": 1.0, "last_cycle_ok": true, "last_cycle_utc": "2026-11-29T04:08:02.561167+00:00",
         "last_cycle_duration_sec": 4.9, "last_error": ""}
        """.write(to: runner.root.appendingPathComponent("pilot/node_state.json"), atomically: true, encoding: .utf8)
        let status = try runner.status(now: Self.omNow, policy: "pilot-playbook")
        #expect(
            status["nodes"]?.arrayValue?.first { $0["id"]?.stringValue == "volunteer-node-001" }?["health"]?.stringValue
                == "ok")
        #expect(signals(status, "node_unhealthy").isEmpty)
    }
}
