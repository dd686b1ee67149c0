import ArgumentParser
import Foundation
import IncidentKit

@main
struct Sitrep: ParsableCommand {
    /// A first word that is neither an option nor a command would reach the console as an
    /// unexpected argument; say which command was probably meant instead.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
            if !names.contains(first) {
                let guess = CommandSuggestion.closest(to: first, in: names)
                var message = "sitrep: unknown command '\(TextSanitizer.clean(first))'"
                if let guess { message += "; did you mean '\(guess)'?" }
                message += "\nCommands: \(names.joined(separator: ", ")). See 'sitrep --help'."
                Say.err(message)
                Foundation.exit(64)
            }
        }
        main(nil)
    }

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
