import Foundation
import IncidentKit
import Testing

@Suite("Runbook commands")
struct RunbookCommandTests {
    @Test("list shows the built-ins; show prints JSON with the documented keys; lint passes them")
    func builtins() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let list = try runner.run(["runbook", "list"], withRoot: false)
        #expect(list.status == 0)
        for id in BuiltinRunbooks.all.map(\.id) { #expect(list.stdout.contains(id)) }
        let show = try runner.run(["runbook", "show", "trading-ops-recovery", "--json"], withRoot: false)
        let json = try JSONParser.parse(show.stdout)
        // Everything the runbook holds, so the JSON loads back as a runbook (issue 12).
        #expect(json.objectValue?.keys == ["id", "title", "description", "source", "applies_to", "target_s", "steps"])
        #expect(json["steps"]?.arrayValue?.count == 7)
        for id in BuiltinRunbooks.all.map(\.id) {
            let lint = try runner.run(["runbook", "lint", id], withRoot: false)
            #expect(lint.status == 0, "\(id): \(lint.stdout)")
        }
    }

    @Test("lint exits 1 and names the line of an unknown branch target")
    func lintFails() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let file = runner.root.appendingPathComponent("rb.yaml")
        try "id: r\nsteps:\n  - {id: a, title: A, commands: [x], choices: [{label: go, goto: nowhere}]}\n".write(
            to: file, atomically: true, encoding: .utf8)
        let lint = try runner.run(["runbook", "lint", file.path], withRoot: false)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("rb.yaml:3: error: step a goes to unknown step \"nowhere\""))
    }

    @Test("import reads a Markdown runbook, broken bytes included, and prints its steps as JSON")
    func importMarkdown() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let file = runner.root.appendingPathComponent("rb.md")
        var bytes = Array(
            "# Restore\n\n**Target Time**: <5 minutes\n\n### Step 1: Stop (30 seconds)\n```bash\n# stop it\n./stop.sh\n```\n- [ ] stopped \u{1F6A8}\n"
                .utf8)
        bytes.insert(contentsOf: [0xC3, 0x28], at: 2)
        try Data(bytes).write(to: file)
        let result = try runner.run(["runbook", "import", file.path, "--json"], withRoot: false)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONParser.parse(result.stdout)
        #expect(json["target_s"]?.intValue == 300)
        #expect(json["steps"]?[0]?["budget_s"]?.intValue == 30)
        // A command with notes (its comment lines) is an object: {"command", "notes"}.
        #expect(json["steps"]?[0]?["commands"]?[0]?["command"]?.stringValue == "./stop.sh")
        #expect(json["steps"]?[0]?["commands"]?[0]?["notes"] == .array([.string("stop it")]))
        #expect(json["steps"]?[0]?["checklist"]?.count == 1)
        let missing = try runner.run(["runbook", "import", "/nonexistent.md"], withRoot: false)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read"))
    }
}
