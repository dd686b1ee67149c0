import Foundation
import Testing

@testable import IncidentKit

/// Expectations for the seeds were written down from reading them, before running the importer.
@Suite("MarkdownImporter")
struct MarkdownImporterTests {
    struct SeedMissing: Error, CustomStringConvertible {
        let description: String
    }

    /// /work/main/Tests/IncidentKitTests/this.swift → /work/shared/seeds
    static let seedsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/seeds")

    static func seedText(_ prefix: String) throws -> String {
        let dir = seedsDirectory.path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            Issue.record("seed directory missing: \(dir)")
            throw SeedMissing(description: "seed directory missing: \(dir)")
        }
        guard let name = names.sorted().first(where: { $0.hasPrefix(prefix) }) else {
            Issue.record("no seed \(prefix)* in \(dir)")
            throw SeedMissing(description: "no seed \(prefix)* in \(dir)")
        }
        let data = try Data(contentsOf: seedsDirectory.appendingPathComponent(name))
        return String(decoding: data, as: UTF8.self)
    }

    static func seed(_ prefix: String) throws -> MarkdownImport {
        MarkdownImporter.importRunbook(text: try seedText(prefix), source: prefix)
    }

    static func step(_ runbook: Runbook, _ n: Int) throws -> RunbookStep {
        try #require(runbook.step("step-\(n)"), "no step-\(n) in \(runbook.steps.count) steps")
    }

    static func step(_ runbook: Runbook, titled prefix: String) throws -> RunbookStep {
        try #require(runbook.steps.first { $0.title.hasPrefix(prefix) }, "no step titled \(prefix)…")
    }

    // MARK: - Seed 000: Pilot Operations Playbook

    @Test func pilotOperationsPlaybook() throws {
        let rb = try Self.seed("000").runbook
        #expect(rb.title == "Pilot Operations Playbook")
        #expect(rb.id == "pilot-operations-playbook")
        #expect(rb.targetSeconds == nil)
        #expect(rb.steps.count == 14)
        // Roles, SLAs and trigger examples come before any procedure: they are the description.
        #expect(rb.description?.contains("Roles and ownership") == true)
        #expect(try Self.step(rb, 1).title.hasPrefix("Create a GitHub issue"))
        #expect(try Self.step(rb, 6).title.hasPrefix("Close with root cause"))
        #expect(try Self.step(rb, 7).title == "Stop the node runner process.")
        let rerun = try Self.step(rb, 9)
        #expect(rerun.title == "Re-run smoke and pilot metric checks:")
        #expect(rerun.commands.count == 3)
        #expect(
            try Self.step(rb, 10).commands.map(\.command) == [
                "python3 scripts/pilot_node_runner.py --config pilot/node_config.json"
            ])
        #expect(try Self.step(rb, 12).title == "Escalation path")
        #expect(try Self.step(rb, 14).checklist.count == 3)
        #expect(rb.steps.allSatisfy { $0.budgetSeconds == nil && $0.choices.isEmpty })
    }

    // MARK: - Seed 004: Operations Runbook

    @Test func operationsRunbook() throws {
        let rb = try Self.seed("004").runbook
        #expect(rb.title == "Operations Runbook")
        #expect(rb.id == "operations-runbook")
        #expect(rb.targetSeconds == nil)
        // 14: the closing "Promotion Readiness" section asks for nothing and goes to the description.
        #expect(rb.steps.count == 14)
        #expect(try Self.step(rb, 1).title.hasPrefix("Confirm kill switch state"))
        #expect(try Self.step(rb, 2).instructions.contains { $0.contains("last SLO breach") })
        let tree = try Self.step(rb, 5)
        #expect(tree.title == "Recovery Decision Tree")
        #expect(tree.choices.map(\.goto) == ["step-6", "step-7", "step-8"])
        #expect(tree.choices.first?.label == "If data quality breach:")
        #expect(try Self.step(rb, 6).next == "step-9")
        #expect(try Self.step(rb, 7).next == "step-9")
        #expect(try Self.step(rb, 9).title == "Incident Acknowledgment")
        #expect(try Self.step(rb, 9).commands.count == 1)
        #expect(
            try Self.step(rb, 10).commands.map(\.command) == [
                "python scripts/chaos_drill.py --output results/chaos_drill_latest.json"
            ])
        #expect(rb.description?.contains("Promotion Readiness (Operational)") == true)
    }

    // MARK: - Seed 002: Pilot Rollback Plan

    @Test func pilotRollbackPlan() throws {
        let rb = try Self.seed("002").runbook
        #expect(rb.title == "Pilot Rollback Plan")
        #expect(rb.targetSeconds == 300)
        // 26: Scenario A's `cp .env.poc.backup` `# OR` `cp .env.poc.example` is a choice of two
        // branch steps, and the commands after it (restart, smoke test) a step of their own (+3).
        // 29: Scenario D's `sudo systemctl restart docker  # Linux` `# OR restart Docker Desktop
        // (macOS/Windows)` is a choice too, the second branch a manual action (+3).
        #expect(rb.steps.count == 29)

        let disable = try Self.step(rb, 1)
        #expect(disable.title.contains("Immediate Traffic Disable"))
        #expect(disable.budgetSeconds == 30)
        #expect(disable.choices.map(\.goto) == ["step-2", "step-3"])
        #expect(disable.choices.map(\.label) == ["Option A: Kill Switch Activation", "Option B: Service Shutdown"])
        let killSwitch = try Self.step(rb, 2)
        #expect(killSwitch.commands.count == 2)
        #expect(killSwitch.commands.first?.command.hasPrefix("curl -X POST") == true)
        #expect(killSwitch.commands.first?.command.components(separatedBy: "\n").count == 3)
        #expect(killSwitch.commands.first?.notes == ["Stop all incoming requests immediately"])
        #expect(killSwitch.next == "step-4")
        #expect(try Self.step(rb, 3).commands.count == 2)

        let assess = try Self.step(rb, 4)
        #expect(assess.title.contains("Assess Impact"))
        #expect(assess.budgetSeconds == 60)
        #expect(assess.commands.count == 3)

        let choose = try Self.step(rb, 5)
        #expect(choose.title == "Choose a scenario")
        #expect(choose.choices.map(\.goto) == ["step-6", "step-10", "step-11", "step-12"])
        #expect(
            choose.choices.map { String($0.label.prefix(10)) } == [
                "Scenario A", "Scenario B", "Scenario C", "Scenario D",
            ])
        let scenarios = [6, 10, 11, 12]
        #expect(try scenarios.map { try Self.step(rb, $0).budgetSeconds } == [180, 300, 360, 600])
        #expect(try scenarios.map { try Self.step(rb, $0).commands.count } == [2, 9, 7, 4])
        // Scenario D: check and prune (4), then restart the daemon on Linux or Docker Desktop by
        // hand, then redeploy and monitor whichever was picked.
        let scenarioD = try Self.step(rb, 12)
        #expect(scenarioD.choices.map(\.goto) == ["step-13", "step-14"])
        #expect(scenarioD.choices.last?.label == "OR restart Docker Desktop (macOS/Windows)")
        #expect(try Self.step(rb, 13).commands.map(\.command) == ["sudo systemctl restart docker  # Linux"])
        #expect(try Self.step(rb, 14).commands.isEmpty)
        #expect(try [13, 14].map { try Self.step(rb, $0).next } == ["step-15", "step-15"])
        #expect(
            try Self.step(rb, 15).commands.map(\.command) == [
                "cd pilot-deploy", "./scripts/pilot-up.sh", "docker stats",
            ])
        // Scenario A: stop (2 commands), then one of the two `cp`, then restart and smoke test.
        let scenarioA = try Self.step(rb, 6)
        #expect(scenarioA.choices.map(\.goto) == ["step-7", "step-8"])
        #expect(try Self.step(rb, 7).commands.map(\.command) == ["cp .env.poc.backup .env.poc  # If backup exists"])
        #expect(try Self.step(rb, 8).commands.map(\.command) == ["cp .env.poc.example .env.poc  # Reset to defaults"])
        #expect(try [7, 8].map { try Self.step(rb, $0).next } == ["step-9", "step-9"])
        #expect(try Self.step(rb, 9).commands.map(\.command) == ["./scripts/pilot-up.sh", "../scripts/pilot-smoke.sh"])
        #expect(try [9, 10, 11].map { try Self.step(rb, $0).next } == ["step-16", "step-16", "step-16"])

        #expect(try Self.step(rb, titled: "Success Criteria").checklist.count == 5)
        #expect(try Self.step(rb, titled: "Docker Image Tags").commands.isEmpty)
        #expect(try Self.step(rb, titled: "Docker Image Tags").instructions.contains { $0.contains("services:") })
        #expect(try Self.step(rb, titled: "Verify Restoration").commands.count == 4)
        #expect(try Self.step(rb, titled: "Deep Diagnostic").commands.count == 7)
        #expect(
            try ["Level 1", "Level 2", "Level 3"].map { try Self.step(rb, titled: $0).budgetSeconds } == [
                300, 900, 900,
            ])
        #expect(try Self.step(rb, titled: "Emergency Commands").commands.count == 4)
    }

    // MARK: - Seed 003: RB-LAUNCH-002

    @Test func rollbackToPilotScope() throws {
        let rb = try Self.seed("003").runbook
        #expect(rb.id == "RB-LAUNCH-002")
        #expect(rb.title == "Runbook: Rollback to Pilot Scope")
        // "Total Time: 10-15 minutes" (upper bound); the drill's "Target: …<20 minutes" loses to it.
        #expect(rb.targetSeconds == 900)
        // 23: the closing "Change Log" section asks for nothing and goes to the description.
        #expect(rb.steps.count == 23)
        #expect(rb.description?.contains("Purpose") == true)
        #expect(rb.description?.contains("Change Log") == true)

        let decide = try Self.step(rb, 1)
        #expect(decide.title == "When to Execute Rollback")
        #expect(decide.checklist.count == 9)
        #expect(decide.instructions.contains { $0.contains("Single repo failure") })

        #expect(try (3...5).map { try Self.step(rb, $0).budgetSeconds } == [300, 300, 300])
        #expect(try (3...5).map { try Self.step(rb, $0).commands.count } == [3, 3, 4])
        let slack = try #require(try Self.step(rb, 4).commands.first?.command)
        #expect(slack.hasPrefix("slack-cli post"))
        #expect(slack.hasSuffix("Incident Commander: @<your-name>\""))

        let numbered = try (1...8).map { try Self.step(rb, titled: "Step \($0):") }
        #expect(numbered.map(\.budgetSeconds) == [120, 180, 300, 120, 180, 300, 300, 120])
        #expect(numbered.map { $0.commands.count } == [5, 6, 3, 3, 2, 4, 2, 1])
        #expect(numbered.map(\.id) == (7...14).map { "step-\($0)" })
        #expect(numbered[3].commands[1].command.hasPrefix("for repo in"))
        #expect(numbered[3].commands[1].command.hasSuffix("done"))

        #expect(try Self.step(rb, titled: "1. Root Cause Analysis").commands.isEmpty)
        #expect(try Self.step(rb, titled: "2. Fix Verification").commands.count == 2)
        #expect(try Self.step(rb, titled: "3. Phased Re-Enablement").commands.count == 3)
        #expect(try Self.step(rb, titled: "Approval & Sign-Off").checklist.count == 4)
        #expect(try Self.step(rb, titled: "Rollback Drill Schedule").commands.count == 1)
    }

    @Test func explicitIdWins() throws {
        let rb = MarkdownImporter.importRunbook(text: try Self.seedText("003"), id: "mine").runbook
        #expect(rb.id == "mine")
    }

    // MARK: - Seed 001: Incident Runbook

    @Test func incidentRunbook() throws {
        let rb = try Self.seed("001").runbook
        #expect(rb.title == "Incident Runbook")
        #expect(rb.id == "incident-runbook")
        #expect(rb.targetSeconds == nil)
        // 29: the `# OR` between `git revert` and `git reset --hard` is a choice of two branch
        // steps (+2), and the closing "Next Steps" section goes to the description (-1).
        #expect(rb.steps.count == 29)
        #expect(rb.description?.contains("SEV0: Critical (Funds/Ledger)") == true)
        let first = try Self.step(rb, 1)
        #expect(first.title == "Step 1: Disable New Pilot Deals")
        #expect(first.commands.isEmpty)
        #expect(first.instructions.contains { $0.contains("enabled: false") })
        #expect(try Self.step(rb, 2).commands.isEmpty)
        #expect(try Self.step(rb, 6).title == "Step 1: Check Dispute TTL and Timer Display")
        let revert = try Self.step(rb, 19)
        #expect(revert.commands.isEmpty)
        #expect(revert.choices.map(\.goto) == ["step-20", "step-21"])
        #expect(try Self.step(rb, 20).commands.map(\.command) == ["git revert <commit-hash>"])
        #expect(try Self.step(rb, 21).commands.map(\.command) == ["git reset --hard <commit-hash>"])
        #expect(try Self.step(rb, 20).next == "step-22")
        #expect(try Self.step(rb, 22).title == "Step 3: Deploy Reverted Code")
        #expect(try Self.step(rb, 29).checklist.count == 5)
        #expect(rb.steps.allSatisfy { $0.budgetSeconds == nil })
    }

    /// From a public rollback runbook: "# Or restore from backup" offers the restore instead of
    /// the reverse migration; running both in a row would restore over a migrated database.
    @Test func anOrCommentWithWordsAfterItIsAChoiceToo() {
        let text = """
            # Rollback

            ### Issue: Database Migration Incompatible
            ```bash
            # Run reverse migration
            kubectl exec -it deploy/migration-job -n production -- npm run migrate:down

            # Or restore from backup
            ./scripts/restore-database.sh --point-in-time "30 minutes ago"
            ```
            """
        let rb = MarkdownImporter.importRunbook(text: text).runbook
        let choosing = rb.steps.first { !$0.choices.isEmpty }
        #expect(choosing?.choices.count == 2)
        #expect(rb.steps.allSatisfy { $0.commands.count <= 1 }, "\(rb.steps.map(\.commands))")
    }

    // MARK: - Nothing vanishes

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func everySourceLineIsKept(seed: String) throws {
        let text = try Self.seedText(seed)
        let result = MarkdownImporter.importRunbook(text: text)
        let missing = MarkdownCoverage.missingLines(text: text, runbook: result.runbook)
        #expect(missing.isEmpty, "seed \(seed) lost lines: \(missing.prefix(5))")
        let ids = result.runbook.steps.map(\.id)
        #expect(ids == (0..<ids.count).map { "step-\($0 + 1)" })
        for step in result.runbook.steps {
            for target in step.choices.map(\.goto) + [step.next].compactMap({ $0 }) {
                #expect(ids.contains(target) || target == RunbookStep.end, "\(step.id) points at \(target)")
            }
            // Checklist items are shown as plain text in the wizard: no Markdown emphasis markers.
            #expect(step.checklist.allSatisfy { !$0.contains("**") }, "\(step.id): \(step.checklist)")
        }
    }

    @Test func frontMatterIsMetadataAndAClosingMitigationInProseStaysAStep() {
        let text = """
            ---
            title: Disk filling up
            weight: 20
            ---

            ## Diagnosis

            - Check usage via `df -h /var`.

            ## Mitigation

            Talk with the owners before deleting anything.

            ## See also

            The storage guide.
            """
        let result = MarkdownImporter.importRunbook(text: text)
        #expect(result.runbook.title == "Disk filling up")
        #expect(result.runbook.steps.map(\.title) == ["Diagnosis", "Mitigation"])
        #expect(result.runbook.steps[0].commands.map(\.command) == ["df -h /var"])
        #expect(result.runbook.description?.contains("The storage guide.") == true)
        #expect(result.notes.contains { $0.contains("front matter") })
    }

    @Test func deepNestingIsKeptAsTextNotRecursedInto() {
        let quotes = String(repeating: "> ", count: 5000) + "`rm -rf /` or `make`\n"
        let lists = (0..<1000).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n")
        for text in ["# Deep\n\n## Procedure\n\n" + quotes, "# Deep\n\n## Procedure\n\n" + lists] {
            let result = MarkdownImporter.importRunbook(text: text)
            #expect(result.runbook.title == "Deep")
            let kept = result.runbook.steps.flatMap(\.instructions) + [result.runbook.description ?? ""]
            #expect(kept.joined().contains("item 999") || kept.joined().contains("`make`"))
        }
    }

    /// The shapes of GitLab's Patroni runbook: machine-named prompts, psql output pasted under
    /// its own untagged fence, SQL in a code-span bullet.
    @Test func hostPromptsOutputBlocksAndSQLSpans() {
        let text = """
            # Patroni

            ## Pausing Patroni

            ```
            workstation        $ knife ssh roles:gstg-base-db-patroni 'sudo chef-client-disable "maint"'
            patroni-01-db-gstg $ sudo gitlab-patronictl pause --wait pg-ha-cluster
            ```

            And a possible result:
            ```
                  name       | setting
            -----------------+---------
             max_connections | 500
            ```

            - `CREATE USER "gitlab-replicator" LOGIN REPLICATION PASSWORD 'x';`
            - `make # build`
            """
        let step = MarkdownImporter.importRunbook(text: text).runbook.steps[0]
        #expect(
            step.commands.map(\.command) == [
                #"knife ssh roles:gstg-base-db-patroni 'sudo chef-client-disable "maint"'"#,
                "sudo gitlab-patronictl pause --wait pg-ha-cluster", "make # build",
            ])
        #expect(step.commands.map(\.notes) == [["on workstation"], ["on patroni-01-db-gstg"], []])
        #expect(step.instructions.contains { $0.contains("max_connections | 500") })
        #expect(step.instructions.contains { $0.contains("CREATE USER") })
    }

    @Test func aGuideOfProseSectionsIsAReferencePageWithNoSteps() throws {
        let sections = ["Purpose", "Prerequisites", "Responsibilities", "Training", "Graduation"]
        let text =
            "# Incident Commander\n\n"
            + sections.map { "## \($0)\n\nWhat an IC does about \($0.lowercased()).\n" }.joined(separator: "\n")
        let result = MarkdownImporter.importRunbook(text: text)
        #expect(result.runbook.steps.isEmpty)
        #expect(result.runbook.notice?.hasPrefix("a reference page") == true)
        #expect(result.runbook.description?.contains("What an IC does about graduation.") == true)
        let findings = RunbookLint.check(LoadedRunbook(runbook: result.runbook, file: "ic.md"))
        #expect(findings.map(\.level) == [.warning])
    }

    @Test func crlfImportsLikeLF() throws {
        let text = try Self.seedText("002")
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(
            MarkdownImporter.importRunbook(text: crlf).runbook == MarkdownImporter.importRunbook(text: text).runbook)
    }

    // MARK: - Other styles

    @Test func plainNumberedListWithoutHeadings() {
        let text = """
            1. Check the dashboard (2 minutes)
            2. Restart the service
            ```
            systemctl restart app
            ```
            3. Verify it answers
            """
        let result = MarkdownImporter.importRunbook(text: text, source: "/tmp/restart-app.md")
        let rb = result.runbook
        #expect(
            rb.steps.map(\.title) == ["Check the dashboard (2 minutes)", "Restart the service", "Verify it answers"])
        #expect(rb.steps.first?.budgetSeconds == 120)
        #expect(rb.steps[1].commands.map(\.command) == ["systemctl restart app"])
        #expect(rb.title == "restart-app")
        #expect(result.notes.contains { $0.contains("no H1") })
    }

    @Test func headingOnlyWithoutBudgets() {
        let text = """
            # Restart the API

            ## Check the logs
            Look for errors in the last hour.

            ## Restart
            Restart the API pods one at a time.
            """
        let rb = MarkdownImporter.importRunbook(text: text).runbook
        #expect(rb.id == "restart-the-api")
        #expect(rb.steps.map(\.title) == ["Check the logs", "Restart"])
        #expect(rb.steps.allSatisfy { $0.budgetSeconds == nil })
        #expect(rb.steps[1].instructions == ["Restart the API pods one at a time."])
        #expect(rb.targetSeconds == nil)
    }

    @Test func runbookIdLineAndTargetTimeWins() {
        let text = """
            # Fix it
            Runbook ID: RB-9
            Total Time: 10-15 minutes
            **Target Time**: <5 minutes
            ### Step 1: Look (90 seconds)
            ### Step 2: Act (Time Estimate below)
            Time Estimate: 2-3 minutes
            """
        let rb = MarkdownImporter.importRunbook(text: text).runbook
        #expect(rb.id == "RB-9")
        #expect(rb.targetSeconds == 300)
        #expect(rb.steps.map(\.budgetSeconds) == [90, 180])
    }

    // MARK: - Code blocks

    @Test func codeBlockSplitting() {
        let text = """
            ## Step 1: Do it
            ```bash
            # first note
            # second note
            echo "one
            two" | \\
              tee out.txt
            cat <<'EOF'
            # not a comment
            EOF
            if true; then
              echo yes
            fi
            ls

            # trailing comment
            ```
            """
        let step = MarkdownImporter.importRunbook(text: text).runbook.steps.first
        #expect(
            step?.commands.map(\.command) == [
                "echo \"one\ntwo\" | \\\n  tee out.txt", "cat <<'EOF'\n# not a comment\nEOF",
                "if true; then\n  echo yes\nfi", "ls",
            ])
        #expect(step?.commands.first?.notes == ["first note", "second note"])
        #expect(step?.instructions.contains("# trailing comment") == true)
    }

    // MARK: - Nasty input

    @Test func emptyText() {
        let result = MarkdownImporter.importRunbook(text: "")
        #expect(result.runbook.steps.isEmpty)
        #expect(!result.runbook.title.isEmpty)
        #expect(!result.runbook.id.isEmpty)
    }

    @Test func unclosedFence() {
        let result = MarkdownImporter.importRunbook(text: "```bash\nls -l\necho \"open\n")
        #expect(result.runbook.steps.count == 1)
        #expect(result.runbook.steps.first?.commands.map(\.command) == ["ls -l", "echo \"open"])
        #expect(result.notes.contains { $0.contains("never closed") })
        #expect(result.notes.allSatisfy { $0.hasPrefix("line ") })
    }

    @Test func brokenBytesAndOddLines() {
        let bytes: [UInt8] =
            Array("# T\u{00e9}st\n## Step 1: x (2 minutes)\n".utf8) + [0xff, 0xfe, 0x0a] + Array("- [ ] a\n".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        let rb = MarkdownImporter.importRunbook(text: text).runbook
        #expect(rb.steps.first?.budgetSeconds == 120)
        #expect(rb.steps.first?.checklist == ["a"])
        #expect(MarkdownCoverage.missingLines(text: text, runbook: rb).isEmpty)
        for weird in ["#", "######", "```", "- [ ]", "1.", "(", "**Step 1**", "~~~yaml\n", "\r\r\r", "\u{2028}"] {
            _ = MarkdownImporter.importRunbook(text: weird)
        }
    }

    @Test func tenThousandLines() throws {
        var lines: [String] = ["# Big"]
        var n = 0
        while lines.count < 10_000 {
            n += 1
            lines += [
                "## Step \(n): Do \(n) (\(n % 9 + 1) minutes)", "Some text \(n)", "```bash", "echo \(n) \\", "  --flag",
                "# note \(n)", "ls \(n)", "```", "- [ ] check \(n)", "#### Option A: a\(n)", "x\(n)",
                "#### Option B: b\(n)",
                "1. item \(n)",
            ]
        }
        let text = lines.joined(separator: "\n")
        let started = Date()
        let rb = MarkdownImporter.importRunbook(text: text).runbook
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(rb.steps.count == n * 3)
        #expect(MarkdownCoverage.missingLines(text: text, runbook: rb).isEmpty)
        // The same without a closing fence anywhere: one long unclosed block.
        _ = MarkdownImporter.importRunbook(text: "```\n" + String(repeating: "echo \"x\n", count: 10_000))
    }
}

/// Checks that no text of the source vanished: every non-blank line, stripped of Markdown markup,
/// occurs in the runbook's title, description, or some step's title/instructions/commands/notes/checklist/choices.
enum MarkdownCoverage {
    static func missingLines(text: String, runbook: Runbook) -> [String] {
        var parts = [runbook.title, runbook.description ?? ""]
        for step in runbook.steps {
            parts.append(step.title)
            parts += step.instructions + step.checklist + step.choices.map(\.label)
            for command in step.commands + [step.verify].compactMap({ $0 }) {
                parts.append(command.command)
                parts += command.notes + command.output
            }
        }
        let blob = normalize(parts.joined(separator: "\n"))
        // Whole output lines first (fast); any substring of the output otherwise.
        let whole = Set(blob.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        var missing: [String] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let core = strip(String(line))
            if !core.isEmpty && !whole.contains(core) && !blob.contains(core) {
                missing.append("line \(index + 1): \(core)")
            }
        }
        return missing
    }

    static func normalize(_ s: String) -> String {
        s.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
    }

    /// The text of a source line without its Markdown markup; empty for pure markup (fences, rules, table rules).
    static func strip(_ raw: String) -> String {
        var s = Substring(raw.trimmingCharacters(in: .whitespaces))
        if s.hasPrefix("```") || s.hasPrefix("~~~") { return "" }
        if !s.isEmpty && s.allSatisfy({ "-*_|: ".contains($0) }) { return "" }
        while s.first == "#" { s = s.dropFirst() }
        s = s.drop { $0 == " " }
        for marker in ["- [ ] ", "- [x] ", "- [X] ", "* [ ] ", "- ", "* ", "+ "] where s.hasPrefix(marker) {
            s = s.dropFirst(marker.count)
            break
        }
        let digits = s.prefix { $0.isNumber }
        if !digits.isEmpty, s.dropFirst(digits.count).hasPrefix(". ") || s.dropFirst(digits.count).hasPrefix(") ") {
            s = s.dropFirst(digits.count + 2)
        }
        return normalize(String(s)).trimmingCharacters(in: .whitespaces)
    }
}
