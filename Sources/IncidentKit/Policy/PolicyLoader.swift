import Foundation

/// Reads the YAML policy format of DESIGN.md §4 and validates it, naming file, line and field
/// for every error.
public enum PolicyLoader {
    public static func load(path: String) throws -> Policy {
        try parse(text: try FileType.readText(path), file: path)
    }

    public static func parse(text: String, file: String) throws -> Policy {
        let root = try YAMLReader.load(text: text, file: file)
        let top = try root.mapping(allowed: [
            "name", "description", "source", "timezone", "business_hours", "severities", "escalation", "detectors",
            "fields", "recovery_objective", "profile",
        ])
        guard let nameNode = top["name"] else { throw root.missing("name", "the policy needs a `name`") }
        let name = try nameNode.string()

        var timeZone = TimeZone(identifier: "UTC")!
        if let tzNode = top["timezone"] {
            let id = try tzNode.string()
            guard let tz = TimeZone(identifier: id) else { throw tzNode.error("unknown time zone \"\(id)\"") }
            timeZone = tz
        }
        let calendar = try parseBusinessHours(top["business_hours"], timeZone: timeZone)

        guard let severitiesNode = top["severities"] else {
            throw root.missing("severities", "the policy needs `severities`")
        }
        let severities = try severitiesNode.sequence().map(parseSeverity)
        guard !severities.isEmpty else { throw severitiesNode.error("at least one severity is needed") }
        var owner: [String: String] = [:]
        for (severity, node) in zip(severities, try severitiesNode.sequence()) {
            for key in [severity.id] + severity.aliases {
                let folded = Policy.normalize(key)
                if let other = owner[folded], other != severity.id {
                    throw node.error("\"\(key)\" already names severity \(other)")
                }
                owner[folded] = severity.id
            }
        }

        var policy = Policy(
            name: name, description: try top["description"]?.string(), source: try top["source"]?.string(),
            calendar: calendar, severities: severities, recoveryObjective: try top["recovery_objective"]?.duration())

        if let escalation = top["escalation"] {
            let fields = try escalation.mapping(allowed: ["levels", "rules"])
            if let levels = fields["levels"] { policy.levels = try levels.sequence().map(parseLevel) }
            if let rules = fields["rules"] {
                policy.rules = try rules.sequence().map { try parseRule($0, policy: policy) }
            }
        }
        if let detectors = top["detectors"] {
            policy.detectors = try detectors.sequence().map { try parseDetector($0, policy: policy) }
        }
        if let fields = top["fields"] {
            for (key, value) in try fields.mapping(allowed: nil) { policy.fieldAliases[key] = try value.stringList() }
        }
        if let profile = top["profile"] { policy.profile = try profile.string() }
        return policy
    }

    private static func parseBusinessHours(_ node: YAMLReader?, timeZone: TimeZone) throws -> BusinessCalendar {
        var calendar = BusinessCalendar(timeZone: timeZone)
        guard let node else { return calendar }
        let fields = try node.mapping(allowed: ["days", "start", "end", "holidays"])
        if let days = fields["days"] {
            calendar.days = Set(
                try days.sequence().map { item in
                    guard let day = BusinessCalendar.Weekday(name: try item.string()) else {
                        throw item.error("expected a weekday such as mon")
                    }
                    return day
                })
            guard !calendar.days.isEmpty else { throw days.error("at least one business day is needed") }
        }
        if let start = fields["start"] { calendar.startMinute = try start.timeOfDay() }
        if let end = fields["end"] { calendar.endMinute = try end.timeOfDay() }
        guard calendar.endMinute > calendar.startMinute else {
            throw (fields["end"] ?? node).error("business hours must end after they start")
        }
        if let holidays = fields["holidays"] {
            calendar.holidays = Set(
                try holidays.sequence().map { item in
                    guard let date = BusinessCalendar.LocalDate(try item.string()) else {
                        throw item.error("expected a date like 2025-12-25")
                    }
                    return date
                })
        }
        return calendar
    }

    private static func parseSeverity(_ node: YAMLReader) throws -> Severity {
        let fields = try node.mapping(allowed: ["id", "aliases", "label", "description", "critical", "timers"])
        guard let id = try fields["id"]?.string(), !id.isEmpty else {
            throw node.missing("id", "a severity needs an `id`")
        }
        return Severity(
            id: id, aliases: try fields["aliases"]?.stringList() ?? [], label: try fields["label"]?.string(),
            description: try fields["description"]?.string(), critical: try fields["critical"]?.bool() ?? false,
            timers: try fields["timers"]?.sequence().map(parseTimer) ?? [])
    }

    private static func parseClock(_ node: YAMLReader?) throws -> ClockKind {
        guard let node else { return .wall }
        guard let clock = ClockKind(rawValue: try node.string()) else { throw node.error("expected wall or business") }
        return clock
    }

    private static func parseTimer(_ node: YAMLReader) throws -> TimerSpec {
        let fields = try node.mapping(allowed: ["name", "within", "every", "clock", "until", "label"])
        guard let name = try fields["name"]?.string(), !name.isEmpty else {
            throw node.missing("name", "a timer needs a `name`")
        }
        let kind: TimerSpec.Kind
        switch (fields["within"], fields["every"]) {
        case (let within?, nil): kind = .within(try within.duration())
        case (nil, let every?): kind = .every(try every.duration())
        case (nil, nil): throw node.error("a timer needs `within` or `every`")
        case (_?, _?): throw node.error("a timer has `within` or `every`, not both")
        }
        var until: StopPoint?
        if let untilNode = fields["until"] {
            guard let point = StopPoint(rawValue: try untilNode.string()) else {
                throw untilNode.error("expected acknowledged, mitigated or resolved")
            }
            until = point
        }
        return TimerSpec(
            name: name, kind: kind, clock: try parseClock(fields["clock"]), until: until,
            label: try fields["label"]?.string())
    }

    private static func parseLevel(_ node: YAMLReader) throws -> EscalationLevel {
        let fields = try node.mapping(allowed: ["level", "name", "contacts", "criteria"])
        guard let level = try fields["level"]?.int() else {
            throw node.missing("level", "a level needs a `level` number")
        }
        return EscalationLevel(
            level: level, name: try fields["name"]?.string() ?? "Level \(level)",
            contacts: try fields["contacts"]?.stringList() ?? [], criteria: try fields["criteria"]?.stringList() ?? [])
    }

    /// The canonical id of a severity named in the file, or an error at that node.
    private static func canonicalSeverity(_ name: String, at node: YAMLReader, policy: Policy) throws -> String {
        guard let severity = policy.severity(named: name) else {
            throw node.error(
                "unknown severity \"\(name)\" (known: \(policy.severities.map(\.id).joined(separator: ", ")))")
        }
        return severity.id
    }

    private static func parseRule(_ node: YAMLReader, policy: Policy) throws -> EscalationRule {
        let fields = try node.mapping(allowed: ["severity", "unresolved_for", "unacked_for", "to", "clock"])
        let severities: [String] =
            try fields["severity"].map { sev in
                try sev.stringList().map { try canonicalSeverity($0, at: sev, policy: policy) }
            } ?? []
        let condition: EscalationRule.Condition
        switch (fields["unresolved_for"], fields["unacked_for"]) {
        case (let d?, nil): condition = .unresolvedFor(try d.duration())
        case (nil, let d?): condition = .unackedFor(try d.duration())
        case (nil, nil): throw node.error("a rule needs `unresolved_for` or `unacked_for`")
        case (_?, _?): throw node.error("a rule has `unresolved_for` or `unacked_for`, not both")
        }
        guard let toNode = fields["to"] else { throw node.missing("to", "a rule needs `to` (the level)") }
        let to = try toNode.int()
        if !policy.levels.isEmpty, policy.level(to) == nil {
            throw toNode.error("level \(to) is not in escalation.levels")
        }
        return EscalationRule(
            severities: severities, condition: condition, clock: try parseClock(fields["clock"]), to: to)
    }

    private static func parseDetector(_ node: YAMLReader, policy: Policy) throws -> DetectorSpec {
        let fields = try node.mapping(allowed: [
            "kind", "severity", "below", "above", "at_least", "after", "require", "events", "auto_declare",
        ])
        guard let kindNode = fields["kind"] else { throw node.missing("kind", "a detector needs a `kind`") }
        let kindName = try kindNode.string()
        guard let kind = DetectorKind(rawValue: kindName) else {
            throw kindNode.error(
                "unknown detector kind \"\(kindName)\" (known: \(DetectorKind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        guard let sevNode = fields["severity"] else { throw node.missing("severity", "a detector needs a `severity`") }
        let thresholds = ["below", "above", "at_least"].compactMap { fields[$0] }
        guard thresholds.count <= 1 else { throw node.error("give one of below, above or at_least") }
        if kind.needsThreshold, thresholds.isEmpty {
            throw node.error("detector \(kind.rawValue) needs a threshold (\(kind.thresholdWord))")
        }
        return DetectorSpec(
            kind: kind, severity: try canonicalSeverity(try sevNode.string(), at: sevNode, policy: policy),
            threshold: try thresholds.first?.double(),
            after: try fields["after"]?.duration(),
            names: try (fields["require"] ?? fields["events"])?.stringList() ?? [],
            autoDeclare: try fields["auto_declare"]?.bool() ?? false)
    }
}
