import Foundation
import Testing

@testable import IncidentKit

/// The two curated built-ins against their seeds. The numbers were written down from reading
/// the seeds before the runbooks were run through the loader.
@Suite("Built-in runbooks from the Pilot Rollback Plan and RB-LAUNCH-002")
struct SeedRunbookTests {
    /// The seed files hold their emoji double-encoded (UTF-8 read as Windows-1252 and encoded
    /// again); this produces that form of a text so it can be found in the seed verbatim.
    static func doubleEncoded(_ text: String) -> String {
        let cp1252: [UInt8: Unicode.Scalar] = [
            0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}",
            0x86: "\u{2020}", 0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}",
            0x8B: "\u{2039}", 0x8C: "\u{0152}", 0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}",
            0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}", 0x96: "\u{2013}", 0x97: "\u{2014}",
            0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}", 0x9C: "\u{0153}",
            0x9E: "\u{017E}", 0x9F: "\u{0178}",
        ]
        var out = String.UnicodeScalarView()
        for byte in text.utf8 {
            out.append(byte < 0x80 ? Unicode.Scalar(byte) : cp1252[byte] ?? Unicode.Scalar(byte))
        }
        return String(out)
    }

    static func runbook(_ id: String) throws -> Runbook {
        try #require(try BuiltinRunbooks.load(id)).runbook
    }

    /// Every command and verification of the runbook, each found verbatim in the seed (but for
    /// Sitrep's own `cd ..`, which returns to where the seed's next block starts).
    static func expectCommandsVerbatim(_ runbook: Runbook, seed prefix: String) throws {
        let seed = try MarkdownImporterTests.seedText(prefix)
        for step in runbook.steps {
            for command in step.commands.map(\.command) + (step.verify.map { [$0.command] } ?? [])
            where command != "cd .." {
                #expect(seed.contains(doubleEncoded(command)), "\(step.id): not in the seed: \(command)")
            }
        }
    }

    @Test("the Pilot Rollback Plan: 30 s + 60 s emergency steps, scenarios A-D as a choice, target 5 minutes")
    func pilotRollbackPlan() throws {
        let rb = try Self.runbook("pilot-rollback-plan")
        #expect(rb.targetSeconds == 300)
        #expect(rb.appliesTo.isEmpty)
        #expect(
            rb.steps.map(\.id) == [
                "kill-switch", "shutdown", "assess", "scenario-a", "scenario-a-backup", "scenario-a-defaults",
                "scenario-a-restart", "scenario-b", "scenario-c", "scenario-d", "validate",
            ])
        // Step 1 (30 seconds) in both options, Step 2 (60 seconds), the upper bounds of the
        // scenarios' time estimates (2-3 as three 1-minute steps, 3-5, 4-6, 5-10 minutes), then
        // Sitrep's 2 minutes.
        #expect(rb.steps.map(\.budgetSeconds) == [30, 30, 60, 60, 60, 60, 60, 300, 360, 600, 120])
        // Each step that enters pilot-deploy ends with `cd ..` (the run keeps one shell context;
        // the seed's blocks each start at the repository root).
        #expect(rb.steps.map(\.commands.count) == [2, 3, 3, 2, 1, 1, 2, 9, 7, 9, 3])
        for id in ["shutdown", "scenario-a-restart", "scenario-b", "scenario-c", "scenario-d"] {
            #expect(rb.step(id)?.commands.last?.command == "cd ..", "\(id)")
        }
        #expect(
            rb.steps.map { $0.verify != nil } == [
                false, false, false, false, false, false, true, true, true, false, true,
            ])
        #expect(rb.steps.compactMap(\.verify?.command).allSatisfy { $0 == "./scripts/pilot-smoke.sh" })
        #expect(rb.step("kill-switch")?.choices.map(\.goto) == ["assess", "shutdown"])
        let assess = try #require(rb.step("assess"))
        #expect(assess.choices.map(\.goto) == ["scenario-a", "scenario-b", "scenario-c", "scenario-d"])
        #expect(
            assess.choices.map { String($0.label.prefix(10)) } == [
                "Scenario A", "Scenario B", "Scenario C", "Scenario D",
            ])
        // Scenario A's "# OR": one of the two copies, never both in a row.
        #expect(rb.step("scenario-a")?.choices.map(\.goto) == ["scenario-a-backup", "scenario-a-defaults"])
        #expect(rb.step("scenario-a-backup")?.next == "scenario-a-restart")
        for id in ["scenario-a-restart", "scenario-b", "scenario-c", "scenario-d"] {
            #expect(rb.step(id)?.next == "validate")
        }
        #expect(rb.step("validate")?.checklist.count == 5)
        #expect(rb.step("scenario-b")?.commands[6].command == "sed -i '' 's/:latest/:v1.0.0/g' docker-compose.poc.yml")
        try Self.expectCommandsVerbatim(rb, seed: "002")
    }

    @Test("RB-LAUNCH-002: decision, three 5-minute pre-rollback checks, eight timed steps, target 15 minutes")
    func launchRollback() throws {
        let rb = try Self.runbook("rb-launch-002")
        #expect(rb.targetSeconds == 900)
        #expect(rb.appliesTo == ["P1", "P2"])
        #expect(rb.steps.count == 12)
        #expect(rb.steps[4...].map { String($0.title.prefix(7)) } == (1...8).map { "Step \($0):" })
        // Decision (Sitrep's minute), pre-rollback 5/5/5, then steps 1-8: 2, 3, 5, 2, 3, 5, 5, 2 minutes.
        #expect(
            rb.steps.map(\.budgetSeconds) == [60, 300, 300, 300, 120, 180, 300, 120, 180, 300, 300, 120])
        #expect(rb.steps.map(\.commands.count) == [0, 3, 3, 4, 5, 6, 3, 3, 1, 4, 2, 1])
        #expect(rb.steps.map(\.checklist.count) == [9, 1, 0, 0, 3, 1, 1, 0, 4, 6, 0, 0])
        let decide = rb.steps[0]
        #expect(
            decide.choices.map(\.label) == [
                "P1 incident: immediate rollback", "P2 incident: rollback after 30-min triage",
            ])
        #expect(decide.choices.allSatisfy { $0.goto == "confirm" })
        #expect(decide.checklist.filter { $0.hasPrefix("P1 ") }.count == 5)
        #expect(decide.checklist.contains("P1 Cost Runaway: Daily spend >$200 (4× budget)"))
        #expect(rb.step("verify-pilot")?.verify?.command == "blocks verify --path /tmp/test_output/ --strict")
        #expect(rb.steps.filter { $0.verify != nil }.count == 1)
        try Self.expectCommandsVerbatim(rb, seed: "003")
    }

    @Test("both lint without errors; the one warning is the seeds' own budgets exceeding their targets")
    func lint() throws {
        for (id, longest, target) in [
            ("pilot-rollback-plan", "14m00s", "5m00s"), ("rb-launch-002", "43m00s", "15m00s"),
        ] {
            let loaded = try #require(try BuiltinRunbooks.load(id))
            let findings = RunbookLint.check(loaded)
            #expect(findings.filter { $0.level == .error }.isEmpty, "\(findings)")
            #expect(
                findings.map(\.message) == [
                    "the longest path's budgets add up to \(longest), more than the target \(target)"
                ])
        }
    }
}
