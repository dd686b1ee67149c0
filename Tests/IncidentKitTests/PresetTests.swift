import Foundation
import Testing

@testable import IncidentKit

@Suite("Built-in presets")
struct PresetTests {
    typealias F = PolicyFixtures

    static let names = ["pilot-playbook", "incident-runbook", "launch-rollback", "trading-ops"]

    func within(_ policy: Policy, _ severity: String, _ timer: String) throws -> TimerSpec {
        let sev = try #require(policy.severities.first { $0.id == severity })
        return try #require(sev.timers.first { $0.name == timer })
    }

    @Test("the four presets are listed in order and the default is one of them")
    func listed() throws {
        #expect(BuiltinPolicies.all.map(\.name) == Self.names)
        #expect(Self.names.contains(BuiltinPolicies.defaultName))
        #expect(BuiltinPolicies.yaml(named: "no-such-preset") == nil)
        #expect(try BuiltinPolicies.policy(named: "no-such-preset") == nil)
    }

    @Test("each preset loads under its own name", arguments: names)
    func loads(_ name: String) throws {
        let yaml = try #require(BuiltinPolicies.yaml(named: name))
        let policy = try PolicyLoader.parse(text: yaml, file: "built-in:\(name)")
        #expect(policy.name == name)
        #expect(!policy.severities.isEmpty)
        #expect(!policy.levels.isEmpty)
        #expect(policy.levels.map(\.level) == Array(1...policy.levels.count))
        #expect(policy.source?.isEmpty == false)
        // Every rule and detector names a severity of the preset, every rule a level of its ladder.
        for rule in policy.rules {
            #expect(policy.level(rule.to) != nil)
            for id in rule.severities { #expect(policy.severities.contains { $0.id == id }) }
        }
        for detector in policy.detectors { #expect(policy.severities.contains { $0.id == detector.severity }) }
        #expect(try BuiltinPolicies.policy(named: name) == policy)
    }

    // MARK: pilot-playbook (seed 000)

    @Test("pilot-playbook carries the playbook's SLAs")
    func pilotPlaybook() throws {
        let p = try F.preset("pilot-playbook")
        #expect(p.severities.map(\.id) == ["SEV-1", "SEV-2", "SEV-3"])
        #expect(p.severities[0].critical)

        let ack1 = try within(p, "SEV-1", "ack")
        #expect(
            ack1.kind == .within(PolicyDuration(seconds: 15 * 60)) && ack1.clock == .wall && ack1.until == .acknowledged
        )
        let mit1 = try within(p, "SEV-1", "mitigate")
        #expect(mit1.kind == .within(PolicyDuration(seconds: 60 * 60)) && mit1.until == .mitigated)
        let upd1 = try within(p, "SEV-1", "update")
        #expect(upd1.kind == .every(PolicyDuration(seconds: 60 * 60)) && upd1.until == .resolved)

        let ack2 = try within(p, "SEV-2", "ack")
        #expect(ack2.duration.wallSeconds == 4 * 3600 && ack2.clock == .wall && !ack2.repeats)
        let mit2 = try within(p, "SEV-2", "mitigate")
        #expect(mit2.duration.wallSeconds == 24 * 3600 && mit2.clock == .wall && mit2.until == .mitigated)
        #expect(mit2.label == "Mitigation plan")

        let ack3 = try within(p, "SEV-3", "ack")
        #expect(ack3.kind == .within(PolicyDuration(days: 2)) && ack3.clock == .business)
        #expect(p.seconds(ack3.duration, on: .business) == 16 * 3600)
        #expect(p.severities[2].timers.count == 1)

        #expect(p.levels.count == 3)
        #expect(
            p.rules == [
                EscalationRule(severities: ["SEV-1"], condition: .unresolvedFor(PolicyDuration(seconds: 3600)), to: 3)
            ])
        #expect(p.level(3)?.criteria.contains { $0.contains("60 minutes") } == true)
    }

    // MARK: incident-runbook (seed 001)

    @Test("incident-runbook carries SEV0..SEV3 response times and the L1..L4 ladder")
    func incidentRunbook() throws {
        let p = try F.preset("incident-runbook")
        #expect(p.calendar.timeZone.identifier == "Europe/Berlin")
        #expect(p.calendar.startMinute == 9 * 60 && p.calendar.endMinute == 17 * 60)
        #expect(p.calendar.days == [.mon, .tue, .wed, .thu, .fri])
        #expect(p.severities.map(\.id) == ["SEV0", "SEV1", "SEV2", "SEV3"])

        let sev0 = try within(p, "SEV0", "respond")
        #expect(
            sev0.kind == .within(PolicyDuration(seconds: 15 * 60)) && sev0.clock == .wall && sev0.until == .acknowledged
        )
        let sev1 = try within(p, "SEV1", "respond")
        #expect(sev1.duration.wallSeconds == 3600 && sev1.clock == .wall)
        let sev2 = try within(p, "SEV2", "respond")
        #expect(sev2.duration.wallSeconds == 4 * 3600 && sev2.clock == .business)
        let sev3 = try within(p, "SEV3", "respond")
        #expect(sev3.kind == .within(PolicyDuration(days: 1)) && sev3.clock == .business)
        #expect(p.seconds(sev3.duration, on: .business) == 8 * 3600)

        #expect(p.levels.map(\.level) == [1, 2, 3, 4])
        #expect(p.levels.map(\.name) == ["Operator", "On-call engineer", "Pilot coordinator", "Decision owner"])
        #expect(
            p.rules.contains(
                EscalationRule(severities: ["SEV0"], condition: .unresolvedFor(.init(seconds: 900)), to: 2)))
        #expect(
            p.rules.contains(
                EscalationRule(severities: ["SEV1"], condition: .unresolvedFor(.init(seconds: 3600)), to: 2)))
        #expect(p.rules.allSatisfy { $0.clock == .wall })
    }

    // MARK: launch-rollback (seed 003)

    @Test("launch-rollback carries P1..P4, the 30-minute P2 triage window and L1..L4")
    func launchRollback() throws {
        let p = try F.preset("launch-rollback")
        #expect(p.severities.map(\.id) == ["P1", "P2", "P3", "P4"])
        let triage = try within(p, "P2", "triage")
        #expect(
            triage.kind == .within(PolicyDuration(seconds: 30 * 60)) && triage.clock == .wall
                && triage.until == .mitigated)
        #expect(try within(p, "P1", "resolve").duration.wallSeconds == 30 * 60)
        #expect(p.severities[2].timers.isEmpty && p.severities[3].timers.isEmpty)
        #expect(p.levels.map(\.level) == [1, 2, 3, 4])
        #expect(p.levels.map(\.name) == ["SRE on-call", "Incident commander", "Engineering TL", "VP Engineering"])
        #expect(p.recoveryObjective == PolicyDuration(seconds: 30 * 60))
        #expect(p.rules.contains { $0.to == 4 && $0.severities.contains("P1") && $0.severities.contains("P2") })
    }

    // MARK: trading-ops (seed 004)

    @Test("trading-ops carries critical/warning and the 15-minute acknowledgment SLA")
    func tradingOps() throws {
        let p = try F.preset("trading-ops")
        #expect(p.severities.map(\.id) == ["critical", "warning"])
        #expect(p.severities[0].critical && !p.severities[1].critical)
        let ack = try within(p, "critical", "ack")
        #expect(
            ack.kind == .within(PolicyDuration(seconds: 15 * 60)) && ack.clock == .wall && ack.until == .acknowledged)
        #expect(p.severities[1].timers.isEmpty)
        #expect(
            p.rules == [EscalationRule(severities: ["critical"], condition: .unackedFor(.init(seconds: 900)), to: 2)])
        #expect(p.recoveryObjective == PolicyDuration(seconds: 15 * 60))
        // The SLO thresholds, read as fractions.
        #expect(p.detectors.first { $0.kind == .reconciliationPassRate }?.threshold == 0.995)
        #expect(p.detectors.first { $0.kind == .errorRate }?.threshold == 0.02)
        #expect(p.detectors.first { $0.kind == .reconciliationMismatchStreak }?.threshold == 3)
    }

    // MARK: Severity names and aliases

    @Test(
        "pilot-playbook severity spellings",
        arguments: [
            ("SEV1", "SEV-1"), ("SEV-1", "SEV-1"), ("sev1", "SEV-1"), ("Sev 1", "SEV-1"), ("sev_1", "SEV-1"),
            ("pilot:sev1", "SEV-1"), ("SEV2", "SEV-2"), ("pilot:sev2", "SEV-2"), ("sev-3", "SEV-3"),
        ])
    func pilotAliases(_ name: String, _ id: String) throws {
        #expect(try F.preset("pilot-playbook").severity(named: name)?.id == id)
    }

    @Test(
        "incident-runbook severity spellings",
        arguments: [
            ("SEV0", "SEV0"), ("critical", "SEV0"), ("Critical", "SEV0"), ("SEV1", "SEV1"), ("SEV-1", "SEV1"),
            ("sev1", "SEV1"), ("high", "SEV1"), ("sev-2", "SEV2"), ("Medium", "SEV2"), ("low", "SEV3"),
        ])
    func runbookAliases(_ name: String, _ id: String) throws {
        #expect(try F.preset("incident-runbook").severity(named: name)?.id == id)
    }

    @Test(
        "launch-rollback and trading-ops severity spellings",
        arguments: [
            ("launch-rollback", "critical", "P1"), ("launch-rollback", "p1", "P1"), ("launch-rollback", "major", "P2"),
            ("launch-rollback", "P-4", "P4"), ("trading-ops", "CRITICAL", "critical"),
            ("trading-ops", "crit", "critical"),
            ("trading-ops", "page", "critical"), ("trading-ops", "warn", "warning"),
            ("trading-ops", "Warning", "warning"),
        ])
    func otherAliases(_ preset: String, _ name: String, _ id: String) throws {
        #expect(try F.preset(preset).severity(named: name)?.id == id)
    }

    @Test(
        "names a preset does not know",
        arguments: [
            ("pilot-playbook", "SEV0"), ("pilot-playbook", "SEV4"), ("incident-runbook", "SEV4"),
            ("incident-runbook", ""),
            ("incident-runbook", "--"), ("launch-rollback", "P5"), ("trading-ops", "SEV1"), ("trading-ops", "info"),
        ])
    func unknownNames(_ preset: String, _ name: String) throws {
        #expect(try F.preset(preset).severity(named: name) == nil)
    }

    @Test("severities rank most severe first; unknown ones last")
    func ranks() throws {
        let p = try F.preset("incident-runbook")
        #expect(p.rank(of: "SEV0") == 0 && p.rank(of: "SEV3") == 3)
        #expect(p.rank(of: "bogus") == 4)
    }

    @Test("an opened incident takes the canonical id of the severity it names")
    func foldCanonical() throws {
        let p = try F.preset("incident-runbook")
        let incident = try F.incident(p, severity: "critical", openedAt: "2025-11-18T10:00:00Z")
        #expect(incident.severity == "SEV0" && incident.severityKnown)
        let unknown = try F.incident(p, severity: "urgent", openedAt: "2025-11-18T10:00:00Z")
        #expect(unknown.severity == "urgent" && !unknown.severityKnown)
    }
}
