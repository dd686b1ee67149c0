import Foundation
import IncidentKit

/// The runbook picker that `r` opens on an incident without a run in progress: the runbooks
/// that apply to its severity first.
public struct RunbookPicker: Equatable, Sendable {
    public var incidentID: String
    public var runbookIDs: [String]
    /// How many of `runbookIDs`, from the start, apply to the incident's severity.
    public var applicable: Int
    public var selected: Int = 0

    public init(incidentID: String, runbookIDs: [String], applicable: Int) {
        self.incidentID = incidentID
        self.runbookIDs = runbookIDs
        self.applicable = applicable
    }
}

/// The wizard's view of a run. Where the run stands comes from the journal (the picture);
/// this holds only what is not written yet: the highlight, ticked items, a chosen branch and
/// an open prompt.
public struct WizardSession: Equatable, Sendable {
    public enum ReasonKind: Equatable, Sendable {
        case skip, override, abort

        var title: String {
            switch self {
            case .skip: return "Skip this step: why?"
            case .override: return "Complete despite the verification: why?"
            case .abort: return "Abort the rollback: why?"
            }
        }
    }

    public enum Prompt: Equatable, Sendable {
        case none
        /// Run the highlighted command? Shows exactly what will run, placeholders filled in.
        case confirmRun(item: Int, values: [String: String])
        /// The command has placeholders: asks for each value in turn before the confirmation.
        case fill(item: Int, names: [String], values: [String: String], input: TextField, error: String?)
        case reason(ReasonKind, TextField, error: String?)
        case confirmBack
        /// Enter pressed with checklist items unticked: Enter again completes anyway.
        case confirmIncomplete(unticked: Int)
    }

    public var incidentID: String
    public var runID: String
    public var cursor = 0
    public var ticked: [String: Set<Int>] = [:]
    public var chosen: [String: String] = [:]
    public var prompt: Prompt = .none
    /// Lines scrolled back in the command output.
    public var outputScroll = 0

    public init(incidentID: String, runID: String) {
        self.incidentID = incidentID
        self.runID = runID
    }
}

/// What can be highlighted on a step, top to bottom.
public enum WizardItem: Equatable, Sendable {
    case command(Int)
    case verify
    case checklist(Int)
    case choice(Int)

    public static func items(of step: RunbookStep) -> [WizardItem] {
        step.commands.indices.map(WizardItem.command) + (step.verify == nil ? [] : [.verify])
            + step.checklist.indices.map(WizardItem.checklist) + step.choices.indices.map(WizardItem.choice)
    }
}

/// A command the wizard started, streaming its output; kept after it ends until the next one.
public struct CommandProgress: Equatable, Sendable {
    public static let keptLines = 500

    public var incidentID: String
    public var runID: String
    public var stepID: String
    public var prepared: PreparedCommand
    public var isVerification: Bool
    public var startedAt: Date
    public var lines: [String] = []
    public var partial = ""
    public var finished = false
    public var exitCode: Int?
    public var interrupted = false
    public var evidence: String?
    public var error: String?
    public var drill = false

    public init(
        incidentID: String, runID: String, stepID: String, prepared: PreparedCommand, isVerification: Bool,
        startedAt: Date, drill: Bool
    ) {
        self.incidentID = incidentID
        self.runID = runID
        self.stepID = stepID
        self.prepared = prepared
        self.isVerification = isVerification
        self.startedAt = startedAt
        self.drill = drill
    }

    public mutating func append(_ text: String) {
        var pieces = (partial + text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        partial = pieces.removeLast()
        lines.append(contentsOf: pieces)
        if lines.count > Self.keptLines { lines.removeFirst(lines.count - Self.keptLines) }
    }

    /// Output lines to show, the unfinished last line included.
    public var shownLines: [String] { partial.isEmpty ? lines : lines + [partial] }
}

/// A rollback journal write the wizard asks for; the loop carries it out and reports back.
public enum RollbackRequest: Equatable, Sendable {
    case start(incident: String, runbook: String, by: String)
    case step(incident: String, run: String, transition: RollbackRecords.StepTransition, by: String)
    case complete(incident: String, run: String, by: String)
    case abort(incident: String, run: String, reason: String, by: String)
}

/// A command to run (or, in a drill, to record as rehearsed) for a step of a run.
public struct CommandRequest: Equatable, Sendable {
    public var incidentID: String
    public var runID: String
    public var stepID: String
    /// The command as the runbook writes it, and the placeholder values the operator gave.
    public var template: String
    public var values: [String: String]
    /// Variables the command reads that the run's shell context did not set, as the operator
    /// gave them: they join the context (and the journal) when the command runs.
    public var variables: [String: String] = [:]
    /// What runs: the template filled in, split as the confirmation showed.
    public var prepared: PreparedCommand
    public var isVerification: Bool
    public var by: String
}

/// How a command ended, as the loop saw it.
public struct CommandEnd: Equatable, Sendable {
    public var exitCode: Int?
    public var interrupted: Bool
    public var evidence: String?
    public var error: String?

    public init(exitCode: Int?, interrupted: Bool = false, evidence: String?, error: String? = nil) {
        self.exitCode = exitCode
        self.interrupted = interrupted
        self.evidence = evidence
        self.error = error
    }
}
