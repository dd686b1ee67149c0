import ArgumentParser
import Foundation
import IncidentKit

/// Shared set-up of the commands that write to a journal.
struct WriteContext {
    let actions: IncidentActions

    init(_ common: CommonOptions) throws {
        let (root, policy, now) = try common.context()
        actions = IncidentActions(root: root, policy: policy, now: now)
    }
}

struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Acknowledge an incident (the first acknowledgment wins).")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The incident id (a unique suffix is enough).") var id: String
    @Option(help: "Who acknowledges (default: $SITREP_USER, $SUDO_USER, the login name).") var by: String?
    @Option(help: "A short note, e.g. the mitigation status.") var notes: String?

    func run() throws {
        try reporting {
            let (incident, outcome) = try WriteContext(common).actions.acknowledge(
                id, by: common.operatorName(by), notes: notes)
            switch outcome {
            case .written:
                Say.out("\(incident.id) acknowledged by \(common.operatorName(by)) (\(incident.journal))")
            case .alreadyAcknowledged(let who, let at):
                Say.out(
                    "\(incident.id) was already acknowledged by \(who ?? "unknown") at \(Timestamp.format(at)); nothing written"
                )
            }
        }
    }
}

struct DeclareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "declare", abstract: "Open a new incident.")

    @OptionGroup var common: CommonOptions
    @Option(help: "The severity, by id or alias of the policy (e.g. SEV1, P2, critical).") var severity: String
    @Option(help: "A one-line title.") var title: String
    @Option(
        name: .customLong("run-id"), help: "Write to results/runs/<run-id>/incident_events.jsonl instead of incidents/."
    )
    var runID: String?
    @Option(help: "Who declares it (default: the operator name).") var by: String?

    func run() throws {
        try reporting {
            let actions = try WriteContext(common).actions
            let opened = try actions.declare(
                severity: severity, title: title, runID: runID, by: common.operatorName(by))
            Say.out("\(opened.id) opened as \(try actions.canonicalSeverity(severity)) (\(opened.journal))")
        }
    }
}

struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Post a status update (resets repeating update timers).")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The incident id.") var id: String
    @Option(help: "The update text.") var message: String
    @Option(help: "Who posts it (default: the operator name).") var by: String?

    func run() throws {
        try reporting {
            let incident = try WriteContext(common).actions.update(id, message: message, by: common.operatorName(by))
            Say.out(
                "\(incident.id) updated (\(incident.updates.count + 1) update\(incident.updates.isEmpty ? "" : "s"))")
        }
    }
}

struct EscalateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate", abstract: "Record an escalation to a level.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The incident id.") var id: String
    @Option(help: "The level to escalate to.") var level: Int
    @Option(help: "Why.") var reason: String
    @Option(help: "Who escalates (default: the operator name).") var by: String?

    func run() throws {
        try reporting {
            let context = try WriteContext(common)
            let incident = try context.actions.escalate(id, level: level, reason: reason, by: common.operatorName(by))
            let name = context.actions.policy.level(level).map { " (\($0.name))" } ?? ""
            Say.out("\(incident.id) escalated to L\(level)\(name)")
        }
    }
}

struct MitigateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mitigate", abstract: "Mark an incident mitigated.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The incident id.") var id: String
    @Option(help: "What was done.") var notes: String?
    @Option(help: "Who (default: the operator name).") var by: String?

    func run() throws {
        try reporting {
            let incident = try WriteContext(common).actions.mitigate(id, notes: notes, by: common.operatorName(by))
            Say.out("\(incident.id) marked mitigated")
        }
    }
}

struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Resolve an incident with its root cause.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The incident id.") var id: String
    @Option(name: .customLong("root-cause"), help: "The root cause.") var rootCause: String
    @Option(help: "Who (default: the operator name).") var by: String?

    func run() throws {
        try reporting {
            let incident = try WriteContext(common).actions.resolve(
                id, rootCause: rootCause, by: common.operatorName(by))
            Say.out("\(incident.id) resolved")
        }
    }
}
