import ArgumentParser
import Foundation
import IncidentKit

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Print the incidents, timers, signals and nodes as text or JSON.")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Print one JSON object (the schema is in the README).") var json = false
    @Flag(help: "Include resolved incidents.") var all = false

    func run() throws {
        let picture = try reporting { try common.picture() }
        if json {
            Say.json(JSONWriter.string(StatusJSON.render(picture, includeResolved: all), pretty: true))
        } else {
            Say.out(StatusText.render(picture, includeResolved: all, ascii: !TerminalText.utf8Locale), terminator: "")
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "One status line with monitoring-plugin exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        let picture: Picture
        do {
            picture = try common.picture()
        } catch {
            Say.out("SITREP UNKNOWN - \(error)")
            throw ExitCode(HealthCheck.Level.unknown.rawValue)
        }
        let check = HealthCheck.evaluate(picture)
        Say.out(check.line)
        throw ExitCode(check.level.rawValue)
    }
}
