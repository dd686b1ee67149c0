import Foundation
import IncidentKit

/// The rollback wizard's keys: the runbook picker, then one step at a time. Nothing here writes;
/// each transition becomes a `.rollback` effect the loop writes at once, and the wizard then
/// shows what the journal says.
extension Update {
    static func openRollback(incident id: String, _ state: inout AppState) {
        guard let incident = state.incident(id) else { return }
        if let active = RollbackRun.active(of: incident) {
            state.overlay = .wizard(WizardSession(incidentID: id, runID: active.id))
            return
        }
        if state.readOnly {
            flash("Read-only console: a rollback cannot be started here", isError: true, &state)
            return
        }
        guard incident.isActive else {
            flash("\(id) is resolved", isError: true, &state)
            return
        }
        if incident.readOnly {
            openDeclare(referencing: incident, &state)
            return
        }
        let ordered = state.runbooks.ordered(for: incident.severity, policy: state.picture.policy)
        guard !ordered.isEmpty else {
            flash("No runbooks loaded", isError: true, &state)
            return
        }
        let applicable = ordered.filter { $0.applies(to: incident.severity, policy: state.picture.policy) }.count
        state.overlay = .picker(
            RunbookPicker(incidentID: id, runbookIDs: ordered.map(\.runbook.id), applicable: applicable))
    }

    /// A run appearing for the picker's incident (started here or in another console) opens it.
    static func followNewRun(_ state: inout AppState) {
        guard case .picker(let picker)? = state.overlay, let incident = state.incident(picker.incidentID),
            let active = RollbackRun.active(of: incident)
        else { return }
        state.overlay = .wizard(WizardSession(incidentID: picker.incidentID, runID: active.id))
    }

    static func handlePicker(_ key: Key, _ picker: RunbookPicker, _ state: inout AppState) -> [Effect] {
        var picker = picker
        switch key {
        case .escape, .char("q"): state.overlay = nil
        case .char("j"), .down: picker.selected = min(picker.selected + 1, picker.runbookIDs.count - 1)
        case .char("k"), .up: picker.selected = max(picker.selected - 1, 0)
        case .char("?"), .function(1):
            state.overlay = .help(scroll: 0, over: .picker(picker))
            return []
        case .enter:
            let id = picker.runbookIDs[picker.selected]
            if let runbook = state.runbooks.entry(id: id)?.runbook, runbook.steps.isEmpty {
                // A template or reference page imports with no steps: nothing to walk through.
                flash("\(runbook.title) has no steps: \(runbook.notice ?? "nothing to run")", isError: true, &state)
                return []
            }
            return [.rollback(.start(incident: picker.incidentID, runbook: id, by: state.operatorName))]
        default: break
        }
        state.overlay = .picker(picker)
        return []
    }

    static func handleWizard(_ key: Key, _ session: WizardSession, _ state: inout AppState) -> [Effect] {
        var session = session
        defer { if case .wizard? = state.overlay { state.overlay = .wizard(session) } }
        guard let context = state.wizardContext(session) else {
            if key == .escape || key == .char("q") || key == .enter { state.overlay = nil }
            return []
        }
        if case .none = session.prompt {
            return wizardKey(key, context, &session, &state)
        }
        return promptKey(key, context, &session, &state)
    }

    private static func wizardKey(
        _ key: Key, _ context: WizardContext, _ session: inout WizardSession, _ state: inout AppState
    ) -> [Effect] {
        let items = context.step.map(WizardItem.items) ?? []
        switch key {
        case .escape, .char("q"):
            state.overlay = nil
            return []
        case .char("?"), .function(1):
            state.overlay = .help(scroll: 0, over: .wizard(session))
            return []
        case .char("j"), .down: session.cursor = min(session.cursor + 1, max(0, items.count - 1))
        case .char("k"), .up: session.cursor = max(session.cursor - 1, 0)
        case .pageUp: session.outputScroll += 5
        case .pageDown: session.outputScroll = max(0, session.outputScroll - 5)
        case .char("P"):
            let effects = report(context.incident.id, &state)
            if case .form? = state.overlay { state.formReturnsTo = session }
            return effects
        case .char("u"), .char("e"), .char("m"):
            // The incident's own forms, as its steps ask ("post an update"); Esc or Enter returns here.
            guard context.incident.isActive else { return [] }
            openForm(for: key, incident: context.incident.id, &state)
            if case .form? = state.overlay { state.formReturnsTo = session }
            return []
        case .char(" "):
            guard let step = context.step, items.indices.contains(session.cursor) else { return [] }
            switch items[session.cursor] {
            case .checklist(let i): session.ticked[step.id, default: []].formSymmetricDifference([i])
            case .choice(let i): session.chosen[step.id] = step.choices[i].goto
            default: break
            }
        case .char(let c) where c.isNumber:
            guard let step = context.step, let n = c.wholeNumberValue, n >= 1, n <= step.choices.count else {
                return []
            }
            session.chosen[step.id] = step.choices[n - 1].goto
            if let index = items.firstIndex(of: .choice(n - 1)) { session.cursor = index }
        case .char("x"):
            guard let step = context.step, items.indices.contains(session.cursor) else { return [] }
            guard let refusal = commandRefusal(context, &state) else {
                switch items[session.cursor] {
                case .command, .verify:
                    let text = commandText(step, items[session.cursor]) ?? ""
                    if let why = CommandArgv.prepare(text).unrunnable {
                        flash("This command cannot run: \(why)", isError: true, &state)
                        return []
                    }
                    // Placeholders, then variables the run's shell context does not set ("$NAME").
                    let names =
                        CommandTemplate.placeholders(in: text)
                        + ShellContext.unsetVariables(
                            in: text, context: context.shell, inherited: state.inheritedVariables
                        ).map { "$" + $0 }
                    session.prompt =
                        names.isEmpty
                        ? .confirmRun(item: session.cursor, values: [:])
                        : .fill(item: session.cursor, names: names, values: [:], input: TextField(), error: nil)
                default:
                    flash("Highlight a command of \"\(step.title)\" with j/k, then x", isError: true, &state)
                }
                return []
            }
            flash(refusal, isError: true, &state)
        case .enter:
            return complete(context, &session, &state, confirmedIncomplete: false)
        case .char("s"):
            guard writable(context, &state), let step = context.step else { return [] }
            if !step.choices.isEmpty, session.chosen[step.id] == nil {
                flash("Choose the branch to continue with first (1-\(step.choices.count))", isError: true, &state)
                return []
            }
            session.prompt = .reason(.skip, TextField(), error: nil)
        case .char("b"):
            guard writable(context, &state) else { return [] }
            guard context.flow?.previousStep != nil else {
                flash("This is the first step: there is nothing to go back to", isError: true, &state)
                return []
            }
            session.prompt = .confirmBack
        case .char("A"):
            guard writable(context, &state) else { return [] }
            session.prompt = .reason(.abort, TextField(), error: nil)
        default: break
        }
        return []
    }

    /// Why a write is refused: a read-only console, or a run that has ended.
    private static func writable(_ context: WizardContext, _ state: inout AppState) -> Bool {
        if state.readOnly {
            flash("Read-only console: the rollback can be followed, not moved on", isError: true, &state)
            return false
        }
        guard context.run.isActive else {
            flash("Rollback \(context.run.id) has ended", isError: true, &state)
            return false
        }
        if context.flow == nil {
            flash(
                "Runbook \(context.run.runbookID) is not loaded here; start the console with --runbook FILE",
                isError: true, &state)
            return false
        }
        return true
    }

    private static func commandRefusal(_ context: WizardContext, _ state: inout AppState) -> String? {
        if state.readOnly { return "Read-only console: commands do not run here" }
        if !context.run.isActive { return "Rollback \(context.run.id) has ended" }
        if state.commandRunning { return "A command is still running; Ctrl-C interrupts it" }
        if !context.run.drill, let refusal = context.entry?.refusal { return "Commands refused: \(refusal)" }
        return nil
    }

    private static func complete(
        _ context: WizardContext, _ session: inout WizardSession, _ state: inout AppState, confirmedIncomplete: Bool
    ) -> [Effect] {
        if !context.run.isActive {
            state.overlay = nil
            return []
        }
        guard writable(context, &state), let flow = context.flow else { return [] }
        let by = state.operatorName
        guard let step = flow.currentStep else {
            // Every step is behind the run; only the completion was not written (a dropped session).
            return [.rollback(.complete(incident: context.incident.id, run: context.run.id, by: by))]
        }
        if state.commandRunning {
            flash("A command is still running; wait for it or Ctrl-C", isError: true, &state)
            return []
        }
        // A branch is taken only when the commander chose it (1-9 or space), never because
        // the highlight happened to rest on it.
        let chosen = session.chosen[step.id]
        switch flow.gate(for: step, choice: chosen) {
        case .needsChoice:
            flash(
                "No branch chosen: press 1-\(step.choices.count), or space on a choice, then Enter", isError: true,
                &state)
            return []
        case .verificationFailed, .verificationNotRun:
            session.prompt = .reason(.override, TextField(), error: nil)
            return []
        case .open:
            break
        }
        let unticked = step.checklist.count - (session.ticked[step.id]?.count ?? 0)
        if unticked > 0, !confirmedIncomplete {
            session.prompt = .confirmIncomplete(unticked: unticked)
            return []
        }
        return transition(.done, context, flow, step, &session, state, reason: nil)
    }

    private static func transition(
        _ status: RollbackStepStatus, _ context: WizardContext, _ flow: WizardFlow, _ step: RunbookStep,
        _ session: inout WizardSession, _ state: AppState, reason: String?
    ) -> [Effect] {
        let chosen = session.chosen[step.id]
        let next = status == .back ? flow.previousStep : flow.next(after: step, choice: chosen)
        let ticked = (session.ticked[step.id] ?? []).sorted().compactMap {
            step.checklist.indices.contains($0) ? step.checklist[$0] : nil
        }
        let t = RollbackRecords.StepTransition(
            step: step.id, title: step.title, status: status, next: next, sequence: context.run.transitions,
            budgetSeconds: step.budgetSeconds, elapsedSeconds: context.run.secondsOnCurrentVisit(now: state.now),
            checklist: ticked, choice: status == .back ? nil : chosen, reason: reason,
            verification: status == .back ? nil : flow.verificationWord(for: step))
        session.cursor = 0
        session.outputScroll = 0
        let by = state.operatorName
        var effects: [Effect] = [
            .rollback(.step(incident: context.incident.id, run: context.run.id, transition: t, by: by))
        ]
        if next == nil, status != .back {
            effects.append(.rollback(.complete(incident: context.incident.id, run: context.run.id, by: by)))
        }
        return effects
    }

    private static func promptKey(
        _ key: Key, _ context: WizardContext, _ session: inout WizardSession, _ state: inout AppState
    ) -> [Effect] {
        let prompt = session.prompt
        session.prompt = .none
        switch prompt {
        case .none:
            return []
        case .confirmRun(let item, let values):
            guard key == .char("y") || key == .char("Y"), let step = context.step else { return [] }
            let items = WizardItem.items(of: step)
            guard items.indices.contains(item), let template = commandText(step, items[item]) else { return [] }
            session.outputScroll = 0
            let placeholders = values.filter { !$0.key.hasPrefix("$") }
            let variables = Dictionary(
                uniqueKeysWithValues: values.filter { $0.key.hasPrefix("$") }.map {
                    (String($0.key.dropFirst()), $0.value)
                })
            var request = CommandRequest(
                incidentID: context.incident.id, runID: context.run.id, stepID: step.id, template: template,
                values: placeholders,
                prepared: CommandArgv.prepare(CommandTemplate.fill(template, values: placeholders)),
                isVerification: items[item] == .verify, by: state.operatorName)
            request.variables = variables
            state.command = CommandProgress(
                incidentID: request.incidentID, runID: request.runID, stepID: step.id, prepared: request.prepared,
                isVerification: request.isVerification, startedAt: state.now, drill: context.run.drill)
            return [.runCommand(request)]
        case .fill(let item, let names, var values, var input, let error):
            switch key {
            case .escape:
                return []
            case .enter:
                let name = names[values.count]
                if let problem = CommandTemplate.problem(with: input.text) {
                    session.prompt = .fill(item: item, names: names, values: values, input: input, error: problem)
                    return []
                }
                values[name] = input.text
                session.prompt =
                    values.count == names.count
                    ? .confirmRun(item: item, values: values)
                    : .fill(item: item, names: names, values: values, input: TextField(), error: nil)
            default:
                _ = input.handle(key)
                session.prompt = .fill(item: item, names: names, values: values, input: input, error: error)
            }
            return []
        case .confirmBack:
            guard key == .char("y") || key == .char("Y"), let flow = context.flow else { return [] }
            let from = flow.currentStep ?? flow.runbook.step(flow.previousStep ?? "")
            guard let step = from else { return [] }
            return transition(.back, context, flow, step, &session, state, reason: nil)
        case .confirmIncomplete:
            guard key == .enter else { return [] }
            return complete(context, &session, &state, confirmedIncomplete: true)
        case .reason(let kind, var field, let error):
            switch key {
            case .escape: return []
            case .enter:
                let reason = field.text.trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty else {
                    session.prompt = .reason(kind, field, error: "A reason is required (Esc cancels)")
                    return []
                }
                return submit(kind, reason: reason, context, &session, state)
            default:
                _ = field.handle(key)
                session.prompt = .reason(kind, field, error: error)
                return []
            }
        }
    }

    /// The runbook text of a highlighted command or verification.
    static func commandText(_ step: RunbookStep, _ item: WizardItem) -> String? {
        switch item {
        case .command(let i): return step.commands[i].command
        case .verify: return step.verify?.command
        default: return nil
        }
    }

    private static func submit(
        _ kind: WizardSession.ReasonKind, reason: String, _ context: WizardContext, _ session: inout WizardSession,
        _ state: AppState
    ) -> [Effect] {
        guard let flow = context.flow else { return [] }
        if kind == .abort {
            return [
                .rollback(
                    .abort(incident: context.incident.id, run: context.run.id, reason: reason, by: state.operatorName))
            ]
        }
        guard let step = flow.currentStep else { return [] }
        return transition(kind == .skip ? .skipped : .failed, context, flow, step, &session, state, reason: reason)
    }

    // MARK: command output

    static func commandOutput(_ text: String, _ state: inout AppState) {
        state.command?.append(text)
    }

    static func commandFinished(_ end: CommandEnd, _ state: inout AppState) {
        guard var command = state.command else { return }
        command.finished = true
        command.exitCode = end.exitCode
        command.interrupted = end.interrupted
        command.evidence = end.evidence
        command.error = end.error
        if !command.partial.isEmpty { command.append("\n") }
        state.command = command
        let what = command.isVerification ? "Verification" : "Command"
        if let error = end.error {
            flash("\(what) could not run: \(error)", isError: true, &state)
        } else if command.drill {
            flash("Drill: \(what.lowercased()) recorded as rehearsed, not run", isError: false, &state)
        } else if end.interrupted {
            flash("\(what) interrupted", isError: true, &state)
        } else {
            flash("\(what) exited \(end.exitCode.map(String.init) ?? "?")", isError: end.exitCode != 0, &state)
        }
    }
}
