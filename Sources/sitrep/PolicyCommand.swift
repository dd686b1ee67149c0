import ArgumentParser
import Foundation
import IncidentKit

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "List and show policies.", subcommands: [List.self, Show.self, Check.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in presets and user policy files.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            try reporting {
                let root = try common.resolvedRoot()
                let resolver = PolicyResolver(root: root)
                var rows: [[String]] = []
                for entry in resolver.list() {
                    if let path = entry.path {
                        rows.append([
                            entry.name, TextSanitizer.clean(path),
                            entry.replacesPreset ? "replaces the built-in preset" : "",
                        ])
                    } else {
                        let description = (try? BuiltinPolicies.policy(named: entry.name))??.description ?? ""
                        rows.append([entry.name, "built-in", description])
                    }
                }
                // The root's own policy, which applies when --policy is not given.
                let own = (root.hasSuffix("/") ? root : root + "/") + ".sitrep/policy.yaml"
                if FileManager.default.fileExists(atPath: own) {
                    let name = (try? PolicyLoader.load(path: own))?.name ?? "(unreadable)"
                    rows.append([
                        TextSanitizer.clean(name), TextSanitizer.clean(own),
                        "the root's own policy: used when --policy is not given",
                    ])
                }
                Say.out(CharacterPad.table(header: ["NAME", "FROM", "ABOUT"], rows: rows))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a policy as YAML.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "A policy name or file.") var name: String

        func run() throws {
            try reporting {
                let resolver = PolicyResolver(root: try common.resolvedRoot())
                _ = try resolver.resolve(name)
                let (text, origin) = try resolver.source(of: name)
                Say.out("# \(name) (\(origin))")
                Say.out(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a policy file; errors name file, line and field.")
        @Argument(help: "A policy file.") var file: String

        func run() throws {
            try reporting {
                let policy = try PolicyLoader.load(path: file)
                Say.out(
                    "\(file): ok (policy \(policy.name), \(policy.severities.count) severities, \(policy.levels.count) levels, \(policy.rules.count) rules, \(policy.detectors.count) detectors)"
                )
            }
        }
    }
}
