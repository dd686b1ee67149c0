import Foundation
import Testing

@testable import IncidentKit

@Suite("Shell context")
struct ShellContextTests {
    @Test("cd, export and bare assignments change the context; anything else runs")
    func changes() {
        #expect(ShellContext.change(of: "cd pilot-deploy") == .changeDirectory("pilot-deploy"))
        #expect(ShellContext.change(of: "cd 'my dir'") == .changeDirectory("my dir"))
        #expect(ShellContext.change(of: "cd") == .changeDirectory("~"))
        #expect(ShellContext.change(of: "export RELEASE=v2.3.1") == .setVariables([("RELEASE", "v2.3.1")]))
        #expect(ShellContext.change(of: "A=1 B='two words'") == .setVariables([("A", "1"), ("B", "two words")]))
        #expect(ShellContext.change(of: #"IFS=",""#) == .setVariables([("IFS", ",")]))
        // $VAR of the context is put in; anything needing a shell is not a change.
        let context = ShellContext(variables: ["BASE": "/srv"])
        #expect(ShellContext.change(of: "export APP=$BASE/app", in: context) == .setVariables([("APP", "/srv/app")]))
        #expect(ShellContext.change(of: "export APP=$UNSET/app") == nil)
        #expect(ShellContext.change(of: "export RELEASE=$(git describe)") == nil)
        #expect(ShellContext.change(of: "cd a && make") == nil)
        #expect(ShellContext.change(of: "A=1 make") == nil)
        #expect(ShellContext.change(of: "cd a b") == nil)
        #expect(ShellContext.change(of: "./cd.sh") == nil)
    }

    @Test("a cd resolves against the context's directory and must exist")
    func applying() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("i12-ctx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(
            at: base.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        let root = base.standardizedFileURL.path
        var context = ShellContext()
        context = try context.applying(.changeDirectory("a"), base: root, home: nil).get()
        #expect(context.directory == root + "/a")
        context = try context.applying(.changeDirectory("b"), base: root, home: nil).get()
        #expect(context.directory == root + "/a/b")
        context = try context.applying(.changeDirectory("../.."), base: root, home: nil).get()
        #expect(context.directory == root)
        #expect(throws: ShellContext.ContextError.self) {
            try context.applying(.changeDirectory("missing"), base: root, home: nil).get()
        }
        context = try context.applying(.setVariables([("X", "1")]), base: root, home: nil).get()
        #expect(context.variables == ["X": "1"])
    }

    @Test("unset variables: not the context's, not the command's own, not the console's environment")
    func unsetVariables() {
        let context = ShellContext(variables: ["RELEASE": "v2"])
        #expect(
            ShellContext.unsetVariables(
                in: #"./deploy.sh "$RELEASE" "${REGION}" $HOME '$QUOTED' $1 $?"#, context: context, inherited: [])
                == ["REGION"])
        #expect(
            ShellContext.unsetVariables(
                in: "for repo in a b; do echo $repo $TOKEN; done", context: context, inherited: ["TOKEN"]
            ).isEmpty)
        #expect(ShellContext.unsetVariables(in: "N=3; echo $N $M", context: context, inherited: []) == ["M"])
    }

    @Test("only variables the runbook's commands name pass from a journaled context")
    func limitedToTheRunbooksNames() {
        let runbook = Runbook(
            id: "r", title: "r",
            steps: [
                RunbookStep(
                    id: "a", title: "a",
                    commands: [RunbookCommand("export RELEASE=v2"), RunbookCommand(#"./deploy.sh "$REGION""#)])
            ])
        #expect(ShellContext.names(in: runbook) == ["RELEASE", "REGION"])
        let forged = ShellContext(directory: "/srv", variables: ["RELEASE": "v2", "LD_PRELOAD": "/tmp/x.so"])
        #expect(forged.limited(to: ShellContext.names(in: runbook)).variables == ["RELEASE": "v2"])
    }

    @Test("the context goes into a command event and comes back from the journal")
    func journal() throws {
        let context = ShellContext(directory: "/srv/app", variables: ["B": "2", "A": "1"])
        var o = JSONObjectBuilder()
        context.journalFields(into: &o)
        let parsed = try #require(try JSONParser.parse(JSONWriter.string(o.value)).objectValue)
        #expect(ShellContext(journal: parsed) == context)
        #expect(ShellContext(journal: JSONObject()) == nil)
    }
}
