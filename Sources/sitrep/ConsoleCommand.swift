import ArgumentParser
import Foundation
import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// Options shared by `console` and `demo`.
struct ConsoleOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: "The operator name shown and written (default: $SITREP_USER, $SUDO_USER, the login name).")
    var operatorName: String?
    @Flag(name: .customLong("read-only"), help: "Show everything, write nothing.") var readOnly = false
    @Flag(help: "ASCII line drawing and symbols (automatic under LANG=C).") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colours (also NO_COLOR).") var noColor = false
    @Flag(name: .customLong("no-inotify"), help: "Poll with stat only, without inotify.") var noInotify = false
    @Option(name: .customLong("poll-interval"), help: "Seconds between stat passes (default 1).") var pollInterval:
        Double = 1
    @Option(
        name: .customLong("runbook"),
        help: ArgumentHelp(
            "A runbook file for the wizard (YAML, or Markdown imported as it loads); repeatable.",
            valueName: "FILE"))
    var runbookFiles: [String] = []
    @Flag(help: "Rollback wizard runs are drills: the same flow, nothing executed, events marked as a drill.")
    var drill = false

    func loopOptions(root: String, policy: Policy, startAt: Date?) throws -> ConsoleLoop.Options {
        guard pollInterval >= 0.05, pollInterval <= 60 else {
            throw CLIError("--poll-interval must be between 0.05 and 60 seconds")
        }
        let env = ProcessInfo.processInfo.environment
        var catalog = RunbookCatalog.load(root: root, extraFiles: [], environment: env)
        for file in runbookFiles {
            // A file named on the command line must load: better a clear error than a missing runbook.
            do {
                catalog.add(try RunbookCatalog.entry(path: file))
            } catch {
                throw CLIError("--runbook \(file): \(error)")
            }
        }
        var options = ConsoleLoop.Options(
            root: root, policy: policy, operatorName: OperatorName.resolve(operatorName), readOnly: readOnly,
            ascii: ascii || !TerminalText.utf8Locale, color: !noColor && (env["NO_COLOR"] ?? "").isEmpty,
            useInotify: !noInotify, pollInterval: pollInterval, startAt: startAt)
        options.runbooks = catalog
        options.drill = drill
        return options
    }

    /// A full-screen program needs a terminal that can address the cursor.
    func requireTerminal() throws {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, !term.isEmpty, term != "dumb" else {
            throw CLIError(
                "the console needs an interactive terminal (TERM=\(term.isEmpty ? "unset" : term)); use `sitrep status` or `sitrep status --json` instead"
            )
        }
    }
}

struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "The full-screen console (the default).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let loop = try reporting { () -> ConsoleLoop in
            try console.requireTerminal()
            let (root, policy, _) = try common.context()
            let clockGiven = common.now != nil || !(ProcessInfo.processInfo.environment["SITREP_NOW"] ?? "").isEmpty
            let start = clockGiven ? try common.resolvedNow() : nil
            return ConsoleLoop(options: try console.loopOptions(root: root, policy: policy, startAt: start))
        }
        if let signal = loop.run() { TerminalGuard.reraise(signal) }
    }
}
