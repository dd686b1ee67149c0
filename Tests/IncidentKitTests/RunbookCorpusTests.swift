import Foundation
import Testing

@testable import IncidentKit

/// Markdown runbooks written in the styles of public ones (RunbookCorpus/). What each must
/// become was written down from reading them, before the importer was first run on them.
@Suite("Runbook corpus")
struct RunbookCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("RunbookCorpus")

    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: directory.appendingPathComponent(name)), as: UTF8.self)
    }

    static func load(_ name: String) throws -> Runbook {
        MarkdownImporter.importRunbook(text: try text(name), source: name).runbook
    }

    static func step(_ runbook: Runbook, titled prefix: String) throws -> RunbookStep {
        try #require(
            runbook.steps.first { $0.title.hasPrefix(prefix) },
            "no step titled \(prefix)… in \(runbook.steps.map(\.title))")
    }

    /// The commands of the steps a step's choices lead to, one per branch.
    static func branchCommands(_ runbook: Runbook, _ step: RunbookStep) -> [[String]] {
        step.choices.map { choice in runbook.step(choice.goto)?.commands.map(\.command) ?? [] }
    }

    static let names = [
        "alert-pod-crashlooping.md", "openshift-operator-degraded.md", "gitlab-patroni-switchover.md",
        "pagerduty-major-incident.md", "rollback-adr.md", "launch-checkout-v2.md", "postmortem-template.md",
    ]

    @Test("a Prometheus-style alert: inline invocations are commands, \"A or B\" is a choice")
    func alertRunbook() throws {
        let rb = try Self.load("alert-pod-crashlooping.md")
        #expect(rb.title == "KubePodCrashLooping")
        #expect(rb.targetSeconds == nil)
        #expect(rb.description?.contains("CrashLoop") == true)
        #expect(rb.steps.count == 4)
        let diagnosis = try Self.step(rb, titled: "Diagnosis")
        #expect(
            diagnosis.commands.map(\.command) == [
                "kubectl -n $NAMESPACE get pod $POD", "kubectl -n $NAMESPACE describe pod $POD",
                "kubectl -n $NAMESPACE logs $POD -c $CONTAINER",
            ])
        #expect(diagnosis.instructions.joined(separator: "\n").contains("readinessProbe"))
        let mitigation = try Self.step(rb, titled: "Mitigation")
        #expect(mitigation.commands.isEmpty)
        #expect(
            Self.branchCommands(rb, mitigation) == [
                ["make rollback REV=<revision>"], ["kubectl -n $NAMESPACE rollout undo deployment/$DEPLOYMENT"],
            ])
    }

    @Test("OpenShift console blocks: prompts removed, the lines under them are expected output")
    func consoleBlocks() throws {
        let rb = try Self.load("openshift-operator-degraded.md")
        #expect(rb.steps.map(\.title) == ["Diagnosis", "Mitigation"])
        let diagnosis = rb.steps[0]
        #expect(
            diagnosis.commands.map(\.command) == [
                "oc adm upgrade", "oc get clusteroperators", "oc get clusteroperator authentication -o yaml",
            ])
        #expect(diagnosis.commands.map(\.output.count) == [3, 3, 0])
        #expect(diagnosis.commands[0].output.first == "Cluster version is 4.14.3")
        #expect(
            rb.steps[1].commands.map(\.command) == [
                "oc -n openshift-authentication get pods",
                "oc -n openshift-authentication describe pod oauth-openshift-abc12",
            ])
    }

    @Test("GitLab numbered steps with indented fences: a root prompt, its output table, config as text")
    func gitlabSteps() throws {
        let rb = try Self.load("gitlab-patroni-switchover.md")
        // "Target: under 1 second" is a metric inside step 4, not the runbook's target.
        #expect(rb.targetSeconds == nil)
        #expect(rb.steps.count == 5)
        #expect(rb.steps.map(\.commands.count) == [1, 1, 0, 1, 1])
        #expect(rb.steps.map(\.budgetSeconds) == [nil, 120, nil, nil, nil])
        #expect(rb.steps[0].commands.first?.command == "gitlab-patronictl list")
        #expect(rb.steps[0].commands.first?.output.count == 6)
        #expect(rb.steps[2].instructions.joined(separator: "\n").contains("max_connections: 500"))
        #expect(rb.steps[3].commands.first?.command.hasPrefix("sudo gitlab-ctl patroni switchover") == true)
    }

    @Test("a PagerDuty-style role guide: roles are the description, cadences are reminders")
    func pagerDutyRoles() throws {
        let rb = try Self.load("pagerduty-major-incident.md")
        #expect(rb.description?.contains("Customer Liaison") == true)
        #expect(rb.steps.count == 5)
        #expect(rb.steps.allSatisfy { $0.commands.isEmpty })
        #expect(rb.targetSeconds == nil)
        #expect(Set(rb.reminders.map(\.everySeconds)) == [1800, 600])
    }

    @Test("a rollback ADR: `# OR` is a choice, the shell context commands stay in order")
    func rollbackADR() throws {
        let rb = try Self.load("rollback-adr.md")
        #expect(rb.steps.count == 6)
        #expect(rb.description?.contains("never patch in place") == true)
        #expect(rb.description?.contains("Consequences") == true)
        let revert = try Self.step(rb, titled: "Revert the bad change")
        #expect(revert.commands.isEmpty)
        #expect(
            Self.branchCommands(rb, revert) == [["git revert <commit-hash>"], ["git reset --hard <commit-hash>"]])
        let redeploy = try Self.step(rb, titled: "Redeploy")
        for choice in revert.choices { #expect(rb.step(choice.goto)?.next == redeploy.id) }
        #expect(redeploy.budgetSeconds == 300)
        #expect(
            redeploy.commands.map(\.command) == [
                "cd deploy/payments", "export RELEASE=v2.3.1", "./deploy.sh \"$RELEASE\"",
            ])
        #expect(rb.steps.last?.commands.map(\.command) == ["curl -fsS https://payments.internal/healthz"])
    }

    @Test("a launch runbook: document target, cadences, go/no-go and scenario choices, Option 1/2/3")
    func launchRunbook() throws {
        let rb = try Self.load("launch-checkout-v2.md")
        #expect(rb.targetSeconds == 2700)
        #expect(Set(rb.reminders.map(\.everySeconds)) == [900, 600])
        let gate = try Self.step(rb, titled: "Go/No-Go")
        #expect(gate.checklist.count == 3)
        #expect(gate.choices.map(\.label) == ["Go", "No-Go"])
        let first = try Self.step(rb, titled: "Step 1:")
        let scenarioB = try Self.step(rb, titled: "Scenario B")
        #expect(gate.choices.map(\.goto) == [first.id, scenarioB.id])
        #expect(first.budgetSeconds == 300)
        #expect(first.commands.map(\.command) == ["./flags set checkout_v2 --percent 10"])
        #expect(try Self.step(rb, titled: "Step 2:").budgetSeconds == 600)
        let scenarioA = try Self.step(rb, titled: "Scenario A")
        #expect(
            Self.branchCommands(rb, scenarioA) == [
                ["./flags set checkout_v2 --percent 0"], ["kubectl rollout undo deployment/checkout"],
                ["kubectl scale deployment/checkout --replicas=12"],
            ])
        #expect(scenarioB.commands.map(\.command) == ["./flags set checkout_v2 --percent 0"])
    }

    @Test("a post-mortem template imports with a note and no steps")
    func template() throws {
        let rb = try Self.load("postmortem-template.md")
        #expect(rb.steps.isEmpty)
        #expect(rb.notice?.contains("template") == true)
        let loaded = try RunbookCatalog.parse(Array(try Self.text("postmortem-template.md").utf8), path: "pm.md")
        let findings = RunbookLint.check(loaded)
        #expect(findings.filter { $0.level == .error }.isEmpty, "\(findings)")
        #expect(findings.contains { $0.level == .warning && $0.message.contains("not a procedure") })
    }

    @Test("no imported runbook has lint errors; missing budgets are warnings")
    func lintErrorsAndWarnings() throws {
        for name in Self.names {
            let loaded = try RunbookCatalog.parse(Array(try Self.text(name).utf8), path: name)
            let errors = RunbookLint.check(loaded).filter { $0.level == .error }
            #expect(errors.isEmpty, "\(name): \(errors)")
        }
        let launch = try RunbookCatalog.parse(Array(try Self.text("launch-checkout-v2.md").utf8), path: "l.md")
        #expect(RunbookLint.check(launch).contains { $0.level == .warning && $0.message.contains("no budget") })
    }

    @Test("import --json output loads back as the same runbook")
    func jsonRoundTrip() throws {
        for name in Self.names where name != "postmortem-template.md" {
            let rb = try Self.load(name)
            let json = JSONWriter.string(RunbookJSON.render(rb), pretty: true)
            let back = try RunbookCatalog.parse(Array(json.utf8), path: "back.json").runbook
            #expect(back.id == rb.id)
            #expect(back.targetSeconds == rb.targetSeconds)
            #expect(back.steps == rb.steps, "\(name)")
            #expect(back.reminders == rb.reminders, "\(name)")
        }
    }
}
