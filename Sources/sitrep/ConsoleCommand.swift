import ArgumentParser
import Foundation
import IncidentKit

struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "The full-screen console.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        throw fail("the full-screen console is not built yet; use `sitrep status` (or `watch sitrep status`) meanwhile")
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "The console on a built-in simulated root.")

    func run() throws {
        throw fail("the demo needs the full-screen console, which is not built yet")
    }
}
