import Foundation
import IncidentKit
import Testing

/// `sitrep --help` and every subcommand's help are complete: the man page and the completions
/// are generated from the same definitions.
@Suite("Help")
struct HelpTests {
    /// Every command with its path, from `--experimental-dump-help`.
    func commands() throws -> [(path: String, command: JSONObject)] {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let dump = try runner.run(["--experimental-dump-help"], withRoot: false)
        let top = try #require(try JSONParser.parse(dump.stdout)["command"]?.objectValue)
        var out: [(String, JSONObject)] = []
        func walk(_ command: JSONObject, _ path: String) {
            out.append((path, command))
            for sub in command["subcommands"]?.arrayValue ?? [] {
                guard let object = sub.objectValue, let name = object["commandName"]?.stringValue, name != "help"
                else { continue }
                walk(object, path + " " + name)
            }
        }
        walk(top, "sitrep")
        return out
    }

    @Test("every command has an abstract and every option and argument a help text")
    func complete() throws {
        let all = try commands()
        #expect(all.count >= 20, "\(all.map(\.path))")
        for (path, command) in all {
            let abstract = command["abstract"]?.stringValue ?? ""
            #expect(!abstract.isEmpty, "\(path) has no abstract")
            for argument in command["arguments"]?.arrayValue ?? [] {
                let names = argument["names"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                let label = names.first ?? argument["valueName"]?.stringValue ?? "?"
                let help = argument["abstract"]?.stringValue ?? ""
                #expect(!help.isEmpty, "\(path) \(label) has no help")
            }
        }
    }

    @Test("sitrep --help names every subcommand, the config file, themes and the environment")
    func topLevel() throws {
        let runner = try SitrepRunner()
        defer { runner.cleanUp() }
        let help = try runner.run(["--help"], withRoot: false)
        #expect(help.status == 0)
        for text in [
            "console", "demo", "status", "check", "ack", "declare", "update", "escalate", "mitigate", "resolve",
            "policy", "runbook", "config.yaml", "high-contrast", "NO_COLOR", "SITREP_ROOT", "sitrep status",
        ] {
            #expect(help.stdout.contains(text), "--help lacks \(text)")
        }
    }
}
