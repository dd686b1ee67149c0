import ArgumentParser
import Foundation
import IncidentKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The console on a built-in simulated root that changes live.",
        discussion: """
            Creates a temporary root, runs the built-in simulator against it (nodes heartbeat and one \
            goes stale, a reconciliation mismatch streak builds, incidents open on several severities, \
            a countdown breaches within the first minute) and opens the console on it. Writes you make \
            go to the temporary root, which is removed on exit unless --keep is given.
            """)

    @OptionGroup var console: ConsoleOptions
    @OptionGroup var configFile: ConfigFileOption
    @Option(help: "Simulated seconds per real second.") var speed: Double = 1
    @Option(help: "Use this directory as the demo root instead of a temporary one.") var root: String?
    @Flag(help: "Keep the demo root on exit and print its path.") var keep = false

    func run() throws {
        let (loop, demoRoot, temporary) = try reporting { () -> (ConsoleLoop, String, Bool) in
            try console.requireTerminal()
            guard speed > 0, speed <= 1000 else { throw CLIError("--speed must be between 0 and 1000") }
            let temporary = root == nil
            let demoRoot =
                root
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "sitrep-demo-\(UUID().uuidString.prefix(8))"
                ).path
            try FileManager.default.createDirectory(atPath: demoRoot, withIntermediateDirectories: true)
            try DemoSimulator.prepare(root: demoRoot)
            let simulator = DemoSimulator(root: demoRoot, speed: speed, start: Date())
            try simulator.step(now: Date())
            let policy = try PolicyResolver(root: demoRoot).resolve(nil)
            var options = try console.loopOptions(
                root: demoRoot, policy: policy, startAt: nil, config: try configFile.load())
            options.driver = (0.25, { now in _ = try? simulator.step(now: now) })
            return (ConsoleLoop(options: options), demoRoot, temporary)
        }
        let signal = loop.run()
        if keep || !temporary {
            Say.out("demo root: \(demoRoot)")
        } else {
            try? FileManager.default.removeItem(atPath: demoRoot)
        }
        if let signal { TerminalGuard.reraise(signal) }
    }
}
