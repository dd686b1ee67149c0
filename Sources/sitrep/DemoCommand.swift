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
            go to the temporary root, which is removed on exit unless --keep is given or a report \
            was written there (then the root is kept and its path printed).
            """)

    @OptionGroup var console: ConsoleOptions
    @OptionGroup var configFile: ConfigFileOption
    @Option(help: "Simulated seconds per real second.") var speed: Double = 1
    @Option(help: "Use this directory as the demo root instead of a temporary one.") var root: String?
    @Flag(help: "Keep the demo root on exit and print its path.") var keep = false

    func run() throws {
        let (loop, demoRoot, temporary) = try reporting { () -> (ConsoleLoop, String, Bool) in
            guard speed > 0, speed <= 1000 else {
                throw CLIError("--speed must be more than 0 and at most 1000 (simulated seconds per real second)")
            }
            try console.requireTerminal()
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
            if temporary, !keep {
                options.reportNote = "The demo keeps its root on exit because it holds a report"
            }
            return (ConsoleLoop(options: options), demoRoot, temporary)
        }
        let signal = loop.run()
        let reports = DemoCommand.reports(under: demoRoot)
        if keep || !temporary {
            Say.out("demo root: \(demoRoot)")
        } else if !reports.isEmpty {
            Say.out("demo root kept, it holds \(reports.count) report\(reports.count == 1 ? "" : "s"):")
            for report in reports { Say.out("  \(report)") }
        } else {
            try? FileManager.default.removeItem(atPath: demoRoot)
        }
        if let signal { TerminalGuard.reraise(signal) }
    }

    /// The reports written under the demo root (`…/reports/*.md`), so quitting does not
    /// delete what the commander asked for.
    static func reports(under root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let parts = relative.split(separator: "/")
            if parts.count >= 2, parts[parts.count - 2] == "reports", relative.hasSuffix(".md") {
                found.append(root + "/" + relative)
            }
        }
        return found.sorted()
    }
}
