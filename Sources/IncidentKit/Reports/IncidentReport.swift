import Foundation

/// The incident report as Markdown, from the journal alone: the sections of the seeds' incident
/// log and RCA templates (summary, description, impact, timeline, root cause, resolution,
/// prevention, lessons learned, action items), the rollback runs with their timings and steps,
/// the commands run with their evidence, and the Pilot Operations Playbook's closure checklist.
/// What the journal does not carry is written as "_not recorded_", never made up.
public struct IncidentReport: Sendable {
    public var incident: Incident
    public var policy: Policy
    public var now: Date
    /// The artifact root, to say whether each evidence file is still on disk.
    public var root: String?
    public var narrative: IncidentNarrative
    public var runs: [RecordedRollbackRun]
    /// The run the summary quotes: the latest completed run that is not a drill, else the latest.
    public var headlineRun: RecordedRollbackRun?
    public var checklist: ClosureChecklist

    public init(incident: Incident, policy: Policy, now: Date, root: String? = nil) {
        self.incident = incident
        self.policy = policy
        self.now = now
        self.root = root
        narrative = IncidentNarrative(incident: incident)
        runs = RecordedRollbackRun.runs(of: incident)
        headlineRun = RollbackTimings.defaultRun(of: incident)
        checklist = ClosureChecklist(incident: incident, narrative: narrative, runs: runs)
    }

    public func timings(of run: RecordedRollbackRun) -> RollbackTimings {
        RollbackTimings(incident: incident, run: run, recoveryObjectiveSeconds: policy.recoveryObjective?.wallSeconds)
    }

    public func markdown() -> String {
        var out: [String] = []
        out.append("# Incident report: \(ReportText.cell(incident.id)) — \(ReportText.cell(incident.title))")
        out.append("")
        out.append(
            "_Generated \(Timestamp.format(now)) by sitrep from `\(ReportText.cell(incident.journal))` "
                + "(policy \(ReportText.cell(policy.name))). All times UTC._")
        out += section("Summary", summary())
        out += section("Description", [ReportText.block(narrative.description)])
        out += section("Impact", [ReportText.block(narrative.impact)])
        out += section("Timeline (UTC)", IncidentReportTimeline.table(incident))
        out += section("Root cause", rootCause())
        out += section("Resolution", resolution())
        out += section("Rollback runs", rollbackRuns())
        out += section("Commands run", IncidentReportRuns.commands(runs, root: root))
        out += section("Prevention and follow-ups", followUps())
        out += section("Closure checklist (Pilot Operations Playbook)", closure())
        return out.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String, _ body: [String]) -> [String] { ["", "## \(title)", ""] + body }

    private func summary() -> [String] {
        let severity = policy.severity(named: incident.severity)
        let severityText =
            incident.severity + (severity?.label.map { " — \($0)" } ?? "")
            + (incident.severityKnown ? "" : " (not a severity of policy \(policy.name))")
        func who(_ note: Incident.Note?) -> String {
            guard let note else { return ReportText.notRecorded }
            return Timestamp.format(note.at) + (note.by.map { " by \(ReportText.cell($0))" } ?? "")
        }
        let level = incident.recordedLevel
        let levelName = policy.level(level).map { " (\(ReportText.cell($0.name)))" } ?? ""
        var rows: [(String, String)] = [
            ("Incident ID", ReportText.cell(incident.id)),
            ("Title", ReportText.cell(incident.title)),
            ("Severity", ReportText.cell(severityText)),
            ("State", incident.state.rawValue),
            (
                "Opened",
                Timestamp.format(incident.openedAt) + (incident.openedBy.map { " by \(ReportText.cell($0))" } ?? "")
                    + (incident.source.map { " (source: \(ReportText.cell($0)))" } ?? "")
            ),
            ("Acknowledged", who(incident.ack)),
            ("Mitigated", who(incident.mitigation)),
            ("Resolved", who(incident.resolution)),
            (
                "Resolution time",
                incident.resolution.map { ReportText.span($0.at.timeIntervalSince(incident.openedAt)) }
                    ?? ReportText.notRecorded
            ),
            ("Escalation", "L\(level)\(levelName)"),
            ("Run", incident.runID.map(ReportText.cell) ?? ReportText.notRecorded),
            ("Journal", "`\(ReportText.cell(incident.journal))`"),
        ]
        if let run = headlineRun {
            let timings = timings(of: run)
            let what = [timings.complete, timings.recovery].map(RollbackTimings.line).joined(separator: "; ")
            rows.append(("Rollback", "run \(ReportText.cell(run.runID))\(run.drill ? " (DRILL)" : ""): \(what)"))
        } else {
            rows.append(("Rollback", "none recorded"))
        }
        return ["| Field | Value |", "|---|---|"] + rows.map { "| \($0.0) | \($0.1) |" }
    }

    private func rootCause() -> [String] {
        [ReportText.block(narrative.rootCause), "", "**Contributing factors:**", ""]
            + bullets(narrative.contributingFactors)
    }

    private func resolution() -> [String] {
        var lines = narrative.resolution.map { [ReportText.block($0), ""] } ?? []
        if let m = incident.mitigation {
            lines.append(
                "- Mitigated \(Timestamp.format(m.at))\(m.by.map { " by \(ReportText.cell($0))" } ?? "")"
                    + (m.text.map { ": \(ReportText.cell($0))" } ?? ""))
        }
        for run in runs where !run.drill {
            guard let at = run.completedAt else { continue }
            lines.append(
                "- Rolled back per \(ReportText.cell(run.runbookTitle ?? run.runbook ?? "?")) "
                    + "(run \(ReportText.cell(run.runID))), completed \(Timestamp.format(at))")
        }
        if let r = incident.resolution {
            lines.append("- Resolved \(Timestamp.format(r.at))\(r.by.map { " by \(ReportText.cell($0))" } ?? "")")
        }
        return lines.isEmpty ? [ReportText.notRecorded] : lines
    }

    private func rollbackRuns() -> [String] {
        guard !runs.isEmpty else { return ["No rollback run recorded."] }
        var lines: [String] = []
        if let headline = headlineRun {
            lines.append("The summary quotes run \(ReportText.cell(headline.runID)).")
        }
        for run in runs {
            lines += IncidentReportRuns.section(run, timings: timings(of: run))
        }
        return lines
    }

    private func followUps() -> [String] {
        ["**Prevention:**", ""] + bullets(narrative.prevention) + ["", "**Follow-ups / action items:**", ""]
            + narrative.followUps.map { "- [ ] \(ReportText.cell($0))" }
            + (narrative.followUps.isEmpty ? [ReportText.notRecorded] : [])
            + ["", "**Lessons learned:**", "", ReportText.block(narrative.lessonsLearned)]
    }

    private func bullets(_ items: [String]) -> [String] {
        items.isEmpty ? [ReportText.notRecorded] : items.map { "- \(ReportText.cell($0))" }
    }

    private func closure() -> [String] {
        var lines: [String] = []
        for item in checklist.items {
            lines.append("- [\(item.done ? "x" : " ")] \(item.text)")
            for check in item.checks {
                lines.append(
                    "  - [\(check.done ? "x" : " ")] \(check.name)" + (check.missing.map { ": missing — \($0)" } ?? ""))
            }
        }
        let done = checklist.items.filter(\.done).count
        lines.append("")
        lines.append(
            "\(done) of \(checklist.items.count) items done"
                + (checklist.done
                    ? "; ready to close."
                    : "; missing: "
                        + checklist.items.flatMap(\.checks).filter { !$0.done }.map(\.name).joined(separator: ", ")
                        + "."))
        return lines
    }
}
