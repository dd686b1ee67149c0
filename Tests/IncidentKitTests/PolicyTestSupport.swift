import Foundation
import Testing

@testable import IncidentKit

/// Shared helpers for the policy test suites: instants, presets, and incidents folded from
/// journal events the way the console builds them.
enum PolicyFixtures {
    /// An RFC 3339 instant; the literals in the tests are all valid, so a bad one is a test bug.
    static func at(_ text: String) -> Date {
        guard let date = Timestamp.parse(text) else { preconditionFailure("bad timestamp literal \(text)") }
        return date
    }

    static func preset(_ name: String) throws -> Policy {
        try #require(try BuiltinPolicies.policy(named: name))
    }

    static func parse(_ yaml: String, file: String = "test-policy.yaml") throws -> Policy {
        try PolicyLoader.parse(text: yaml, file: file)
    }

    /// The `PolicyError` a policy text is rejected with, or nil when it loads (or fails otherwise).
    static func loadError(_ yaml: String, file: String = "test-policy.yaml") -> PolicyError? {
        do {
            _ = try PolicyLoader.parse(text: yaml, file: file)
            return nil
        } catch let error as PolicyError {
            return error
        } catch {
            return nil
        }
    }

    /// One journal line as `JournalEvent`.
    static func event(
        _ type: String, at ts: String, id: String = "INC-1", sequence: Int,
        _ extra: [(key: String, value: JSONValue)] = []
    ) -> JournalEvent {
        var entries: [(key: String, value: JSONValue)] = [
            ("event_type", .string(type)), ("incident_id", .string(id)), ("ts", .string(ts)),
        ]
        entries += extra
        guard
            let event = JournalEvent(
                object: JSONObject(entries), journal: "incidents.jsonl", line: sequence + 1, sequence: sequence)
        else { preconditionFailure("event without a type") }
        return event
    }

    /// Opens an incident of `severity` at `openedAt` and folds the following events into it.
    /// Each later event is `(type, ts)`, with optional extra fields.
    static func incident(
        _ policy: Policy, severity: String, openedAt: String,
        _ later: [(type: String, at: String, extra: [(key: String, value: JSONValue)])] = []
    ) throws -> Incident {
        var events = [
            event(
                JournalEventType.open, at: openedAt, sequence: 0,
                [("severity", .string(severity)), ("title", .string("test"))])
        ]
        for (index, item) in later.enumerated() {
            events.append(event(item.type, at: item.at, sequence: index + 1, item.extra))
        }
        let result = IncidentFolder.fold(events, policy: policy)
        #expect(result.warnings.isEmpty)
        return try #require(result.incidents.first)
    }

    static func ack(_ ts: String) -> (type: String, at: String, extra: [(key: String, value: JSONValue)]) {
        (JournalEventType.ack, ts, [("ack_by", .string("oncall"))])
    }
    static func mitigated(_ ts: String) -> (type: String, at: String, extra: [(key: String, value: JSONValue)]) {
        (JournalEventType.mitigated, ts, [])
    }
    static func resolved(_ ts: String) -> (type: String, at: String, extra: [(key: String, value: JSONValue)]) {
        (JournalEventType.resolved, ts, [("root_cause", .string("fixed"))])
    }
    static func update(_ ts: String, _ extra: [(key: String, value: JSONValue)] = [])
        -> (type: String, at: String, extra: [(key: String, value: JSONValue)])
    {
        (JournalEventType.update, ts, [("message", .string("status"))] + extra)
    }
    static func escalate(_ ts: String, level: Int, key: String = "level")
        -> (type: String, at: String, extra: [(key: String, value: JSONValue)])
    {
        (JournalEventType.escalate, ts, [(key, .number(Double(level)))])
    }

    /// The timer of an evaluation by name.
    static func timer(_ name: String, in statuses: [TimerStatus]) throws -> TimerStatus {
        try #require(statuses.first { $0.name == name })
    }

    /// Local wall-clock components of an instant in a time zone.
    static func local(_ date: Date, in zone: String) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
    }
}
