import ArgumentParser
import Foundation
import IncidentKit

struct RunbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runbook", abstract: "List, show, lint and import runbooks.",
        subcommands: [List.self, Show.self, Lint.self, Import.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in runbooks and the root's own.")
        @Option(
            help: "The artifact root whose .sitrep/runbooks/ to list (default: $SITREP_ROOT or the current directory).")
        var root: String?

        func run() throws {
            try runbookReporting {
                for entry in BuiltinRunbooks.all {
                    let runbook = try BuiltinRunbooks.load(entry.id)!.runbook
                    Say.out("\(CharacterPad.pad(entry.id, 28))built-in  \(runbook.steps.count) steps  \(runbook.title)")
                }
                for path in RunbookFiles.inRoot(root) {
                    let runbook = try RunbookFiles.load(path).runbook
                    Say.out(
                        "\(CharacterPad.pad(runbook.id, 28))\(path)  \(runbook.steps.count) steps  \(runbook.title)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a runbook: a built-in id, or a YAML or Markdown file.")
        @Argument(help: "A built-in runbook id or a file.") var runbook: String
        @Flag(help: "Print the runbook as JSON (id, title, target_s, steps).") var json = false

        func run() throws {
            try runbookReporting {
                let loaded = try RunbookFiles.resolve(runbook)
                if json {
                    Say.json(JSONWriter.string(RunbookJSON.render(loaded.runbook), pretty: true))
                } else {
                    Say.out(RunbookOutline.render(loaded.runbook, notes: []), terminator: "")
                }
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a runbook: unknown steps in branches, unreachable steps, missing budgets under a target.")
        @Argument(help: "A runbook file (YAML or Markdown) or a built-in id.") var runbook: String

        func run() throws {
            let findings = try runbookReporting { RunbookLint.check(try RunbookFiles.resolve(runbook)) }
            for finding in findings { Say.out("\(finding)") }
            let errors = findings.filter { $0.level == .error }.count
            if findings.isEmpty { Say.out("\(runbook): ok") }
            if errors > 0 { throw ExitCode(1) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a Markdown runbook and print what it becomes (steps, budgets, commands, choices).")
        @Argument(help: "A Markdown runbook file.") var file: String
        @Flag(help: "Print the runbook as JSON (id, title, target_s, steps).") var json = false
        @Option(help: "The runbook id (default: a \"Runbook ID:\" line, else a slug of the title).") var id: String?

        func run() throws {
            try runbookReporting {
                // Bounded (4 MiB), never from a FIFO or device; a PolicyError becomes "runbook: ...".
                let text = try FileType.readText(file)
                let result = MarkdownImporter.importRunbook(text: text, id: id, source: file)
                if json {
                    Say.json(JSONWriter.string(RunbookJSON.render(result.runbook), pretty: true))
                } else {
                    Say.out(RunbookOutline.render(result.runbook, notes: result.notes), terminator: "")
                }
            }
        }
    }
}

/// The readable outline `runbook show` and `runbook import` print, enough to review a runbook
/// outside the wizard: title, target, reminders, then each step's instructions, commands (with
/// their notes, the output the runbook shows under them, and what a `cd` or an assignment does
/// to the run's context), verification, checklist, choices and where it goes next; then the
/// importer's notes.
enum RunbookOutline {
    static func render(_ runbook: Runbook, notes: [String]) -> String {
        var out = "\(runbook.title)  [\(runbook.id)]\n"
        out += "target: \(runbook.targetSeconds.map(duration) ?? "none")\n"
        for reminder in runbook.reminders {
            out += "reminder: \(reminder.label), every \(duration(reminder.everySeconds))"
            out += reminder.resetByUpdate ? " (an incident update resets it)\n" : "\n"
        }
        if let notice = runbook.notice { out += "note: \(notice)\n" }
        out += "steps: \(runbook.steps.count)\n"
        for step in runbook.steps {
            out += "\n\(step.id)  \(step.title)"
            if let budget = step.budgetSeconds { out += "  (\(duration(budget)))" }
            out += "\n"
            for line in step.instructions { out += "    \(line)\n" }
            for command in step.commands { out += render(command) }
            if let verify = step.verify { out += "    verify:\n" + render(verify) }
            for item in step.checklist { out += "    [ ] \(item)\n" }
            for choice in step.choices { out += "    -> \(choice.label)  => \(choice.goto)\n" }
            if let next = step.next { out += "    then => \(next == RunbookStep.end ? "end of the run" : next)\n" }
        }
        if runbook.steps.isEmpty, let description = runbook.description {
            out +=
                "\n"
                + description.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)\n" }.joined()
        }
        if !notes.isEmpty {
            out += "\nnotes:\n"
            for note in notes { out += "  \(note)\n" }
        }
        return out
    }

    static func render(_ command: IncidentKit.RunbookCommand) -> String {
        var out = ""
        for note in command.notes { out += "    # \(note)\n" }
        let lines = command.command.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() { out += (index == 0 ? "    $ " : "      ") + line + "\n" }
        switch ShellContext.change(of: command.command) {
        case .changeDirectory(let dir)?:
            out += "      (changes the run's directory to \(dir) for the commands after it)\n"
        case .setVariables(let pairs)?:
            out += "      (sets \(pairs.map(\.name).joined(separator: ", ")) for the commands after it)\n"
        case nil: break
        }
        for line in command.output { out += "      | \(line)\n" }
        return out
    }

    static func duration(_ seconds: Int) -> String { PolicyDuration(seconds: seconds).description }
}

/// Runbook files for the `runbook` subcommands: the same loading as the console's catalogue.
enum RunbookFiles {
    static func load(_ path: String) throws -> LoadedRunbook {
        do {
            // Bounded (4 MiB), never from a FIFO or device.
            return try RunbookCatalog.parse(Array(try FileType.readText(path).utf8), path: path)
        } catch let error as PolicyError {
            // The loader shares the policy's YAML reader; the message is about a runbook.
            throw CLIError("runbook: \(error)")
        }
    }

    /// A built-in id, else a file.
    static func resolve(_ name: String) throws -> LoadedRunbook {
        if let builtin = try BuiltinRunbooks.load(name) { return builtin }
        guard FileManager.default.fileExists(atPath: name) else {
            throw CLIError(
                "no runbook \"\(name)\" (built-in: \(BuiltinRunbooks.all.map(\.id).joined(separator: ", ")); or give a file)"
            )
        }
        return try load(name)
    }

    static func inRoot(_ root: String?) -> [String] {
        let base =
            root ?? ProcessInfo.processInfo.environment["SITREP_ROOT"] ?? (try? WorkingDirectory.current()) ?? "."
        return RunbookCatalog.files(in: base + "/.sitrep/runbooks")
    }
}

enum CharacterPad {
    static func pad(_ s: String, _ width: Int) -> String {
        s.padding(toLength: max(width, s.count + 1), withPad: " ", startingAt: 0)
    }
}

extension ParsableCommand {
    /// `reporting`, with the runbook loader's errors (it shares the policy's YAML reader) named
    /// as the runbook's, not the policy's.
    func runbookReporting<T>(_ body: () throws -> T) throws -> T {
        try reporting {
            do {
                return try body()
            } catch let error as PolicyError {
                throw CLIError("runbook: \(error)")
            }
        }
    }
}
