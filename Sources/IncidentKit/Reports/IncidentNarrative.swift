import Foundation

/// The written parts of an incident report (the fields of the seeds' incident log and RCA
/// templates) as far as the journal carries them. A field is taken from any event of the
/// incident that has it, the latest one winning; nothing is inferred. Follow-ups are every
/// `follow_up`/`follow_ups`/`action_items` value on any event, plus every `incident_update`
/// whose message starts with "Follow-up:" (what `sitrep update ID --message "Follow-up: …"` writes).
public struct IncidentNarrative: Sendable, Equatable {
    public var description: String?
    public var impact: String?
    public var rootCause: String?
    public var contributingFactors: [String]
    public var resolution: String?
    public var prevention: [String]
    public var lessonsLearned: String?
    public var followUps: [String]
    /// The weekly status report that carried the incident (a link or a name).
    public var statusReport: String?

    public static let followUpPrefix = "follow-up:"

    public init(incident: Incident) {
        let events = incident.timeline
        func latest(_ keys: String...) -> String? {
            for event in events.reversed() {
                for key in keys {
                    if let text = event.fields[key].flatMap(IncidentNarrative.text) { return text }
                }
            }
            return nil
        }
        func all(_ keys: String...) -> [String] {
            events.flatMap { event in keys.flatMap { event.fields[$0].map(IncidentNarrative.items) ?? [] } }
        }
        description = latest("description", "summary")
        impact = latest("impact")
        rootCause = latest("root_cause", "rootcause", "cause")
        contributingFactors = all("contributing_factors", "contributing_factor")
        resolution = latest("resolution", "fix")
        prevention = all("prevention", "preventive_actions")
        lessonsLearned = latest("lessons_learned", "lessons")
        statusReport = latest("status_report")
        let noted = events.filter { $0.type == JournalEventType.update }.compactMap { event -> String? in
            guard let message = event.string("message", "notes", "text"),
                message.lowercased().hasPrefix(IncidentNarrative.followUpPrefix)
            else { return nil }
            return String(message.dropFirst(IncidentNarrative.followUpPrefix.count))
                .trimmingCharacters(in: .whitespaces)
        }
        followUps = all("follow_up", "follow_ups", "action_items") + noted
    }

    static func text(_ value: JSONValue) -> String? {
        if let items = value.arrayValue {
            let joined = items.compactMap(\.stringValue).joined(separator: "; ")
            return joined.isEmpty ? nil : joined
        }
        guard let s = value.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else {
            return nil
        }
        return s
    }

    static func items(_ value: JSONValue) -> [String] {
        if let items = value.arrayValue { return items.compactMap(text) }
        return text(value).map { [$0] } ?? []
    }
}
