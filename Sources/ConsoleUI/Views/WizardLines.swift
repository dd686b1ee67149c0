import Foundation
import IncidentKit

/// A line of an overlay: its text, its style, and whether it holds the wizard's highlight.
struct OverlayLine {
    var text: String
    var style: Style
    var highlighted = false

    init(_ text: String, _ style: Style = .normal, highlighted: Bool = false) {
        self.text = text
        self.style = style
        self.highlighted = highlighted
    }
}

/// The wizard's step, as lines: where the run is, the clocks against budget and target, the
/// instructions, commands with their last result, the checklist and the branches.
enum WizardLines {
    static func clocks(_ context: WizardContext, step: RunbookStep?, now: Date) -> [(String, Style)] {
        var parts: [(String, Style)] = []
        if let step {
            let spent = context.run.secondsOnStep(step.id, now: now)
            let budget = step.budgetSeconds.map { " / budget \(SpanFormat.short($0))" } ?? " (no budget)"
            parts.append(("Step \(SpanFormat.short(spent))\(budget)", .normal))
            if let over = context.flow?.stepOverrun(step, now: now) {
                parts.append(("OVER BUDGET +\(SpanFormat.short(over))", Style(.breached, bold: true)))
            }
        }
        let target = context.run.targetSeconds ?? context.flow?.runbook.targetSeconds
        let total = context.run.totalSeconds(now: now)
        parts.append(
            ("Run \(SpanFormat.short(total))" + (target.map { " / target \(SpanFormat.short($0))" } ?? ""), .normal))
        if let over = context.flow?.targetOverrun(now: now) {
            parts.append(("OVER TARGET +\(SpanFormat.short(over))", Style(.breached, bold: true)))
        }
        return parts
    }

    /// "✔1 ✔2 ▶3 ·4": every step's mark in this run.
    static func progress(_ context: WizardContext, symbols: Symbols) -> String {
        guard let flow = context.flow else { return "" }
        return flow.runbook.steps.enumerated().map { index, step in
            let mark: String
            if step.id == context.run.currentStep && context.run.isActive {
                mark = symbols.selected
            } else if let record = context.run.lastRecord(of: step.id) {
                switch record.status {
                case .done: mark = symbols.met
                case .skipped: mark = "-"
                case .failed: mark = "!"
                case .back: mark = "."
                }
            } else {
                mark = "."
            }
            return "\(mark)\(index + 1)"
        }.joined(separator: " ")
    }

    static func body(
        _ context: WizardContext, _ session: WizardSession, step: RunbookStep, width: Int, symbols: Symbols,
        now: Date
    ) -> [OverlayLine] {
        var out: [OverlayLine] = []
        out += reminders(context, now: now, width: width)
        for line in step.instructions { out += wrap(line, width: width).map { OverlayLine($0) } }
        let items = WizardItem.items(of: step)
        if items.contains(where: { if case .command = $0 { return true } else { return $0 == .verify } }) {
            for line in wrap(shellContext(context.shell), width: width) {
                out.append(OverlayLine(line, Style(.dim)))
            }
        }
        var lastSection = ""
        for (index, item) in items.enumerated() {
            let highlighted = index == session.cursor
            let pointer = highlighted ? symbols.selected + " " : "  "
            let section: String
            let line: OverlayLine
            switch item {
            case .command(let i):
                section = "Commands (x runs the highlighted one)"
                let command = step.commands[i]
                for note in command.notes { out.append(OverlayLine("    # \(note)", Style(.dim))) }
                line = OverlayLine(
                    pointer + "$ " + oneLine(command.command) + result(context, step: step, command.command, symbols),
                    Style(.key, bold: highlighted), highlighted: highlighted)
                if !command.output.isEmpty {
                    if section != lastSection {
                        out.append(OverlayLine(""))
                        out.append(OverlayLine(section, Style(.title, bold: true)))
                        lastSection = section
                    }
                    out.append(line)
                    // Expected output, as the runbook shows it: never run.
                    for shown in command.output.prefix(8) { out.append(OverlayLine("      " + shown, Style(.dim))) }
                    if command.output.count > 8 {
                        out.append(
                            OverlayLine(
                                "      … \(command.output.count - 8) more lines of expected output", Style(.dim)))
                    }
                    continue
                }
            case .verify:
                section = "Verification (must pass, or be overridden with a reason)"
                let command = step.verify!.command
                line = OverlayLine(
                    pointer + "$ " + oneLine(command) + result(context, step: step, command, symbols),
                    Style(.key, bold: highlighted), highlighted: highlighted)
            case .checklist(let i):
                section = "Checklist (space ticks)"
                let ticked = session.ticked[step.id]?.contains(i) ?? false
                line = OverlayLine(
                    pointer + (ticked ? "[x] " : "[ ] ") + step.checklist[i], Style(ticked ? .ok : .normal),
                    highlighted: highlighted)
            case .choice(let i):
                section = "Branch (1-\(step.choices.count) or space chooses, Enter continues)"
                let choice = step.choices[i]
                let chosen = session.chosen[step.id] == choice.goto
                line = OverlayLine(
                    pointer + (chosen ? "(*) " : "( ) ") + "\(i + 1)) \(choice.label) \(symbols.arrow) \(choice.goto)",
                    Style(chosen ? .ok : .normal, bold: chosen), highlighted: highlighted)
            }
            if section != lastSection {
                out.append(OverlayLine(""))
                out.append(OverlayLine(section, Style(.title, bold: true)))
                lastSection = section
            }
            out.append(line)
        }
        if let refusal = context.entry?.refusal {
            out.append(OverlayLine(""))
            for line in wrap("Commands cannot run: \(refusal)", width: width) {
                out.append(OverlayLine(line, Style(.warning, bold: true)))
            }
        }
        return out
    }

    /// The runbook's cadences: "Post updates to the status page: due in 12m00s" (an incident
    /// update resets it), overdue ones in the breach style.
    static func reminders(_ context: WizardContext, now: Date, width: Int) -> [OverlayLine] {
        guard let flow = context.flow, context.run.isActive else { return [] }
        let lastUpdate = context.incident.updates.map(\.at).max()
        return flow.runbook.reminders.flatMap { reminder -> [OverlayLine] in
            let due = flow.reminderDue(reminder, lastUpdate: lastUpdate, now: now)
            let every = "every \(SpanFormat.short(reminder.everySeconds))"
            let text =
                due < 0
                ? "\(reminder.label) (\(every)): OVERDUE by \(SpanFormat.short(-due))"
                : "\(reminder.label) (\(every)): due in \(SpanFormat.short(due))"
            return wrap(text, width: width).map {
                OverlayLine($0, due < 0 ? Style(.breached, bold: true) : Style(.dim))
            }
        }
    }

    /// "in /srv/app  RELEASE=v2.3.1": where the run's commands run and what they have set.
    static func shellContext(_ shell: ShellContext) -> String {
        var text = "Runs in " + (shell.directory ?? "the console's directory")
        let variables = shell.variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if !variables.isEmpty { text += "  with " + variables.joined(separator: " ") }
        return text
    }

    /// The latest result of a command on this step, for the end of its line.
    static func result(_ context: WizardContext, step: RunbookStep, _ command: String, _ symbols: Symbols) -> String {
        guard let last = context.run.commands(of: step.id).last(where: { ($0.template ?? $0.command) == command })
        else { return "" }
        if last.skippedInDrill { return "   [rehearsed]" }
        if let error = last.error { return "   \(symbols.breached) \(error)" }
        if last.interrupted { return "   \(symbols.breached) interrupted" }
        let mark = last.succeeded ? symbols.met : symbols.breached
        return "   \(mark) exit \(last.exitCode.map(String.init) ?? "?")"
            + (last.durationSeconds.map { String(format: " %.1fs", $0) } ?? "")
    }

    static func oneLine(_ s: String) -> String {
        s.contains("\n") ? s.replacingOccurrences(of: "\n", with: " \\n ") : s
    }

    /// Word wrap to a width, long words cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 4 else { return [text] }
        // Indentation is meaning in instructions (YAML snippets, nested items): keep it.
        let indent = String(text.prefix { $0 == " " }.prefix(width / 2))
        var lines: [String] = []
        var current = indent
        for word in text.drop(while: { $0 == " " }).split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty || current == indent ? current + word : current + " " + word
            if CharacterWidth.of(candidate) <= width {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = String(word)
                while CharacterWidth.of(current) > width {
                    let head = CharacterWidth.fit(current, width, ellipsis: "")
                    lines.append(head)
                    current = String(current.dropFirst(head.count))
                }
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The summary when a run has ended: outcome, total against target, every step.
    static func summary(_ context: WizardContext, policy: Policy, now: Date) -> [OverlayLine] {
        let run = context.run
        var out: [OverlayLine] = []
        let total = run.totalSeconds(now: now)
        let target = run.targetSeconds ?? context.flow?.runbook.targetSeconds
        switch run.outcome {
        case .completed:
            out.append(OverlayLine("Rollback completed" + (run.drill ? " (drill)" : ""), Style(.ok, bold: true)))
        case .aborted(_, let reason):
            out.append(OverlayLine("Rollback aborted: \(reason ?? "no reason given")", Style(.breached, bold: true)))
        case .inProgress:
            out.append(OverlayLine("All steps done; Enter records the completion", Style(.warning, bold: true)))
        }
        var totalLine = "Total \(SpanFormat.short(total))"
        var totalStyle = Style.normal
        if let target {
            let met = total <= target
            totalLine +=
                " against a target of \(SpanFormat.short(target)): "
                + (met ? "met" : "missed by \(SpanFormat.short(total - target))")
            totalStyle = Style(met ? .ok : .breached, bold: !met)
        }
        out.append(OverlayLine(totalLine, totalStyle))
        if let timings = RollbackTimings(
            incident: context.incident, runID: run.id, recoveryObjective: policy.recoveryObjective)
        {
            out.append(OverlayLine(""))
            out.append(OverlayLine("Timings", Style(.title, bold: true)))
            for timing in timings.all {
                let missed = timing.comparisons.contains { !$0.met }
                out.append(
                    OverlayLine(
                        "  " + RollbackTimings.line(timing),
                        timing.seconds == nil ? Style(.dim) : Style(missed ? .breached : .normal, bold: missed)))
            }
        }
        out.append(OverlayLine(""))
        out.append(OverlayLine("Steps", Style(.title, bold: true)))
        for record in run.steps where record.status != .back {
            let budget = record.budgetSeconds.map { " / \(SpanFormat.short($0))" } ?? ""
            let elapsed = CheckedNumber.int(clamping: record.elapsedSeconds ?? 0)
            let over = record.budgetSeconds.map { elapsed > $0 } ?? false
            let clock = CharacterWidth.pad(SpanFormat.short(elapsed) + budget, 16)
            var line =
                "  \(CharacterWidth.pad(record.status.rawValue, 8))\(clock)\(record.title ?? context.flow?.runbook.step(record.step)?.title ?? record.step)"
            if let reason = record.reason { line += " — \(reason)" }
            out.append(OverlayLine(line, Style(over || record.status == .failed ? .warning : .normal)))
        }
        let evidence = run.commands.compactMap(\.evidence)
        if !evidence.isEmpty {
            out.append(OverlayLine(""))
            out.append(OverlayLine("Evidence", Style(.title, bold: true)))
            for path in evidence { out.append(OverlayLine("  \(path)", Style(.dim))) }
        }
        out.append(OverlayLine(""))
        out.append(OverlayLine("P writes the incident report (Markdown) beside the journal", Style(.dim)))
        return out
    }
}
