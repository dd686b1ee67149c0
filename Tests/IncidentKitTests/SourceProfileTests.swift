import Foundation
import Testing

@testable import IncidentKit

@Suite("Source profiles")
struct SourceProfileTests {
    @Test("the built-ins load, and the presets name theirs")
    func builtins() throws {
        #expect(BuiltinProfiles.all.map(\.name) == ["sitrep", "trading-bot", "openmeshmind"])
        #expect(BuiltinProfiles.tradingBot.journalDialect == .tradingBot)
        #expect(BuiltinProfiles.tradingBot.files.gateway == ["data/live_trader_state.json", "gateway/stats.json"])
        // Extending keeps Sitrep's own names behind the writer's.
        #expect(
            BuiltinProfiles.openMeshMind.fields["last_cycle_ok"] == [
                "health.last_cycle_ok", "last_cycle_ok", "cycle_ok",
            ])
        #expect(try BuiltinPolicies.policy(named: "trading-ops")?.profile == "trading-bot")
        #expect(try BuiltinPolicies.policy(named: "pilot-playbook")?.profile == "openmeshmind")
    }

    @Test("a team's profile: extends a built-in, adds its files and nested field paths")
    func ownProfile() throws {
        let profile = try ProfileLoader.parse(
            text: """
                name: our-bot
                extends: sitrep
                naive_timezone: Europe/Berlin
                files:
                  gateway: [state/halt.json]
                fields:
                  halt_reason: [risk.halt.reason]
                health:
                  unhealthy_when_false: [last_cycle_ok]
                  degraded_below: 95%
                """, file: "our.yaml")
        #expect(profile.files.gateway == ["state/halt.json", "gateway/stats.json"])
        let object = try #require(
            try JSONParser.parse(Array(#"{"risk":{"halt":{"reason":"drawdown"}}}"#.utf8)).objectValue)
        #expect(FieldNames(profile: profile).value("halt_reason", in: object)?.stringValue == "drawdown")
        #expect(FieldNames(profile: profile).matchedName("halt_reason", in: object) == "risk.halt.reason")
        #expect(profile.health.degradedBelow == 0.95)
        // A naive time in the profile's zone: 10:00 in Berlin in November is 09:00 UTC.
        #expect(
            Timestamp.parse(.string("2026-11-29T10:00:00.5"), naiveZone: profile.naiveZone)
                == Timestamp.parse("2026-11-29T09:00:00.5Z"))
    }

    @Test(
        "errors name file, line and field",
        arguments: [
            ("name: x\nfiles:\n  gatway: [a.json]\n", 3, "files.gatway", "unknown field"),
            ("name: x\nextends: nope\n", 2, "extends", "unknown profile"),
            ("name: x\nfiles:\n  gateway: [../../etc/passwd]\n", 3, "files.gateway", "not a relative path"),
            ("name: x\nnaive_timezone: Mars/Olympus\n", 2, "naive_timezone", "unknown time zone"),
            ("name: x\njournal_dialect: klingon\n", 2, "journal_dialect", "unknown journal dialect"),
            ("name: x\nstaleness:\n  intervals: 0\n", 3, "staleness.intervals", "above 0"),
        ])
    func errors(text: String, line: Int, field: String, message: String) {
        do {
            _ = try ProfileLoader.parse(text: text, file: "p.yaml")
            Issue.record("loaded: \(text)")
        } catch let error as PolicyError {
            #expect(error.file == "p.yaml")
            #expect(error.line == line)
            #expect(error.field == field)
            #expect(error.message.contains(message), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("every existing fixture root is recognised as Sitrep's own layout")
    func existingFixturesStaySitrep() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SitrepCLITests/Fixtures")
        for name in [
            "incident-runbook", "launch-rollback", "pilot-playbook", "pilot-rollback", "report-incident", "trading-ops",
        ] {
            #expect(
                ProfileResolver.recognize(root: fixtures.appendingPathComponent(name).path).name == "sitrep", "\(name)")
        }
        #expect(
            ProfileResolver.recognize(root: fixtures.appendingPathComponent("real-trading-bot").path).name
                == "trading-bot")
        #expect(
            ProfileResolver.recognize(root: fixtures.appendingPathComponent("real-openmeshmind").path).name
                == "openmeshmind")
    }

    @Test("the dialect of a journal is read from its lines")
    func sniffing() {
        let bot = #"{"event_type":"incident_open","incident_id":"inc_1","created_at":"2026-11-29T02:24:19.272137"}"#
        let ours = #"{"event_type":"incident_open","incident_id":"INC-1","ts":"2026-11-29T02:24:19Z"}"#
        #expect(JournalDialect.sniff(lines: [Array(bot.utf8)]) == .tradingBot)
        #expect(JournalDialect.sniff(lines: [Array(ours.utf8)]) == .sitrep)
        #expect(JournalDialect.sniff(lines: []) == nil)
        #expect(
            JournalDialect.naiveUTC(Date(timeIntervalSince1970: 1_795_919_059.272137)) == "2026-11-29T02:24:19.272137")
    }
}

@Suite("Trading-bot dialect writes")
struct TradingBotDialectWriteTests {
    @Test("an auto-declared incident of a run goes into its journal in the tracker's form")
    func autoDeclareIntoRun() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SitrepCLITests/Fixtures/real-trading-bot")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-tb-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = "paper_20261129_022419_838b5eb3"
        let policy = try #require(try BuiltinPolicies.policy(named: "trading-ops"))
        let now = try #require(Timestamp.parse("2026-11-29T02:44:30Z"))
        let signal = Signal(
            detector: .reconciliationMismatchStreak, subject: "\(run)/orders", severity: "critical",
            message: "orders reconciliation: 3 consecutive mismatches", since: now.addingTimeInterval(-60),
            evidence: [Evidence(path: "results/runs/\(run)/order_reconciliation_events.jsonl", line: 5)],
            autoDeclare: true)
        let actions = IncidentActions(root: root.path, policy: policy, now: now, host: "jump-1")
        let id = try #require(try actions.autoDeclare(signal, by: "sitrep"))
        let text = try String(
            contentsOf: root.appendingPathComponent("results/runs/\(run)/incident_events.jsonl"), encoding: .utf8)
        let last = try #require(text.split(separator: "\n").last)
        let record = try #require(try JSONParser.parse(String(last)).objectValue)
        #expect(record["incident_id"]?.stringValue == id)
        #expect(record["created_at"]?.stringValue == "2026-11-29T02:44:30.000000")
        #expect(record["name"]?.stringValue == "reconciliation_mismatch_streak")
        #expect(record["message"]?.stringValue == "orders reconciliation: 3 consecutive mismatches")
        #expect(record["run_id"]?.stringValue == run)
        #expect(record["event_id"]?.stringValue == "open:\(id)")
    }
}
