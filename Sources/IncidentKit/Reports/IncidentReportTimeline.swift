import Foundation

/// Every event of an incident as one row: its time (UTC), type, author and what it said.
enum IncidentReportTimeline {
    static let byKeys = ["by", "ack_by", "acknowledged_by", "mitigated_by", "resolved_by", "author"]
    /// Fields shown in their own columns or not worth repeating in "details".
    static let plumbing: Set<String> =
        Set(JournalEvent.typeKeys + JournalEvent.incidentKeys + JournalEvent.timeKeys + byKeys)
        .union(["event_id", "host", "run_id", "drill", "runbook", "runbook_source"])

    static func table(_ incident: Incident) -> [String] {
        ["| Time (UTC) | Event | By | Details |", "|---|---|---|---|"]
            + incident.timeline.map { event in
                let by = event.fields.first(byKeys)?.stringValue
                return
                    "| \(ReportText.time(event.ts)) | \(ReportText.cell(event.type)) | \(ReportText.cell(by)) | \(ReportText.cell(details(event))) |"
            }
    }

    static func details(_ e: JournalEvent) -> String {
        let f = e.fields
        let drill = f["drill"]?.boolValue == true ? "DRILL " : ""
        let run = e.string("run_id").map { "run \($0)" } ?? ""
        switch e.type {
        case JournalEventType.open:
            return [
                e.string("severity"), e.string("title").map { "\"\($0)\"" }, e.string("source").map { "source \($0)" },
            ]
            .compactMap { $0 }.joined(separator: " ")
        case JournalEventType.ack, JournalEventType.mitigated:
            return e.string("notes", "note", "message") ?? ""
        case JournalEventType.update:
            return e.string("message", "notes", "text") ?? ""
        case JournalEventType.escalate:
            return "to L\(f.first(["level", "to", "to_level"])?.stringValue ?? "?")"
                + (e.string("reason", "notes").map { ": \($0)" } ?? "")
        case JournalEventType.resolved:
            return e.string("root_cause").map { "root cause: \($0)" } ?? e.string("notes", "message") ?? ""
        case JournalEventType.rollbackStarted:
            return "\(drill)\(run) started \(e.string("runbook_title") ?? e.string("runbook") ?? "?")"
                + (f["target_s"]?.intValue.map { ", target \(SpanFormat.short($0))" } ?? "")
        case JournalEventType.rollbackStep:
            let elapsed = CheckedNumber.span(f["elapsed_s"]?.doubleValue).map(RollbackTimings.span) ?? "?"
            let budget = f["budget_s"]?.intValue.map(SpanFormat.short) ?? "no budget"
            return "\(drill)\(run) step \(e.string("step") ?? "?"): \(e.string("status") ?? "done") "
                + "(\(elapsed) of \(budget))" + (e.string("choice").map { ", chose \($0)" } ?? "")
                + (e.string("verification").map { ", verification \($0)" } ?? "")
                + (e.string("reason").map { ", reason: \($0)" } ?? "")
        case "rollback_command":
            let exit =
                f["skipped_in_drill"]?.boolValue == true
                ? "not run (drill)" : f["exit_code"]?.intValue.map { "exit \($0)" } ?? "no exit code"
            return "\(drill)\(run) step \(e.string("step") ?? "?"): `\(e.string("command") ?? "")` \(exit)"
        case JournalEventType.rollbackCompleted:
            return "\(drill)\(run) completed"
                + (CheckedNumber.span(f["total_s"]?.doubleValue).map { " in \(RollbackTimings.span($0))" } ?? "")
        case JournalEventType.rollbackAborted:
            return "\(drill)\(run) aborted at step \(e.string("step") ?? "?")"
                + (e.string("reason").map { ": \($0)" } ?? "")
        default:
            let extra = f.entries.filter { !plumbing.contains($0.key) }
                .map { "\($0.key)=\($0.value.stringValue ?? JSONWriter.string($0.value))" }
            return String(extra.joined(separator: ", ").prefix(300))
        }
    }
}
