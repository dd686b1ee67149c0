import Foundation
import Testing

@testable import IncidentKit

@Suite("Runbook YAML and lint")
struct RunbookLoaderTests {
    let good = """
        id: pilot-rollback
        title: Pilot rollback
        applies_to: [SEV-1, SEV-2]
        target: 15m
        steps:
          - id: stop
            title: Stop the node runner process
            budget: 2m
            commands: ["pkill -f pilot_node_runner.py"]
            checklist: [Runner stopped]
          - id: pick
            title: Which rollback?
            budget: 30s
            choices:
              - {label: Config only, goto: config}
              - {label: Code, goto: code}
          - id: config
            title: Revert the flag
            budget: 3m
            instructions: Set pilot.enabled to false
            next: verify
          - id: code
            title: Revert the commit
            budget: 5m
            commands: ["git revert <commit-hash>"]
          - id: verify
            title: Confirm health
            budget: 2m
            verify: "python3 scripts/check_pilot_metrics.py pilot/pilot_metrics.json --require-status-collected"
        """

    @Test("a runbook loads with steps, budgets, commands, checklist, choices and verification")
    func loads() throws {
        let loaded = try RunbookLoader.parse(text: good, file: "rb.yaml")
        let rb = loaded.runbook
        #expect(rb.id == "pilot-rollback")
        #expect(rb.targetSeconds == 900)
        #expect(rb.appliesTo == ["SEV-1", "SEV-2"])
        #expect(rb.steps.map(\.id) == ["stop", "pick", "config", "code", "verify"])
        #expect(rb.steps[0].budgetSeconds == 120)
        #expect(rb.steps[0].commands == [RunbookCommand("pkill -f pilot_node_runner.py")])
        #expect(rb.steps[1].choices.map(\.goto) == ["config", "code"])
        #expect(rb.steps[2].next == "verify")
        #expect(rb.steps[4].verify?.command.hasPrefix("python3 scripts/check_pilot_metrics.py") == true)
        #expect(loaded.stepLines["config"] == 17)
        #expect(RunbookLint.check(loaded).isEmpty)
    }

    @Test("lint names an unknown step in a branch with its line")
    func unknownStep() throws {
        let text = good.replacingOccurrences(of: "goto: code}", with: "goto: kode}")
        let findings = RunbookLint.check(try RunbookLoader.parse(text: text, file: "rb.yaml"))
        let unknown = try #require(findings.first { $0.message.contains("unknown step \"kode\"") })
        #expect(unknown.level == .error)
        #expect(unknown.line == 16)
        // With the branch broken, the code step can no longer be reached.
        #expect(findings.contains { $0.message == "step code cannot be reached from the first step" })
    }

    @Test("lint finds unreachable steps and missing budgets under a target")
    func unreachableAndBudgets() throws {
        let text = """
            id: x
            target: 5m
            steps:
              - {id: a, title: A, budget: 1m, commands: [echo a], next: c}
              - {id: b, title: B, commands: [echo b]}
              - {id: c, title: C, budget: 1m, commands: [echo c]}
            """
        let findings = RunbookLint.check(try RunbookLoader.parse(text: text, file: "x.yaml"))
        #expect(
            findings.map(\.description).sorted() == [
                "x.yaml:5: error: step b cannot be reached from the first step",
                "x.yaml:5: warning: step b has no budget but the runbook has a target",
            ])
    }

    @Test("budgets over the target and empty steps are warnings")
    func warnings() throws {
        let text = """
            id: y
            target: 2m
            steps:
              - {id: a, title: A, budget: 2m, commands: [echo a]}
              - {id: b, title: B, budget: 1m}
            """
        let findings = RunbookLint.check(try RunbookLoader.parse(text: text, file: "y.yaml"))
        #expect(findings.allSatisfy { $0.level == .warning })
        #expect(findings.contains { $0.message.contains("step b says nothing to do") })
        #expect(findings.contains { $0.message.contains("add up to 3m00s, more than the target 2m00s") })
        // Branches are alternatives: the longest path counts, not the sum of every step.
        #expect(
            RunbookLint.longestBudget(try RunbookLoader.parse(text: RunbookLoaderTests().good, file: "rb.yaml").runbook)
                == 120 + 30 + 300 + 120)
    }

    @Test("format errors name file, line and field; duplicate step ids are refused")
    func errors() {
        #expect {
            try RunbookLoader.parse(text: "id: z\nsteps:\n  - {id: a, budget: soon}\n", file: "z.yaml")
        } throws: { error in
            let e = error as? PolicyError
            return e?.line == 3 && e?.field == "steps[0].budget"
        }
        #expect {
            try RunbookLoader.parse(text: "id: z\nsteps:\n  - {id: a}\n  - {id: a}\n", file: "z.yaml")
        } throws: { error in
            (error as? PolicyError)?.message.contains("used twice") == true
        }
        #expect {
            try RunbookLoader.parse(text: "id: z\nsteps:\n  - {id: a, comand: x}\n", file: "z.yaml")
        } throws: { error in
            (error as? PolicyError)?.field == "steps[0].comand"
        }
    }

    @Test("the JSON form has the documented keys")
    func json() throws {
        let value = RunbookJSON.render(try RunbookLoader.parse(text: good, file: "rb.yaml").runbook)
        // Everything the runbook holds, so `import --json` output loads back (RunbookCorpusTests).
        #expect(value.objectValue?.keys == ["id", "title", "source", "applies_to", "target_s", "steps"])
        #expect(
            value["steps"]?.arrayValue?.first?.objectValue?.keys == [
                "id", "title", "budget_s", "commands", "checklist", "choices",
            ])
        #expect(value["steps"]?.arrayValue?[1]["choices"]?.arrayValue?.first?["goto"]?.stringValue == "config")
    }
}

@Suite("Built-in runbooks")
struct BuiltinRunbookTests {
    /// Errors only: two seeds' own budgets exceed their targets, a warning pinned in SeedRunbookTests.
    @Test("every built-in runbook loads and lints without errors", arguments: BuiltinRunbooks.all.map(\.id))
    func lintsClean(id: String) throws {
        let loaded = try #require(try BuiltinRunbooks.load(id))
        #expect(loaded.runbook.id == id)
        let findings = RunbookLint.check(loaded)
        #expect(findings.filter { $0.level == .error }.isEmpty, "\(findings)")
        if !["pilot-rollback-plan", "rb-launch-002"].contains(id) { #expect(findings.isEmpty, "\(findings)") }
    }

    @Test("the incident runbook's code rollback offers git revert OR git reset --hard, never both in a row")
    func incidentRunbookRevertIsAChoice() throws {
        let rb = try #require(try BuiltinRunbooks.load("incident-runbook-rollback")).runbook
        let revert = try #require(rb.step("revert-code"))
        #expect(revert.commands.isEmpty)
        #expect(revert.choices.map(\.goto) == ["revert-commit", "reset-commit"])
        #expect(rb.step("revert-commit")?.commands.map(\.command) == ["git revert <commit-hash>"])
        #expect(rb.step("reset-commit")?.commands.map(\.command) == ["git reset --hard <commit-hash>"])
        #expect(rb.step("revert-commit")?.next == "deploy")
        #expect(RunbookLint.successors(of: rb.steps.firstIndex { $0.id == "reset-commit" }!, in: rb) == ["deploy"])
    }

    @Test("the pilot playbook rollback carries the seed's five steps and its three check commands")
    func pilotPlaybook() throws {
        let rb = try #require(try BuiltinRunbooks.load("pilot-playbook-rollback")).runbook
        #expect(rb.steps.count == 5)
        #expect(rb.steps[2].commands.count == 3)
        #expect(
            rb.steps[2].commands[0].command
                == "python3 scripts/smoke_check.py --include-fairness --json-out smoke_summary.json")
        #expect(
            rb.steps[3].commands == [
                RunbookCommand("python3 scripts/pilot_node_runner.py --config pilot/node_config.json")
            ])
    }

    @Test("the recovery decision tree branches three ways after five minutes of triage")
    func tradingOps() throws {
        let rb = try #require(try BuiltinRunbooks.load("trading-ops-recovery")).runbook
        #expect(rb.steps.prefix(3).compactMap(\.budgetSeconds).reduce(0, +) == 300)
        #expect(rb.step("classify")?.choices.map(\.goto) == ["data-quality", "reconciliation", "broker"])
    }
}
