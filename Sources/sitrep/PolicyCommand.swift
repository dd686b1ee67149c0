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
                let resolver = PolicyResolver(root: try common.resolvedRoot())
                for entry in resolver.list() {
                    let description =
                        entry.path == nil ? (try? BuiltinPolicies.policy(named: entry.name))??.description : nil
                    var line = entry.name.padding(toLength: 18, withPad: " ", startingAt: 0)
                    if let path = entry.path {
                        line += path + (entry.replacesPreset ? "  (replaces the built-in preset)" : "")
                    } else {
                        line += "built-in  " + (description ?? "")
                    }
                    Say.out(line)
                }
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
