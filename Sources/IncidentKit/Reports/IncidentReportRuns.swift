import Foundation

/// The rollback part of the report: one section per run (outcome, timings, step table) and the
/// table of every command run with its exit code and evidence file.
enum IncidentReportRuns {
    @_optimize(none)  // see RollbackTimings.init: Swift 6.3.1's optimiser crashes here
    static func section(_ run: RecordedRollbackRun, timings: RollbackTimings) -> [String] {
        let name = ReportText.cell(run.runbookTitle ?? run.runbook ?? "unknown runbook")
        var lines = ["", "### Run \(ReportText.cell(run.runID)) — \(name)\(run.drill ? " — DRILL" : "")", ""]
        if run.drill {
            lines += ["> **Drill run:** nothing was executed; its timings are a rehearsal, not the incident's.", ""]
        }
        let outcome: String
        switch run.outcome {
        case .completed(let at, _): outcome = "completed \(Timestamp.format(at))"
        case .aborted(let at, let step, let reason):
            outcome =
                "aborted \(Timestamp.format(at))" + (step.map { " at step \(ReportText.cell($0))" } ?? "")
                + (reason.map { ": \(ReportText.cell($0))" } ?? "")
        case .inProgress: outcome = "in progress (neither completed nor aborted)"
        }
        lines += [
            "| | |", "|---|---|",
            "| Runbook | \(ReportText.cell(run.runbook)) (\(ReportText.cell(run.runbookSource))) |",
            "| Started | \(run.hasStartEvent ? Timestamp.format(run.startedAt) : ReportText.notRecorded)"
                + "\(run.by.map { " by \(ReportText.cell($0))" } ?? "") |",
            "| Outcome | \(outcome) |",
            "| Target | \(run.targetSeconds.map(SpanFormat.short) ?? ReportText.notRecorded) |",
            "",
            "| Timing | Value | From → to | Against |", "|---|---|---|---|",
        ]
        for timing in timings.all {
            let value =
                timing.seconds.map(RollbackTimings.span) ?? "\(ReportText.notRecorded) (\(timing.missing ?? ""))"
            let fromTo = timing.span.map { "\($0.from) → \($0.to)" } ?? "—"
            let against = timing.comparisons.map(RollbackTimings.verdict).joined(separator: "; ")
            lines.append(
                "| \(timing.kind.label) | \(value) | \(ReportText.cell(fromTo)) | \(against.isEmpty ? "—" : against) |")
        }
        lines += [
            "", "| # | Step | Status | Budget | Elapsed | Overrun | Choice | Verification | Checklist | Reason |",
        ]
        lines.append("|---|---|---|---|---|---|---|---|---|---|")
        for (index, step) in timings.steps.enumerated() {
            let title = step.title.map { "\(step.step): \($0)" } ?? step.step
            let status =
                step.status + (step.backs > 0 ? " (went back \(step.backs)×)" : "")
                + (step.status == "failed" ? " (verification overridden)" : "")
            let overrun = step.overrunSeconds.map { "**+\(RollbackTimings.span($0))**" } ?? "—"
            let cells = [
                "\(index + 1)", ReportText.cell(title), ReportText.cell(status),
                step.budgetSeconds.map(SpanFormat.short) ?? "—", ReportText.span(step.elapsedSeconds), overrun,
                ReportText.cell(step.choice), ReportText.cell(step.verification),
                ReportText.cell(step.checklist.joined(separator: "; ")), ReportText.cell(step.reason),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if timings.steps.isEmpty { lines.append("| — | no step recorded | | | | | | | | |") }
        return lines
    }

    static func commands(_ runs: [RecordedRollbackRun], root: String?) -> [String] {
        let all = runs.flatMap { run in run.commands.map { (run, $0) } }
        guard !all.isEmpty else { return ["No command recorded."] }
        var lines = ["| Run | Step | Command | Exit | Duration | Evidence |", "|---|---|---|---|---|---|"]
        for (run, command) in all {
            let exit: String
            if command.skippedInDrill {
                exit = "not run (drill)"
            } else if command.interrupted {
                exit = "interrupted" + (command.exitCode.map { " (\($0))" } ?? "")
            } else {
                exit = command.exitCode.map(String.init) ?? "did not start"
            }
            let evidence = command.evidence.map { path -> String in
                let onDisk = root.map { FileManager.default.fileExists(atPath: ArtifactLayout.join($0, path)) } ?? true
                return "`\(ReportText.cell(path))`" + (onDisk ? "" : " (missing on disk)")
            }
            let cells = [
                ReportText.cell(run.runID) + (run.drill ? " (drill)" : ""), ReportText.cell(command.step),
                ReportText.code(command.command) + (command.isVerification ? " (verification)" : ""), exit,
                ReportText.span(command.durationSeconds), evidence ?? "—",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }
}
