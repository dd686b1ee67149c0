import ConsoleUI
import Foundation
import IncidentKit

/// The wizard's side effects for the loop: writes its transitions to the journal, and runs its
/// commands (or, in a drill, records them as rehearsed), streaming output into an evidence file
/// and back to the screen. Commands run only from a loaded runbook that is still the file that
/// was checked, and only the text that runbook holds for that step.
final class RollbackWorker {
    struct Settings {
        var root: String
        var catalog: RunbookCatalog
        var drill: Bool
        var readOnly: Bool
    }

    private struct Running {
        var runner: CommandRunner
        var request: CommandRequest
        var context: RollbackRecords.Context
        var evidence: EvidenceFile
        var startedAt: Date
        var monotonicStart: TimeInterval
        /// The run's shell context the command runs in.
        var shell: ShellContext
    }

    private let settings: Settings
    /// The incidents as the journals say now (the loop refreshes its store first).
    private let freshIncidents: () -> [Incident]
    private var running: Running?

    init(settings: Settings, freshIncidents: @escaping () -> [Incident]) {
        self.settings = settings
        self.freshIncidents = freshIncidents
    }

    var pollDescriptor: Int32? { running.map(\.runner.output).flatMap { $0 >= 0 ? $0 : nil } }
    var isRunning: Bool { running != nil }

    // MARK: journal writes

    func write(_ request: RollbackRequest, now: Date) -> (text: String, isError: Bool) {
        guard !settings.readOnly else { return ("Read-only console: nothing written", true) }
        let recorder = RollbackRecorder(root: settings.root, now: now)
        let incidents = freshIncidents()
        do {
            switch request {
            case .start(let id, let runbookID, let by):
                guard let incident = incidents.first(where: { $0.id == id }) else { return ("No incident \(id)", true) }
                guard let entry = settings.catalog.entry(id: runbookID) else {
                    return ("Runbook \(runbookID) is not loaded", true)
                }
                let context = try recorder.start(incident: incident, entry: entry, drill: settings.drill, by: by)
                return (
                    "\(settings.drill ? "Drill" : "Rollback") \(context.runID) started: \(entry.runbook.title)", false
                )
            case .step(let id, let runID, let transition, let by):
                let (incident, run) = try find(id, runID, in: incidents)
                try recorder.step(transition, context: context(run, by: by), incident: incident)
                return ("\(transition.title): \(transition.status.rawValue)", false)
            case .complete(let id, let runID, let by):
                let (incident, run) = try find(id, runID, in: incidents)
                guard run.isActive, run.currentStep == nil else { return ("Rollback \(runID) has steps left", true) }
                try recorder.complete(run: run, context: context(run, by: by), incident: incident)
                let total = run.totalSeconds(now: now)
                var text = "Rollback \(runID) completed in \(SpanFormat.short(total))"
                if let target = run.targetSeconds {
                    text +=
                        total <= target
                        ? " (target \(SpanFormat.short(target)) met)" : " (target \(SpanFormat.short(target)) missed)"
                }
                return (text, false)
            case .abort(let id, let runID, let reason, let by):
                let (incident, run) = try find(id, runID, in: incidents)
                try recorder.abort(run: run, context: context(run, by: by), incident: incident, reason: reason)
                return ("Rollback \(runID) aborted", false)
            }
        } catch let error as ActionError {
            return (error.message, true)
        } catch {
            return ("Write failed, nothing recorded: \(error)", true)
        }
    }

    private func find(_ id: String, _ runID: String, in incidents: [Incident]) throws -> (Incident, RollbackRun) {
        guard let incident = incidents.first(where: { $0.id == id }),
            let run = RollbackRun.runs(of: incident).last(where: { $0.id == runID })
        else { throw ActionError("Rollback \(runID) of \(id) is not in the journal") }
        // The wizard's view of the run (it starts at the runbook's first step when the start
        // event does not name one).
        guard let runbook = settings.catalog.entry(id: run.runbookID)?.runbook else { return (incident, run) }
        return (incident, WizardFlow(runbook: runbook, run: run).run)
    }

    private func context(_ run: RollbackRun, by: String) -> RollbackRecords.Context {
        RollbackRecords.Context(
            incidentID: run.incidentID, runID: run.id, runbookID: run.runbookID, drill: run.drill, by: by)
    }

    // MARK: commands

    /// Starts a command; returns the messages to send now (a refusal or a drill ends at once).
    func start(_ request: CommandRequest, now: Date) -> [Message] {
        let incidents = freshIncidents()
        guard let incident = incidents.first(where: { $0.id == request.incidentID }),
            let run = RollbackRun.runs(of: incident).last(where: { $0.id == request.runID })
        else { return [refused("the run is not in the journal")] }
        if let why = refusal(request, run: run) { return [refused(why)] }
        let context = context(run, by: request.by)
        let recorder = RollbackRecorder(root: settings.root, now: now)
        // The journal's context, limited to the variables this runbook's commands name: a forged
        // line cannot slip LD_PRELOAD or PATH into a command's environment.
        let runbook = settings.catalog.entry(id: run.runbookID)?.runbook
        var shell = runbook.map { run.shell.limited(to: ShellContext.names(in: $0)) } ?? run.shell
        for (name, value) in request.variables { shell.variables[name] = value }
        if let change = ShellContext.change(of: request.prepared.text, in: shell) {
            return [changeContext(change, shell: shell, request: request, run: run, incident: incident, now: now)]
        }
        if run.drill {
            let result = RollbackRecords.CommandResult(
                step: request.stepID, command: request.prepared.text, argv: request.prepared.argv, exitCode: nil,
                startedAt: now, durationSeconds: 0, evidence: nil, isVerification: request.isVerification,
                skippedInDrill: true, template: template(request), context: shell)
            do {
                try recorder.command(result, context: context, incident: incident)
            } catch {
                return [refused("could not record the rehearsal: \(error)")]
            }
            return [.commandFinished(CommandEnd(exitCode: nil, evidence: nil))]
        }
        let relative = recorder.evidencePath(incident: incident, context: context, step: request.stepID)
        do {
            let evidence = try EvidenceFile(root: settings.root, relativePath: relative)
            evidence.writeHeader(
                incident: incident.id, run: run.id, step: request.stepID, command: request.prepared.text,
                argv: request.prepared.argv, by: request.by, startedAt: now,
                directory: shell.directory ?? FileManager.default.currentDirectoryPath)
            do {
                let runner = try CommandRunner(
                    argv: request.prepared.argv, directory: shell.directory, variables: shell.variables)
                running = Running(
                    runner: runner, request: request, context: context, evidence: evidence, startedAt: now,
                    monotonicStart: ProcessInfo.processInfo.systemUptime, shell: shell)
                return []
            } catch {
                evidence.append(Array("could not start: \(error)\n".utf8))
                evidence.finish(exitCode: nil, interrupted: false, duration: 0, endedAt: now)
                let result = RollbackRecords.CommandResult(
                    step: request.stepID, command: request.prepared.text, argv: request.prepared.argv, exitCode: nil,
                    startedAt: now, durationSeconds: 0, evidence: relative, isVerification: request.isVerification,
                    error: "\(error)", template: template(request), context: shell)
                try? recorder.command(result, context: context, incident: incident)
                return [.commandFinished(CommandEnd(exitCode: nil, evidence: relative, error: "\(error)"))]
            }
        } catch {
            return [refused("\(error)")]
        }
    }

    private func template(_ request: CommandRequest) -> String? { request.values.isEmpty ? nil : request.template }

    /// `cd DIR`, `export VAR=…`, `VAR=…`: what a shell would remember, so nothing is executed;
    /// the new context is journaled with the command (in a drill too: it is where the rehearsal
    /// would run). A directory that does not exist is refused and the context stays.
    private func changeContext(
        _ change: ShellContext.Change, shell: ShellContext, request: CommandRequest, run: RollbackRun,
        incident: Incident, now: Date
    ) -> Message {
        let base = FileManager.default.currentDirectoryPath
        let outcome = shell.applying(change, base: base, home: ProcessInfo.processInfo.environment["HOME"])
        var result = RollbackRecords.CommandResult(
            step: request.stepID, command: request.prepared.text, argv: request.prepared.argv, exitCode: 0,
            startedAt: now, durationSeconds: 0, evidence: nil, isVerification: request.isVerification,
            template: template(request), context: shell, changedContext: true)
        switch outcome {
        case .success(let next): result.context = next
        case .failure(let why):
            result.exitCode = 1
            result.error = why.description
        }
        do {
            try RollbackRecorder(root: settings.root, now: now).command(
                result, context: context(run, by: request.by), incident: incident)
        } catch {
            return refused("could not record the context change: \(error)")
        }
        return .commandFinished(CommandEnd(exitCode: result.exitCode, evidence: nil, error: result.error))
    }

    private func refused(_ why: String) -> Message {
        .commandFinished(CommandEnd(exitCode: nil, evidence: nil, error: why))
    }

    /// Why this command may not run: a read-only console, an unknown or unsafe runbook, a file
    /// changed since it was checked, or text that is not the runbook's.
    private func refusal(_ request: CommandRequest, run: RollbackRun) -> String? {
        if settings.readOnly { return "read-only console" }
        if running != nil { return "a command is already running" }
        guard run.isActive else { return "the run has ended" }
        guard let entry = settings.catalog.entry(id: run.runbookID) else {
            return "runbook \(run.runbookID) is not loaded"
        }
        guard let step = entry.runbook.step(request.stepID) else { return "no step \(request.stepID) in the runbook" }
        let texts = step.commands.map(\.command) + (step.verify.map { [$0.command] } ?? [])
        guard texts.contains(request.template),
            Set(request.values.keys) == Set(CommandTemplate.placeholders(in: request.template)),
            CommandArgv.prepare(CommandTemplate.fill(request.template, values: request.values)) == request.prepared
        else { return "that command is not in step \(request.stepID) of the runbook" }
        if let problem = request.values.values.lazy.compactMap(CommandTemplate.problem).first { return problem }
        let asked = ShellContext.unsetVariables(
            in: request.template, context: run.shell, inherited: Set(ProcessInfo.processInfo.environment.keys))
        guard Set(request.variables.keys).isSubset(of: asked) else {
            return "a variable given is not one the command reads unset"
        }
        if let problem = request.variables.values.lazy.compactMap(CommandTemplate.problem).first { return problem }
        if let why = request.prepared.unrunnable { return why }
        if run.drill { return nil }
        if let refusal = entry.refusal { return refusal }
        if let stamp = entry.stamp, let changed = RunbookTrust.recheck(stamp) { return changed }
        return nil
    }

    /// Reads what the command wrote and notices its end; called on every pass of the loop.
    func service(now: Date) -> [Message] {
        guard let current = running else { return [] }
        var messages: [Message] = []
        // Exit first, then read: everything written before the exit is in the pipe by now. A pipe
        // held open by something the command left behind is not waited for.
        let exited = current.runner.poll()
        let bytes = current.runner.readAvailable()
        if let bytes, !bytes.isEmpty {
            current.evidence.append(bytes)
            messages.append(.commandOutput(String(decoding: bytes, as: UTF8.self)))
        }
        let drained = (bytes?.count ?? 0) < CommandRunner.readLimit
        if exited, drained { messages.append(finish(now: now)) }
        return messages
    }

    func interrupt(now: Date) { running?.runner.interrupt(now: now) }

    /// The console is closing: stop the command and record it as interrupted.
    func shutdown(now: Date) {
        guard let current = running else { return }
        current.runner.terminate()
        _ = finish(now: now, forced: true)
    }

    private func finish(now: Date, forced: Bool = false) -> Message {
        guard let current = running else { return .commandFinished(CommandEnd(exitCode: nil, evidence: nil)) }
        running = nil
        let interrupted = forced || current.runner.interruptedAt != nil
        let duration = ProcessInfo.processInfo.systemUptime - current.monotonicStart
        let exitCode = interrupted ? nil : current.runner.exitCode
        let problem = current.evidence.finish(
            exitCode: current.runner.exitCode, interrupted: interrupted, duration: duration, endedAt: now)
        let result = RollbackRecords.CommandResult(
            step: current.request.stepID, command: current.request.prepared.text, argv: current.request.prepared.argv,
            exitCode: exitCode, interrupted: interrupted, startedAt: current.startedAt, durationSeconds: duration,
            evidence: current.evidence.relativePath, isVerification: current.request.isVerification,
            error: problem.map { "evidence incomplete: \($0)" }, template: template(current.request),
            context: current.shell)
        var error: String?
        if let incident = freshIncidents().first(where: { $0.id == current.request.incidentID }) {
            do {
                try RollbackRecorder(root: settings.root, now: now).command(
                    result, context: current.context, incident: incident)
            } catch {
                let message = "the result could not be written to the journal: \(error)"
                return .commandFinished(
                    CommandEnd(
                        exitCode: exitCode, interrupted: interrupted, evidence: current.evidence.relativePath,
                        error: message))
            }
        } else {
            error = "incident \(current.request.incidentID) is gone from the journal; result not recorded"
        }
        return .commandFinished(
            CommandEnd(
                exitCode: exitCode, interrupted: interrupted, evidence: current.evidence.relativePath, error: error))
    }
}
