import ArgumentParser
import CNcursesw
import ConsoleUI
import Foundation
import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// Options shared by `console` and `demo`.
struct ConsoleOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The operator name shown and written (default: $SITREP_USER, the config's operator, $SUDO_USER, the login name).",
            valueName: "name")
    )
    var operatorName: String?
    @Flag(name: .customLong("read-only"), help: "Show everything, write nothing (for observers).") var readOnly = false
    @Option(
        help: ArgumentHelp(
            "A colour theme: \(BuiltinThemes.names.joined(separator: ", ")), or a YAML file (default: the config's theme, else default).",
            valueName: "name|file"), completion: .list(BuiltinThemes.names))
    var theme: String?
    @Flag(help: "Let the mouse wheel move the selection (off by default: it takes over text selection).")
    var mouse = false
    @Flag(help: "ASCII line drawing and symbols (automatic under LANG=C).") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colours (also NO_COLOR).") var noColor = false
    @Flag(name: .customLong("no-inotify"), help: "Poll with stat only, without inotify.") var noInotify = false
    @Option(
        name: .customLong("poll-interval"),
        help: ArgumentHelp(
            "Seconds between stat passes (default: the config's poll_interval, else 1).", valueName: "seconds"))
    var pollInterval: Double?
    @Option(
        name: .customLong("runbook"),
        help: ArgumentHelp(
            "A runbook file for the wizard (YAML, or Markdown imported as it loads); repeatable.",
            valueName: "file"))
    var runbookFiles: [String] = []
    @Flag(help: "Rollback wizard runs are drills: the same flow, nothing executed, events marked as a drill.")
    var drill = false

    /// The command line first, then the config file, then the defaults.
    func loopOptions(root: String, policy: Policy, startAt: Date?, config: SitrepConfig) throws -> ConsoleLoop.Options {
        let interval = pollInterval ?? config.pollInterval ?? 1
        guard interval >= 0.05, interval <= 60 else {
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
        let chosenTheme: Theme
        do {
            chosenTheme = try ThemeResolver().resolve(theme ?? config.theme.map(ConfigFileOption.expand))
        } catch let error as PolicyError {
            throw CLIError("theme: \(error)")
        }
        var options = ConsoleLoop.Options(
            root: root, policy: policy,
            operatorName: OperatorName.resolve(operatorName, configured: config.operatorName),
            readOnly: readOnly || config.readOnly == true,
            ascii: ascii || config.ascii == true || !TerminalText.utf8Locale,
            color: !noColor && (env["NO_COLOR"] ?? "").isEmpty && config.color != false,
            useInotify: !noInotify, pollInterval: interval, startAt: startAt)
        do {
            options.profile = try ProfileResolver.resolve(root: root, policy: policy)
        } catch let error as PolicyError {
            throw CLIError("profile: \(error)")
        }
        options.theme = chosenTheme
        options.keys = config.keys
        options.mouse = mouse || config.mouse == true
        options.bell = config.bell ?? true
        options.notify = config.notify ?? .off
        options.runbooks = catalog
        options.drill = drill
        return options
    }

    /// A full-screen program needs a terminal that can address the cursor.
    func requireTerminal() throws {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        let instead = "use `sitrep status` or `sitrep status --json` instead"
        // Say what is actually wrong: a pipe or a redirect is not a TERM problem.
        let notTTY = [("standard input", STDIN_FILENO), ("standard output", STDOUT_FILENO)].filter {
            isatty($0.1) != 1
        }.map(\.0)
        if !notTTY.isEmpty {
            throw CLIError(
                "the console needs an interactive terminal, and \(notTTY.joined(separator: " and ")) "
                    + "\(notTTY.count == 1 ? "is" : "are") not one (a pipe or a redirect?); \(instead)")
        }
        guard !term.isEmpty, term != "dumb" else {
            throw CLIError(
                "the console needs a terminal that can move the cursor, and "
                    + (term.isEmpty ? "TERM is unset" : "TERM=\(term) cannot")
                    + "; set TERM (e.g. TERM=xterm) or \(instead)")
        }
        switch sitrep_terminal_usable(term) {
        case 1: return
        case 0: throw CLIError("the terminal TERM=\(term) cannot move the cursor, which the console needs; \(instead)")
        default:
            throw CLIError(
                "no terminfo entry for TERM=\(term) on this host; try TERM=xterm or TERM=vt100, or \(instead)")
        }
    }
}

struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "The full-screen console (the default).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var console: ConsoleOptions
    @Flag(
        name: .customLong("no-checkpoint"),
        help:
            "Keep no checkpoint of what was read (also SITREP_NO_CHECKPOINT=1). By default one is kept under $XDG_CACHE_HOME/sitrep (else ~/.cache/sitrep), so a restart need not read the history again."
    )
    var noCheckpoint = false

    func run() throws {
        // A root of thousands of files: use every descriptor the hard limit allows.
        DescriptorPool.raiseSoftLimit()
        let loop = try reporting { () -> ConsoleLoop in
            try console.requireTerminal()
            let config = try common.configFile.load()
            let (root, policy, _) = try common.context()
            let clockGiven = common.now != nil || !(ProcessInfo.processInfo.environment["SITREP_NOW"] ?? "").isEmpty
            let start = clockGiven ? try common.resolvedNow() : nil
            var options = try console.loopOptions(root: root, policy: policy, startAt: start, config: config)
            options.checkpoint =
                noCheckpoint ? nil : CheckpointDirectory.fromEnvironment(ProcessInfo.processInfo.environment)
            return ConsoleLoop(options: options)
        }
        if let signal = loop.run() { TerminalGuard.reraise(signal) }
    }
}
