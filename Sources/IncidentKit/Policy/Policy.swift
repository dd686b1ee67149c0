import Foundation

/// Which clock a timer or rule counts in.
public enum ClockKind: String, Sendable, Equatable {
    case wall, business
}

/// The lifecycle point that stops a timer. Each later point also stops it: an incident
/// resolved without acknowledgment no longer waits for one.
public enum StopPoint: String, Sendable, Equatable, CaseIterable {
    case acknowledged, mitigated, resolved
}

public struct TimerSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// One deadline counted from the open time.
        case within(PolicyDuration)
        /// A deadline counted from the open time or the last `incident_update`, repeating.
        case every(PolicyDuration)
    }

    public var name: String
    public var kind: Kind
    public var clock: ClockKind
    public var until: StopPoint
    public var label: String?

    public init(name: String, kind: Kind, clock: ClockKind = .wall, until: StopPoint? = nil, label: String? = nil) {
        self.name = name
        self.kind = kind
        self.clock = clock
        self.until = until ?? TimerSpec.defaultStop(forName: name)
        self.label = label
    }

    public static func defaultStop(forName name: String) -> StopPoint {
        switch name.lowercased() {
        case "ack", "acknowledge", "acknowledgment", "acknowledgement": return .acknowledged
        case "mitigate", "mitigation": return .mitigated
        default: return .resolved
        }
    }

    public var duration: PolicyDuration {
        switch kind {
        case .within(let d), .every(let d): return d
        }
    }

    public var repeats: Bool {
        if case .every = kind { return true }
        return false
    }
}

public struct Severity: Sendable, Equatable {
    public var id: String
    public var aliases: [String]
    public var label: String?
    public var description: String?
    /// Counts as critical for `sitrep check`: unacknowledged, it alone makes the check CRITICAL.
    public var critical: Bool
    public var timers: [TimerSpec]

    public init(
        id: String, aliases: [String] = [], label: String? = nil, description: String? = nil, critical: Bool = false,
        timers: [TimerSpec] = []
    ) {
        self.id = id
        self.aliases = aliases
        self.label = label
        self.description = description
        self.critical = critical
        self.timers = timers
    }
}

public struct EscalationLevel: Sendable, Equatable {
    public var level: Int
    public var name: String
    public var contacts: [String]
    /// When to go up to this level, in the runbook's words.
    public var criteria: [String]

    public init(level: Int, name: String, contacts: [String] = [], criteria: [String] = []) {
        self.level = level
        self.name = name
        self.contacts = contacts
        self.criteria = criteria
    }
}

public struct EscalationRule: Sendable, Equatable {
    public enum Condition: Sendable, Equatable {
        case unresolvedFor(PolicyDuration)
        case unackedFor(PolicyDuration)
    }

    /// Canonical severity ids the rule applies to; empty means every severity.
    public var severities: [String]
    public var condition: Condition
    public var clock: ClockKind
    public var to: Int

    public init(severities: [String], condition: Condition, clock: ClockKind = .wall, to: Int) {
        self.severities = severities
        self.condition = condition
        self.clock = clock
        self.to = to
    }

    public func applies(to severity: String) -> Bool { severities.isEmpty || severities.contains(severity) }
}

public struct DetectorSpec: Sendable, Equatable {
    public var kind: DetectorKind
    public var severity: String
    /// Numeric threshold: `below`, `above` or `at_least`, by kind.
    public var threshold: Double?
    /// Age after which something counts as stale (heartbeats, halts).
    public var after: PolicyDuration?
    /// Field names a detector must find (pilot readiness) or event types it reacts to (audit).
    public var names: [String]
    /// Open an incident automatically when the signal is raised.
    public var autoDeclare: Bool

    public init(
        kind: DetectorKind, severity: String, threshold: Double? = nil, after: PolicyDuration? = nil,
        names: [String] = [], autoDeclare: Bool = false
    ) {
        self.kind = kind
        self.severity = severity
        self.threshold = threshold
        self.after = after
        self.names = names
        self.autoDeclare = autoDeclare
    }
}

public struct Policy: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var source: String?
    public var calendar: BusinessCalendar
    /// Most severe first.
    public var severities: [Severity]
    public var levels: [EscalationLevel]
    public var rules: [EscalationRule]
    public var detectors: [DetectorSpec]
    /// Extra synonyms for artifact field names: canonical name → names to try.
    public var fieldAliases: [String: [String]]
    /// The recovery time objective, when the source names one (used by reports).
    public var recoveryObjective: PolicyDuration?
    /// The source profile of the roots it is used on (a built-in name or a YAML file), when it
    /// names one; see `ProfileResolver`.
    public var profile: String?

    public init(
        name: String, description: String? = nil, source: String? = nil, calendar: BusinessCalendar,
        severities: [Severity], levels: [EscalationLevel] = [], rules: [EscalationRule] = [],
        detectors: [DetectorSpec] = [], fieldAliases: [String: [String]] = [:], recoveryObjective: PolicyDuration? = nil
    ) {
        self.name = name
        self.description = description
        self.source = source
        self.calendar = calendar
        self.severities = severities
        self.levels = levels
        self.rules = rules
        self.detectors = detectors
        self.fieldAliases = fieldAliases
        self.recoveryObjective = recoveryObjective
    }

    /// `SEV-1`, `sev_1` and `Sev 1` all fold to `sev1`.
    public static func normalize(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The severity a journal or detector string names, through ids and aliases.
    public func severity(named name: String) -> Severity? {
        // Journals mostly spell the id exactly; that needs no normalising (a hot path when
        // ten thousand incidents are folded).
        if let exact = severities.first(where: { $0.id == name }) { return exact }
        let key = Policy.normalize(name)
        guard !key.isEmpty else { return nil }
        return severities.first {
            Policy.normalize($0.id) == key || $0.aliases.contains { Policy.normalize($0) == key }
        }
    }

    /// 0 for the most severe; unknown severities sort last.
    public func rank(of severityID: String) -> Int {
        severities.firstIndex { $0.id == severityID } ?? severities.count
    }

    public func level(_ number: Int) -> EscalationLevel? { levels.first { $0.level == number } }

    /// The length in seconds of a duration on a clock.
    public func seconds(_ duration: PolicyDuration, on clock: ClockKind) -> Int {
        clock == .business ? duration.businessSeconds(dayLength: calendar.dayLength) : duration.wallSeconds
    }

    /// The instant a duration after `start` ends, on a clock.
    public func deadline(from start: Date, after duration: PolicyDuration, on clock: ClockKind) -> Date {
        switch clock {
        case .wall: return start.addingTimeInterval(TimeInterval(duration.wallSeconds))
        case .business: return calendar.advance(start, bySeconds: seconds(duration, on: .business))
        }
    }
}
