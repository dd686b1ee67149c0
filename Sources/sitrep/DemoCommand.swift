import ArgumentParser

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "The console on a built-in simulated root.")
    func run() throws { throw fail("the demo simulator is being wired in") }
}
