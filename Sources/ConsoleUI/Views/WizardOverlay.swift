import Foundation
import IncidentKit

/// The rollback wizard: the run's title and clocks on top, the current step in the middle, the
/// command output below, and any prompt (run this command? why skip?) over the bottom.
enum WizardOverlay {
    static func draw(_ state: AppState, _ session: WizardSession, _ canvas: inout Canvas) {
        let r = Rect(x: 0, y: 1, width: state.width, height: max(4, state.height - 2))
        guard let context = state.wizardContext(session) else {
            let inner = canvas.box(r, title: "Rollback", focused: true)
            canvas.text("The run is no longer in the journal. Esc closes.", in: inner, row: 0, column: 1)
            return
        }
        let runbookTitle = context.flow?.runbook.title ?? context.run.runbookTitle ?? context.run.runbookID
        let inner = canvas.box(
            r, title: "Rollback \(context.incident.id) · \(runbookTitle)", focused: true,
            right: context.run.drill ? "DRILL · \(context.run.id)" : context.run.id)
        guard let flow = context.flow else {
            canvas.text(
                canvas.fit(
                    "Runbook \(context.run.runbookID) (\(context.run.runbookSource ?? "?")) is not loaded.",
                    inner.width - 2),
                in: inner, row: 0, column: 1, style: Style(.warning, bold: true))
            canvas.text(
                canvas.fit(
                    "Start the console with --runbook FILE to continue it, or A to abort the run.", inner.width - 2),
                in: inner, row: 1, column: 1)
            drawPrompt(session, context, inner, &canvas)
            return
        }
        guard context.run.isActive, let step = flow.currentStep else {
            drawLines(
                WizardLines.summary(context, policy: state.picture.policy, now: state.now), in: inner,
                from: 0, &canvas)
            return
        }
        drawStep(state, session, context, step, inner, &canvas)
        drawPrompt(session, context, inner, &canvas)
    }

    private static func drawStep(
        _ state: AppState, _ session: WizardSession, _ context: WizardContext, _ step: RunbookStep, _ inner: Rect,
        _ canvas: inout Canvas
    ) {
        let count = context.flow?.runbook.steps.count ?? 0
        let number = context.flow?.currentNumber ?? 0
        canvas.text(
            canvas.fit("Step \(number) of \(count) · \(step.title)", inner.width - 2), in: inner, row: 0, column: 1,
            style: Style(.title, bold: true))
        var column = 1
        for (text, style) in WizardLines.clocks(context, step: step, now: state.now) {
            column = canvas.text(text, in: inner, row: 1, column: column, style: style) - inner.x + 3
        }
        canvas.text(
            canvas.fit(WizardLines.progress(context, symbols: canvas.symbols), inner.width - 2), in: inner, row: 2,
            column: 1, style: Style(.dim))

        // Output belongs to the step it ran on; a later step starts with a clean pane.
        let command = state.command.flatMap { $0.runID == context.run.id && $0.stepID == step.id ? $0 : nil }
        let outputHeight = command.map { _ in max(4, (inner.height - 4) / 3) } ?? 0
        let bodyTop = 3
        let bodyHeight = max(1, inner.height - bodyTop - outputHeight)
        let body = WizardLines.body(
            context, session, step: step, width: inner.width - 4, symbols: canvas.symbols, now: state.now)
        let cursorLine = body.firstIndex { $0.highlighted } ?? 0
        let first = max(0, min(cursorLine - bodyHeight + 2, body.count - bodyHeight))
        let area = Rect(x: inner.x, y: inner.y + bodyTop, width: inner.width, height: bodyHeight)
        drawLines(body, in: area, from: first, &canvas)
        if let command, outputHeight > 0 {
            let outputArea = Rect(
                x: inner.x, y: inner.y + inner.height - outputHeight, width: inner.width, height: outputHeight)
            drawOutput(command, session, now: state.now, outputArea, &canvas)
        }
    }

    private static func drawLines(_ lines: [OverlayLine], in area: Rect, from first: Int, _ canvas: inout Canvas) {
        guard first < lines.count else { return }
        for (row, line) in lines[first...].prefix(area.height).enumerated() {
            let style = line.highlighted ? Style(line.style.role, bold: true, reverse: true) : line.style
            canvas.text(canvas.fit(line.text, area.width - 2), in: area, row: row, column: 1, style: style)
        }
    }

    private static func drawOutput(
        _ command: CommandProgress, _ session: WizardSession, now: Date, _ area: Rect, _ canvas: inout Canvas
    ) {
        canvas.grid.put(
            String(repeating: canvas.symbols.horizontal, count: area.width), x: area.x, y: area.y,
            style: Style(.border))
        var status: String
        var style = Style(.title, bold: true)
        if command.drill {
            status = "drill: not run"
        } else if !command.finished {
            status =
                "running \(SpanFormat.short(CheckedNumber.int(clamping: now.timeIntervalSince(command.startedAt)))) · Ctrl-C interrupts"
            style = Style(.warning, bold: true)
        } else if let error = command.error {
            status = "could not run: \(error)"
            style = Style(.breached, bold: true)
        } else if command.interrupted {
            status = "interrupted"
            style = Style(.breached, bold: true)
        } else {
            status = "exit \(command.exitCode.map(String.init) ?? "?")"
            style = Style(command.exitCode == 0 ? .ok : .breached, bold: true)
        }
        if let evidence = command.evidence { status += " · evidence \(evidence)" }
        let end = canvas.grid.put(" Output: ", x: area.x + 1, y: area.y, style: Style(.title))
        canvas.grid.put(
            CharacterWidth.fitKeepingEnd(status, area.width - (end - area.x) - 2) + " ", x: end, y: area.y,
            style: style, limit: area.x + area.width)
        let lines = command.shownLines
        let rows = area.height - 1
        let last = max(0, lines.count - session.outputScroll)
        let shown = lines[max(0, last - rows)..<last]
        for (row, line) in shown.enumerated() {
            canvas.text(canvas.fit(line, area.width - 2), in: area, row: row + 1, column: 1)
        }
    }

    private static func drawPrompt(
        _ session: WizardSession, _ context: WizardContext, _ inner: Rect, _ canvas: inout Canvas
    ) {
        var lines: [OverlayLine] = []
        var field: (TextField, String?)?
        let title: String
        switch session.prompt {
        case .none:
            return
        case .confirmRun(let item, let values):
            guard let step = context.step, WizardItem.items(of: step).indices.contains(item),
                let template = Update.commandText(step, WizardItem.items(of: step)[item])
            else { return }
            let text = CommandTemplate.fill(template, values: values)
            let prepared = CommandArgv.prepare(text)
            title = context.run.drill ? "Drill: record this command as rehearsed?" : "Run this command?"
            // Wrapped, never cut: the operator confirms the whole command.
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                for piece in WizardLines.wrap(String(line), width: max(10, inner.width - 8)) {
                    lines.append(OverlayLine("  " + piece, Style(.key, bold: true)))
                }
            }
            lines.append(OverlayLine("argv, exactly as it will run:", Style(.dim)))
            for (i, arg) in prepared.argv.enumerated() {
                let shown = CommandArgv.quote(arg).replacingOccurrences(of: "\n", with: "\\n")
                lines.append(OverlayLine("  [\(i)] " + shown))
            }
            if let why = prepared.shellSyntax {
                lines.append(OverlayLine("Runs through /bin/sh -c: it contains \(why).", Style(.warning, bold: true)))
            }
            var shell = context.shell
            for (name, value) in values where name.hasPrefix("$") { shell.variables[String(name.dropFirst())] = value }
            if let change = ShellContext.change(of: text, in: shell) {
                let what: String
                switch change {
                case .changeDirectory(let dir): what = "changes the run's directory to \(dir)"
                case .setVariables(let pairs):
                    what = "sets " + pairs.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                }
                lines.append(OverlayLine("Nothing is executed: it \(what) for the commands after it.", Style(.dim)))
            } else {
                for piece in WizardLines.wrap(WizardLines.shellContext(shell), width: max(10, inner.width - 4)) {
                    lines.append(OverlayLine(piece, Style(.dim)))
                }
            }
            lines.append(
                OverlayLine(
                    context.run.drill
                        ? "y records it (nothing runs) · any other key cancels" : "y runs it · any other key cancels",
                    Style(.dim)))
        case .fill(let item, let names, let values, let input, let error):
            guard let step = context.step, WizardItem.items(of: step).indices.contains(item),
                let template = Update.commandText(step, WizardItem.items(of: step)[item])
            else { return }
            let name = names[values.count]
            title =
                name.hasPrefix("$")
                ? "Set \(name): the command reads it and the run has not set it (\(values.count + 1) of \(names.count))"
                : "Fill in <\(name)> (\(values.count + 1) of \(names.count))"
            field = (input, error)
            lines.append(OverlayLine(""))
            lines.append(
                OverlayLine("  " + WizardLines.oneLine(CommandTemplate.fill(template, values: values)), Style(.key)))
            lines.append(
                OverlayLine(
                    error ?? "Enter takes the value; the whole command is shown before it runs · Esc cancels",
                    Style(error == nil ? .dim : .breached)))
        case .confirmBack:
            title = "Go back to the previous step?"
            lines.append(
                OverlayLine("The step is re-entered; its clock keeps what it had. y goes back, any other key stays."))
        case .confirmIncomplete(let unticked):
            title = "Complete with \(unticked) checklist item\(unticked == 1 ? "" : "s") unticked?"
            lines.append(OverlayLine("Enter completes the step anyway · any other key goes back to the checklist"))
        case .reason(let kind, let input, let error):
            title = kind.title
            field = (input, error)
            lines.append(OverlayLine(""))
            if kind == .override, let step = context.step {
                let last = context.run.lastVerification(of: step.id)
                let why =
                    last.map {
                        "The verification \($0.interrupted ? "was interrupted" : "exited \($0.exitCode.map(String.init) ?? "without a code")")."
                    }
                    ?? "The verification has not been run (highlight it and press x)."
                lines.append(OverlayLine(why + " The reason is recorded with the step.", Style(.warning, bold: true)))
            }
            lines.append(
                OverlayLine(
                    error ?? "Enter records it in the journal · Esc cancels", Style(error == nil ? .dim : .breached)))
        }
        let height = min(inner.height, lines.count + 2)
        let box = Rect(x: inner.x + 1, y: inner.y + inner.height - height, width: inner.width - 2, height: height)
        let content = canvas.box(box, title: title, focused: true)
        drawLines(lines, in: content, from: 0, &canvas)
        if let (input, _) = field {
            let width = content.width - 2
            canvas.grid.fill(
                x: content.x + 1, y: content.y, width: width, height: 1, style: Style(.input, underline: true))
            let visible = CharacterWidth.fitKeepingEnd(input.text, width - 1)
            let end = canvas.grid.put(visible, x: content.x + 1, y: content.y, style: Style(.input, underline: true))
            canvas.grid.put(" ", x: end, y: content.y, style: Style(.input, reverse: true))
        }
    }
}
