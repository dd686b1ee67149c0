import ArgumentParser

@main
struct Sitrep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitrep",
        abstract: "A terminal incident console for the artifact files on this host.",
        discussion: SitrepHelp.discussion,
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
