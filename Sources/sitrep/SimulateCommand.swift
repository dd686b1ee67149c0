import ArgumentParser
import Foundation
import IncidentKit

/// `sitrep simulate`: drives a directory through the demo story so a console (or `status`,
/// `check`, a benchmark) can watch it change live.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write the demo's simulated artifacts into a root, live, until stopped.",
        discussion: """
            Writes node states, reconciliation, SLO and data quality records, gateway halts and \
            incident journal events into --root (created when missing), as the demo's story \
            unfolds: a SEV0 breaching its response timer at 40s, a reconciliation mismatch streak \
            at 18s, node-4 going silent, node-3 degraded, a trading halt from 70s to 120s. A \
            demo policy is written to ROOT/.sitrep/policy.yaml. Point a console at the root from \
            another terminal: sitrep --root ROOT. Stops after --duration or on Ctrl-C / SIGTERM; \
            the files stay.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Simulated seconds per real second (default 1).")
    var speed: Double = 1

    @Option(help: "Stop after this many real seconds (default: run until interrupted).")
    var duration: Double?

    @Option(help: "How many nodes to simulate under nodes/ (default 6).")
    var nodes: Int = 6

    @Flag(help: "Remove the files an earlier demo wrote into the root before starting.")
    var reset = false

    static let stepInterval = 0.25

    func validate() throws {
        guard speed > 0, speed.isFinite else {
            throw ValidationError("--speed must be a positive number, such as 1 or 10")
        }
        if let duration, !(duration > 0 && duration.isFinite) {
            throw ValidationError("--duration must be a positive number of seconds")
        }
        guard nodes >= 1 else { throw ValidationError("--nodes must be at least 1") }
        guard common.policy == nil else {
            throw ValidationError("simulate writes its own demo policy into the root; --policy does not apply")
        }
    }

    func run() throws {
        let (root, start) = try reporting { try prepareRoot() }
        let simulator = DemoSimulator(root: root, speed: speed, start: start, nodeCount: nodes)
        say(
            "simulating the demo in \(root) at speed \(SimulateCommand.format(speed)); watch it with: sitrep --root \(root)"
        )

        let stop = SignalWatch(signals: [SIGINT, SIGTERM])
        let began = Date()
        let deadline = duration.map { began.addingTimeInterval($0) }
        while true {
            let now = start.addingTimeInterval(Date().timeIntervalSince(began))
            let milestones = try reporting {
                do {
                    return try simulator.step(now: now)
                } catch {
                    throw CLIError("could not write the demo artifacts: \(error)")
                }
            }
            for milestone in milestones { say(String(format: "t=%4.0fs  ", milestone.at) + milestone.text) }
            if let deadline, Date() >= deadline { break }
            let wait = min(SimulateCommand.stepInterval, deadline.map { max(0, $0.timeIntervalSinceNow) } ?? .infinity)
            if stop.wait(seconds: wait) { break }
        }
        let reached = simulator.simulatedSeconds(at: start.addingTimeInterval(Date().timeIntervalSince(began)))
        say(String(format: "stopped at t=%.0fs; the artifacts stay in ", reached) + root)
    }

    /// Creates the root when missing, refuses a root holding something other than a demo,
    /// clears an earlier demo with --reset, and writes the demo policy. Returns the root and the
    /// start instant (--now, else the clock).
    private func prepareRoot() throws -> (root: String, start: Date) {
        guard let raw = common.root ?? common.environment["SITREP_ROOT"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw CLIError("say where to write the demo: --root DIR (or SITREP_ROOT); it is created when missing")
        }
        do {
            try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create the root \(raw): \(error.localizedDescription)")
        }
        let root = try common.resolvedRoot()
        if DemoSimulator.hasDemoData(root: root) {
            guard reset else {
                throw CLIError(
                    "\(root) already holds a demo run; pass --reset to remove the demo's files first, or use another directory"
                )
            }
            try DemoSimulator.removeDemoData(root: root)
        } else if !DemoSimulator.isEmptyRoot(root) {
            throw CLIError(
                "\(root) is not empty and holds no demo; the demo writes only into an empty (or new) directory")
        }
        try DemoSimulator.prepare(root: root)
        return (root, try common.resolvedNow())
    }

    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func format(_ speed: Double) -> String {
        speed == speed.rounded() ? "\(Int(speed))x" : "\(speed)x"
    }
}

/// Turns SIGINT/SIGTERM into a flag the stepping loop waits on, instead of the default exit.
private final class SignalWatch {
    private let raised = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    init(signals: [Int32]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [raised] in raised.signal() }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    /// Sleeps up to `seconds`; true when a signal arrived.
    func wait(seconds: Double) -> Bool {
        raised.wait(timeout: .now() + max(0, seconds)) == .success
    }
}
