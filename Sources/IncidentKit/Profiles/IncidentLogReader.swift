import Foundation

/// An incident kept in a log Sitrep only reads (OpenMeshMind's `pilot/incident_log.json`, which
/// the 14-day report reads; the incidents themselves are GitHub issues).
public struct LoggedIncident: Sendable, Equatable {
    public var id: String
    public var severity: String
    public var startedAt: Date
    public var endedAt: Date?
    public var status: String
    public var summary: String?
    public var issueNumber: Int?
    public var path: String
    public var index: Int

    public var isOpen: Bool { endedAt == nil && status.lowercased() != "resolved" && status.lowercased() != "closed" }
}

enum IncidentLogReader {
    static let maxIncidents = 10_000

    static func incidents(in object: JSONObject, path: String, naiveZone: TimeZone) -> [LoggedIncident] {
        guard let list = object["incidents"]?.arrayValue else { return [] }
        return list.prefix(maxIncidents).enumerated().compactMap { index, value in
            guard let item = value.objectValue, let id = item["id"]?.stringValue, !id.isEmpty,
                let started = item["started_utc"].flatMap({ Timestamp.parse($0, naiveZone: naiveZone) })
            else { return nil }
            return LoggedIncident(
                id: id, severity: item["severity"]?.stringValue ?? "unknown", startedAt: started,
                endedAt: item["ended_utc"].flatMap { Timestamp.parse($0, naiveZone: naiveZone) },
                status: item["status"]?.stringValue ?? "open", summary: item["impact_summary"]?.stringValue,
                issueNumber: item["issue_number"]?.intValue, path: path, index: index)
        }
    }
}

extension LoggedIncident {
    /// The incident as the console and `status` show it: its timers run from `started_utc`.
    public func incident(policy: Policy) -> Incident {
        let known = policy.severity(named: severity)
        var incident = Incident(
            id: id, severity: known?.id ?? severity, severityKnown: known != nil,
            title: summary.flatMap { $0.isEmpty ? nil : $0 } ?? "(no impact summary)", openedAt: startedAt,
            openedBy: nil, source: "incident_log", runID: nil, journal: path)
        incident.name = issueNumber.flatMap { $0 > 0 ? "issue #\($0)" : nil }
        incident.readOnly = true
        if let endedAt { incident.resolution = Incident.Note(at: endedAt, by: nil, text: status) }
        return incident
    }

    /// What a write to it says instead. The suggested command carries text from the log, so
    /// each argument is cleaned and shell-quoted: pasting it runs nothing but `sitrep declare`.
    public func readOnlyMessage(policy: Policy) -> String {
        let severityArgument = TextSanitizer.clean(policy.severity(named: severity)?.id ?? severity)
        let title = TextSanitizer.clean("\(id): \(summary ?? "")".trimmingCharacters(in: .whitespaces))
        let argv = ["sitrep", "declare", "--severity", severityArgument, "--title", title]
        return "\(TextSanitizer.clean(id)) is read-only (Sitrep only reads \(path)); to track it here, declare a "
            + "journal incident that references it: \(CommandArgv.display(argv))"
    }
}
