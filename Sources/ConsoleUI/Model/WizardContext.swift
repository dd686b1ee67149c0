import Foundation
import IncidentKit

/// Everything the wizard needs about one run, resolved from the current picture: the incident,
/// the run as the journal says, and the runbook (nil when the console has not loaded it).
public struct WizardContext {
    public let incident: Incident
    public let run: RollbackRun
    public let entry: RunbookEntry?
    public let flow: WizardFlow?

    public var step: RunbookStep? { flow?.currentStep }

    /// The run's shell context as the worker will use it: only the variables the runbook's
    /// commands name (a forged journal line cannot add others).
    public var shell: ShellContext {
        flow.map { run.shell.limited(to: ShellContext.names(in: $0.runbook)) } ?? run.shell
    }
}

extension AppState {
    public func incident(_ id: String) -> Incident? {
        picture.incidents.first { $0.incident.id == id }?.incident
    }

    /// The run a wizard session shows: its own, or the incident's active one (just started).
    public func wizardContext(_ session: WizardSession) -> WizardContext? {
        guard let incident = incident(session.incidentID) else { return nil }
        let runs = RollbackRun.runs(of: incident)
        guard let run = runs.last(where: { $0.id == session.runID }) else { return nil }
        let entry = runbooks.entry(id: run.runbookID)
        return WizardContext(
            incident: incident, run: run, entry: entry, flow: entry.map { WizardFlow(runbook: $0.runbook, run: run) })
    }

    /// Whether the wizard's command is still running.
    public var commandRunning: Bool { command.map { !$0.finished } ?? false }
}
