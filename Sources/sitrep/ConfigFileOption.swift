import ArgumentParser
import ConsoleUI
import Foundation
import IncidentKit

/// `--config FILE`; without it `$XDG_CONFIG_HOME/sitrep/config.yaml` (or `~/.config/…`) when present.
struct ConfigFileOption: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "A config file (default: $XDG_CONFIG_HOME/sitrep/config.yaml, else ~/.config/sitrep/config.yaml).",
            valueName: "file"), completion: .file(extensions: ["yaml", "yml"]))
    var path: String?

    func load() throws -> SitrepConfig {
        do {
            return try SitrepConfig.load(explicit: path.map(ConfigFileOption.expand))
        } catch let error as PolicyError {
            throw CLIError("config: \(error)")
        }
    }

    /// A leading `~/` in a path from the command line or the config file.
    static func expand(_ path: String) -> String { (path as NSString).expandingTildeInPath }
}
