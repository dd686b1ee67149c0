import Foundation
import Testing

@testable import IncidentKit

@Suite("PolicyLoader")
struct PolicyLoaderTests {
    static let full = """
        name: custom
        description: A policy written by hand
        timezone: Europe/Berlin
        business_hours: {days: [mon, tue, wed, thu, fri], start: "08:30", end: "16:30", holidays: [2025-12-25, "2025-12-26"]}
        recovery_objective: 20m
        severities:
          - id: SEV1
            aliases: [high, page]
            label: High
            critical: true
            timers:
              - {name: ack, within: 15m}
              - {name: mitigate, within: 1h}
              - {name: update, every: 30m, label: Status update}
              - {name: respond, within: 2d, clock: business, until: acknowledged}
              - name: fix
                within: 1h30m
                until: mitigated
          - id: SEV2
        escalation:
          levels:
            - {level: 1, name: Operator, contacts: [operator on duty]}
            - {level: 2, name: Engineer, contacts: [alice, bob], criteria: [cannot resolve]}
          rules:
            - {severity: SEV1, unresolved_for: 1h, to: 2}
            - {severity: [high, SEV2], unacked_for: 4h, clock: business, to: 2}
            - {unresolved_for: 2d, to: 2}
        detectors:
          - {kind: uptime_ratio, below: 90%, severity: sev-2}
          - {kind: heartbeat_stale, after: 10m, severity: high, auto_declare: true}
        fields:
          uptime_ratio: [uptime, availability]
        """

    // MARK: What a valid file turns into

    @Test("a full policy loads with every field")
    func fullPolicy() throws {
        let policy = try PolicyFixtures.parse(Self.full)
        #expect(policy.name == "custom")
        #expect(policy.description == "A policy written by hand")
        #expect(policy.calendar.timeZone.identifier == "Europe/Berlin")
        #expect(policy.calendar.days == [.mon, .tue, .wed, .thu, .fri])
        #expect(policy.calendar.startMinute == 8 * 60 + 30)
        #expect(policy.calendar.endMinute == 16 * 60 + 30)
        #expect(
            policy.calendar.holidays == [.init(year: 2025, month: 12, day: 25), .init(year: 2025, month: 12, day: 26)])
        #expect(policy.recoveryObjective == PolicyDuration(seconds: 1200))
        #expect(policy.severities.map(\.id) == ["SEV1", "SEV2"])

        let sev1 = policy.severities[0]
        #expect(sev1.aliases == ["high", "page"])
        #expect(sev1.label == "High")
        #expect(sev1.critical)
        #expect(!policy.severities[1].critical)
        #expect(policy.severities[1].timers.isEmpty)
        #expect(sev1.timers.map(\.name) == ["ack", "mitigate", "update", "respond", "fix"])
        #expect(sev1.timers[0].kind == .within(PolicyDuration(seconds: 900)))
        #expect(sev1.timers[2].kind == .every(PolicyDuration(seconds: 1800)))
        #expect(sev1.timers[2].repeats && !sev1.timers[0].repeats)
        #expect(sev1.timers[2].label == "Status update")
        #expect(sev1.timers[3].kind == .within(PolicyDuration(days: 2)))
        #expect(sev1.timers[3].clock == .business)
        #expect(sev1.timers.filter { $0.clock == .wall }.count == 4)  // wall is the default
        #expect(sev1.timers[4].kind == .within(PolicyDuration(seconds: 5400)))
        #expect(sev1.timers[4].until == .mitigated)

        #expect(policy.levels.map(\.level) == [1, 2])
        #expect(policy.level(2)?.contacts == ["alice", "bob"])
        #expect(policy.level(2)?.criteria == ["cannot resolve"])
        #expect(policy.level(3) == nil)
        #expect(policy.rules.count == 3)
        #expect(
            policy.rules[0]
                == EscalationRule(severities: ["SEV1"], condition: .unresolvedFor(.init(seconds: 3600)), to: 2))
        // Rule severities are stored as canonical ids, whatever alias the file used.
        #expect(
            policy.rules[1]
                == EscalationRule(
                    severities: ["SEV1", "SEV2"], condition: .unackedFor(.init(seconds: 14_400)), clock: .business,
                    to: 2))
        #expect(policy.rules[2].severities.isEmpty)
        #expect(policy.rules[2].applies(to: "SEV2") && policy.rules[2].applies(to: "anything"))
        #expect(!policy.rules[0].applies(to: "SEV2"))

        #expect(policy.detectors.count == 2)
        #expect(policy.detectors[0].kind == .uptimeRatio)
        #expect(policy.detectors[0].severity == "SEV2")
        #expect(policy.detectors[0].threshold == 0.9)
        #expect(policy.detectors[1].severity == "SEV1")
        #expect(policy.detectors[1].after == PolicyDuration(seconds: 600))
        #expect(policy.detectors[1].autoDeclare)
        #expect(policy.fieldAliases["uptime_ratio"] == ["uptime", "availability"])
    }

    @Test("timers stop by name unless `until` says otherwise")
    func defaultStops() throws {
        let policy = try PolicyFixtures.parse(Self.full)
        let until = Dictionary(uniqueKeysWithValues: policy.severities[0].timers.map { ($0.name, $0.until) })
        #expect(until["ack"] == .acknowledged)
        #expect(until["mitigate"] == .mitigated)
        #expect(until["update"] == .resolved)
        #expect(until["respond"] == .acknowledged)
        #expect(until["fix"] == .mitigated)
        #expect(TimerSpec.defaultStop(forName: "ack") == .acknowledged)
        #expect(TimerSpec.defaultStop(forName: "Mitigate") == .mitigated)
        #expect(TimerSpec.defaultStop(forName: "resolve") == .resolved)
        #expect(TimerSpec.defaultStop(forName: "triage") == .resolved)
    }

    @Test("an explicit `until` beats the name")
    func explicitUntil() throws {
        let policy = try PolicyFixtures.parse(
            """
            name: p
            severities:
              - id: S1
                timers:
                  - {name: ack, within: 15m, until: resolved}
                  - {name: triage, within: 30m, until: mitigated}
                  - {name: first-look, within: 5m, until: acknowledged}
            """)
        #expect(policy.severities[0].timers.map(\.until) == [.resolved, .mitigated, .acknowledged])
    }

    @Test("time zone and business hours have defaults")
    func defaults() throws {
        let policy = try PolicyFixtures.parse(
            """
            name: minimal
            severities:
              - id: S1
            """)
        #expect(policy.calendar.timeZone.identifier == "UTC" || policy.calendar.timeZone.secondsFromGMT() == 0)
        #expect(policy.calendar.days == [.mon, .tue, .wed, .thu, .fri])
        #expect(policy.calendar.startMinute == 540 && policy.calendar.endMinute == 1020)
        #expect(policy.calendar.holidays.isEmpty)
        #expect(policy.levels.isEmpty && policy.rules.isEmpty && policy.detectors.isEmpty)
        #expect(policy.recoveryObjective == nil)
    }

    @Test("a one-item severity list can be a bare scalar, and rules may name a level freely without a ladder")
    func scalarSeverity() throws {
        let policy = try PolicyFixtures.parse(
            """
            name: p
            severities:
              - id: S1
            escalation:
              rules:
                - {severity: s1, unacked_for: 90s, to: 7}
            """)
        #expect(policy.rules == [EscalationRule(severities: ["S1"], condition: .unackedFor(.init(seconds: 90)), to: 7)])
    }

    @Test("loading from a file reads the same policy")
    func loadFromFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sitrep-policy-\(UUID().uuidString).yaml")
        try Self.full.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try PolicyLoader.load(path: url.path) == PolicyFixtures.parse(Self.full, file: url.path))
    }

    // MARK: Errors name file, line and field

    @Test("an unknown field (a typo) is rejected with its line and dotted path")
    func unknownFieldFlow() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: typo
                severities:
                  - id: SEV1
                    timers:
                      - {name: ack, withn: 15m}
                """))
        #expect(error.file == "test-policy.yaml")
        #expect(error.line == 5)
        #expect(error.field == "severities[0].timers[0].withn")
        #expect(error.message.contains("unknown field"))
        #expect(error.message.contains("within"))  // the fields it knows, so the typo is obvious
        #expect(error.description.hasPrefix("test-policy.yaml:5: severities[0].timers[0].withn: unknown field"))
    }

    @Test("an unknown field in block style names the line of the key")
    func unknownFieldBlock() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: typo
                severities:
                  - id: SEV1
                  - id: SEV2
                    timers:
                      - name: ack
                        within: 15m
                        clok: business
                """))
        #expect(error.line == 8)
        #expect(error.field == "severities[1].timers[0].clok")
    }

    @Test("an unknown top-level field", arguments: [("timezon: UTC", "timezone"), ("escalaton: {}", "escalation")])
    func unknownTopLevel(_ typo: String, _ meant: String) throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: typo
                \(typo)
                severities:
                  - id: SEV1
                """))
        #expect(error.line == 2)
        #expect(error.field == String(typo.prefix { $0 != ":" }))
        #expect(error.message.contains(meant))
    }

    @Test("unknown fields in business hours, escalation and rules")
    func unknownNested() throws {
        let hours = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                business_hours: {days: [mon], begin: "09:00"}
                severities: [{id: S1}]
                """))
        #expect(hours.line == 2)
        #expect(hours.field == "business_hours.begin")

        let rule = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: S1}]
                escalation:
                  rules:
                    - {severity: S1, unresolved_for: 1h, to: 2}
                    - {severity: S1, unresolved: 2h, to: 2}
                """))
        #expect(rule.line == 6)
        #expect(rule.field == "escalation.rules[1].unresolved")
    }

    @Test("a bad duration is rejected with its line and field", arguments: ["15 minutes", "15", "1.5h", "soon", "-5m"])
    func badTimerDuration(_ text: String) throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: SEV1
                    timers:
                      - {name: ack, within: 15m}
                      - name: update
                        every: \(text)
                """))
        #expect(error.line == 7)
        #expect(error.field == "severities[0].timers[1].every")
        #expect(error.message.contains("duration"))
    }

    @Test("bad durations in rules, detectors and the recovery objective")
    func badDurationsElsewhere() throws {
        let rule = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: S1}]
                escalation:
                  rules:
                    - {severity: S1, unacked_for: 1hour, to: 2}
                """))
        #expect(rule.line == 5)
        #expect(rule.field == "escalation.rules[0].unacked_for")

        let detector = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: S1}]
                detectors:
                  - {kind: heartbeat_stale, after: ten, severity: S1}
                """))
        #expect(detector.line == 4)
        #expect(detector.field == "detectors[0].after")

        let objective = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                recovery_objective: quickly
                severities: [{id: S1}]
                """))
        #expect(objective.line == 2)
        #expect(objective.field == "recovery_objective")
    }

    @Test("an unknown severity in a rule is rejected with its line and field")
    func unknownRuleSeverity() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: SEV0
                  - id: SEV1
                escalation:
                  levels:
                    - {level: 1, name: One}
                    - {level: 2, name: Two}
                  rules:
                    - {severity: SEV0, unresolved_for: 15m, to: 2}
                    - {severity: SEV9, unresolved_for: 1h, to: 2}
                """))
        #expect(error.line == 11)
        #expect(error.field == "escalation.rules[1].severity")
        #expect(error.message.contains("SEV9"))
        #expect(error.message.contains("SEV0, SEV1"))  // the known ones
    }

    @Test("an unknown severity inside a rule's list")
    func unknownRuleSeverityInList() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: P1}, {id: P2}]
                escalation:
                  rules:
                    - severity: [P1, P5]
                      unresolved_for: 1h
                      to: 4
                """))
        #expect(error.line == 5)
        #expect(error.field == "escalation.rules[0].severity")
        #expect(error.message.contains("P5"))
    }

    @Test("an unknown severity in a detector")
    func unknownDetectorSeverity() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: S1}]
                detectors:
                  - {kind: kill_switch, severity: S1}
                  - {kind: slo_breach, severity: S3}
                """))
        #expect(error.line == 5)
        #expect(error.field == "detectors[1].severity")
    }

    @Test("an unknown time zone is rejected with its line and field")
    func unknownTimeZone() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                # A comment first, so the line is not trivially 1 or 2.
                name: p
                timezone: Europe/Berlim
                severities: [{id: S1}]
                """))
        #expect(error.line == 3)
        #expect(error.field == "timezone")
        #expect(error.message.contains("Europe/Berlim"))
    }

    @Test("a timer with both within and every is rejected at the timer")
    func withinAndEvery() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: S1
                    timers:
                      - {name: ack, within: 15m}
                      - {name: update, within: 30m, every: 30m}
                """))
        #expect(error.line == 6)
        #expect(error.field == "severities[0].timers[1]")
        #expect(error.message.contains("within") && error.message.contains("every"))
    }

    @Test("a timer with neither within nor every is rejected at the timer")
    func neitherWithinNorEvery() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: S1
                    timers:
                      - name: ack
                        clock: business
                """))
        #expect(error.line == 5)
        #expect(error.field == "severities[0].timers[0]")
    }

    @Test("a policy without a name names the missing field")
    func missingPolicyName() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                description: nameless
                severities: [{id: S1}]
                """))
        #expect(error.line == 1)
        #expect(error.field == "name")
        #expect(error.description == "test-policy.yaml:1: name: the policy needs a `name`")
    }

    @Test("a timer without a name names the missing field at the timer's line")
    func missingTimerName() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: S1
                    timers:
                      - {within: 15m}
                """))
        #expect(error.line == 5)
        #expect(error.field == "severities[0].timers[0].name")
    }

    @Test("missing severities, severity ids, rule levels and detector kinds")
    func otherMissingFields() throws {
        let noSeverities = try #require(PolicyFixtures.loadError("name: p\ndescription: none\n"))
        #expect(noSeverities.line == 1)
        #expect(noSeverities.field == "severities")

        let noID = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: S1
                  - label: Second
                """))
        #expect(noID.line == 4)
        #expect(noID.field == "severities[1].id")

        let noTo = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: S1}]
                escalation:
                  rules:
                    - {severity: S1, unresolved_for: 1h}
                """))
        #expect(noTo.line == 5)
        #expect(noTo.field == "escalation.rules[0].to")

        let noKind = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: S1}]
                detectors:
                  - {severity: S1}
                """))
        #expect(noKind.line == 4)
        #expect(noKind.field == "detectors[0].kind")
    }

    @Test("invalid YAML is reported with its line")
    func invalidYAML() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: S1 label: broken: here
                """))
        #expect(error.line == 3)
        #expect(error.field == "")
        #expect(error.message.contains("not valid YAML"))
    }

    @Test("an unclosed flow list is invalid YAML with a line")
    func unclosedFlow() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: S1
                    aliases: [a, b
                  - id: S2
                """))
        let line = try #require(error.line)
        #expect((4...5).contains(line))
        #expect(error.message.contains("not valid YAML"))
    }

    @Test("a key given twice is reported with its line and name")
    func duplicateKey() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                timezone: UTC
                severities: [{id: S1}]
                timezone: Europe/Berlin
                """))
        let line = try #require(error.line)
        #expect(line == 2 || line == 4)
        #expect(error.field == "timezone")
    }

    @Test("an empty file and a non-mapping file")
    func emptyAndNonMapping() throws {
        let empty = try #require(PolicyFixtures.loadError(""))
        #expect(empty.line == 1)
        #expect(empty.message.contains("empty"))

        let list = try #require(PolicyFixtures.loadError("- a\n- b\n"))
        #expect(list.line == 1)
        #expect(list.message.contains("mapping"))
    }

    @Test("business hours are validated field by field")
    func businessHoursErrors() throws {
        func error(_ hours: String) throws -> PolicyError {
            try #require(PolicyFixtures.loadError("name: p\nseverities: [{id: S1}]\nbusiness_hours: \(hours)\n"))
        }
        let day = try error("{days: [mon, funday]}")
        #expect(day.line == 3 && day.field == "business_hours.days[1]")
        let start = try error("{start: 9am}")
        #expect(start.line == 3 && start.field == "business_hours.start")
        let order = try error("{start: \"17:00\", end: \"09:00\"}")
        #expect(order.line == 3 && order.field == "business_hours.end")
        let holiday = try error("{holidays: [2025-12-25, 2025-13-01]}")
        #expect(holiday.line == 3 && holiday.field == "business_hours.holidays[1]")
        // An impossible date would otherwise never match and silently not be a holiday.
        let impossible = try error("{holidays: [2025-02-30]}")
        #expect(impossible.field == "business_hours.holidays[0]")
        let noDays = try error("{days: []}")
        #expect(noDays.field == "business_hours.days")
    }

    @Test("timer and rule values are validated")
    func valueErrors() throws {
        let until = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: S1
                    timers: [{name: ack, within: 15m, until: acked}]
                """))
        #expect(until.line == 4 && until.field == "severities[0].timers[0].until")

        let clock = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: S1
                    timers: [{name: ack, within: 15m, clock: office}]
                """))
        #expect(clock.line == 4 && clock.field == "severities[0].timers[0].clock")

        let level = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: S1}]
                escalation:
                  levels: [{level: 1, name: One}, {level: 2, name: Two}]
                  rules:
                    - {severity: S1, unresolved_for: 1h, to: 5}
                """))
        #expect(level.line == 6 && level.field == "escalation.rules[0].to")
        #expect(level.message.contains("5"))

        let both = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: S1}]
                escalation:
                  rules:
                    - {severity: S1, unresolved_for: 1h, unacked_for: 15m, to: 2}
                """))
        #expect(both.line == 5 && both.field == "escalation.rules[0]")
    }

    @Test("two severities cannot share a name, even through aliases and spelling")
    func clashingAliases() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities:
                  - id: SEV1
                  - id: SEV2
                    aliases: [sev-1]
                """))
        #expect(error.line == 4)
        #expect(error.field == "severities[1]")
        #expect(error.message.contains("sev-1"))
    }

    @Test("an alias that spells a severity's own id differently is not a clash")
    func aliasOfOwnID() throws {
        let policy = try PolicyFixtures.parse(
            """
            name: p
            severities:
              - id: SEV0
                aliases: [sev-0, SEV_0, critical]
            """)
        #expect(policy.severity(named: "Sev 0")?.id == "SEV0")
        #expect(policy.severity(named: "critical")?.id == "SEV0")
    }

    @Test("an unknown detector kind names the kind field")
    func unknownDetectorKind() throws {
        let error = try #require(
            PolicyFixtures.loadError(
                """
                name: p
                severities: [{id: S1}]
                detectors:
                  - {kind: uptime, below: 0.9, severity: S1}
                """))
        #expect(error.line == 4 && error.field == "detectors[0].kind")
        #expect(error.message.contains("uptime_ratio"))
    }

    @Test("errors from a file carry its path")
    func errorFromFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-bad-\(UUID().uuidString).yaml")
        try "name: p\nseverities:\n  - id: S1\n    timers: [{name: ack, within: 15x}]\n".write(
            to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try PolicyLoader.load(path: url.path)
            Issue.record("a bad duration loaded")
        } catch let error as PolicyError {
            #expect(error.file == url.path)
            #expect(error.line == 4)
            #expect(error.field == "severities[0].timers[0].within")
            #expect(error.description.hasPrefix("\(url.path):4: severities[0].timers[0].within: "))
        }

        do {
            _ = try PolicyLoader.load(path: url.path + ".missing")
            Issue.record("a missing file loaded")
        } catch let error as PolicyError {
            #expect(error.file == url.path + ".missing")
            #expect(error.line == nil)
            #expect(error.message.contains("cannot read"))
        }
    }
}
