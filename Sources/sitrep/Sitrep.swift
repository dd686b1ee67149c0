import ArgumentParser

@main
struct Sitrep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitrep",
        abstract: "A terminal incident console for the artifact files on this host.",
        discussion: """
            Reads the JSON and JSONL artifacts under a root directory (--root, $SITREP_ROOT, or the
            current directory), folds the incident journals into incidents with live SLA timers and
            escalation levels, and writes every decision back as append-only JSON lines.
            """,
        version: SitrepVersion.current,
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, StatusCommand.self, CheckCommand.self, AckCommand.self,
            DeclareCommand.self, UpdateCommand.self, EscalateCommand.self, MitigateCommand.self, ResolveCommand.self,
            PolicyCommand.self, SimulateCommand.self, RunbookCommand.self, ReportCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}

enum SitrepVersion {
    static let current = "0.1.0"
}
