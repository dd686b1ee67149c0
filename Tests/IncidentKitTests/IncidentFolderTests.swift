import Foundation
import Testing

@testable import IncidentKit

/// Journal events from lines as if read in this order from `journal` (sequence = read order).
private func events(_ lines: [String], journal: String = ArtifactLayout.rootJournal, firstSequence: Int = 1) throws
    -> [JournalEvent]
{
    try lines.enumerated().map { index, line in
        try #require(
            JournalEvent(
                object: try parseObject(line), journal: journal, line: index + 1, sequence: firstSequence + index))
    }
}

private func date(_ text: String) throws -> Date { try #require(Timestamp.parse(text)) }

private let inc = "INC-20251121-0042"

private func open(
    _ severity: String = "SEV1", id: String = inc, ts: String = "2025-11-21T10:00:00Z", eventID: String = "e-open"
)
    -> String
{
    "{\"event_type\":\"incident_open\",\"incident_id\":\"\(id)\",\"severity\":\"\(severity)\",\"title\":\"Ledger mismatch on run r7\",\"ts\":\"\(ts)\",\"event_id\":\"\(eventID)\",\"by\":\"alice\",\"source\":\"detector:reconciliation_mismatch_streak\",\"run_id\":\"r7\"}"
}

private func ack(_ by: String, ts: String, eventID: String, id: String = inc) -> String {
    "{\"event_type\":\"incident_ack\",\"incident_id\":\"\(id)\",\"ack_by\":\"\(by)\",\"notes\":\"n-\(by)\",\"ts\":\"\(ts)\",\"event_id\":\"\(eventID)\",\"host\":\"jump-1\"}"
}

private func update(_ message: String, ts: String, eventID: String, id: String = inc) -> String {
    "{\"event_type\":\"incident_update\",\"incident_id\":\"\(id)\",\"by\":\"bob\",\"message\":\"\(message)\",\"ts\":\"\(ts)\",\"event_id\":\"\(eventID)\"}"
}

@Suite struct IncidentFolderTests {
    @Test func openEventBecomesAnIncident() throws {
        let result = IncidentFolder.fold(try events([open()]), policy: try runbookPolicy())
        let incident = try #require(result.incidents.first)
        #expect(result.incidents.count == 1)
        #expect(incident.id == inc)
        #expect(incident.severity == "SEV1")
        #expect(incident.severityKnown)
        #expect(incident.title == "Ledger mismatch on run r7")
        #expect(incident.openedAt == (try date("2025-11-21T10:00:00Z")))
        #expect(incident.openedBy == "alice")
        #expect(incident.source == "detector:reconciliation_mismatch_streak")
        #expect(incident.runID == "r7")
        #expect(incident.journal == ArtifactLayout.rootJournal)
        #expect(incident.state == .open)
        #expect(result.warnings.isEmpty)
    }

    @Test func eventsAreOrderedByTimestampAndEqualTimestampsKeepFileOrder() throws {
        let lines = [
            update("third", ts: "2025-11-21T10:10:00Z", eventID: "u3"),
            open(ts: "2025-11-21T10:00:00Z"),
            update("first", ts: "2025-11-21T10:05:00Z", eventID: "u1"),
            update("second-a", ts: "2025-11-21T10:07:00+00:00", eventID: "u2a"),
            update("second-b", ts: "2025-11-21T11:07:00+01:00", eventID: "u2b"),  // the same instant
            update("second-c", ts: "2025-11-21T10:07:00Z", eventID: "u2c"),
        ]
        let result = IncidentFolder.fold(try events(lines), policy: try runbookPolicy())
        let incident = try #require(result.incidents.first)
        #expect(incident.updates.compactMap(\.text) == ["first", "second-a", "second-b", "second-c", "third"])
        #expect(incident.timeline.map(\.line) == [2, 3, 4, 5, 6, 1])
        #expect(result.warnings.isEmpty)
    }

    @Test func equalTimestampsAcrossJournalsFollowReadOrder() throws {
        let ts = "2025-11-21T10:05:00Z"
        let first = try events([open(), update("a", ts: ts, eventID: "a")], journal: "incidents/incident_events.jsonl")
        let second = try events(
            [update("b", ts: ts, eventID: "b")], journal: "results/runs/r7/incident_events.jsonl", firstSequence: 3)
        // Whatever order the array is in, the read sequence decides between equal times.
        let result = IncidentFolder.fold(second + first.reversed(), policy: try runbookPolicy())
        #expect(result.incidents.first?.updates.compactMap(\.text) == ["a", "b"])
    }

    @Test func epochSecondsAreAcceptedAsTimestamps() throws {
        let opened = try date("2025-11-21T10:00:00Z")
        let line =
            "{\"event_type\":\"incident_open\",\"incident_id\":\"INC-E\",\"severity\":\"SEV2\",\"ts\":\(Int(opened.timeIntervalSince1970))}"
        let result = IncidentFolder.fold(try events([line]), policy: try runbookPolicy())
        #expect(result.incidents.first?.openedAt == opened)
        #expect(result.incidents.first?.title == "(untitled)")
    }

    @Test func eventWithoutReadableTimestampIsWarnedAndIgnored() throws {
        let lines = [
            open(),
            "{\"event_type\":\"incident_update\",\"incident_id\":\"\(inc)\",\"message\":\"x\",\"ts\":\"yesterday\"}",
        ]
        let result = IncidentFolder.fold(try events(lines), policy: try runbookPolicy())
        #expect(result.incidents.first?.updates.isEmpty == true)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.line == 2)
        #expect(result.warnings.first?.path == ArtifactLayout.rootJournal)
    }

    @Test func duplicateEventIDIsIgnored() throws {
        let dup = update("once", ts: "2025-11-21T10:05:00Z", eventID: "same-id")
        let first = try events([open(), dup])
        // The same record copied into another journal, and a different record reusing the id.
        let second = try events(
            [dup, update("other text", ts: "2025-11-21T10:06:00Z", eventID: "same-id"), open(eventID: "e-open")],
            journal: ArtifactLayout.runJournal("r7"), firstSequence: 3)
        let result = IncidentFolder.fold(first + second, policy: try runbookPolicy())
        #expect(result.incidents.count == 1)
        let incident = try #require(result.incidents.first)
        #expect(incident.updates.compactMap(\.text) == ["once"])
        #expect(incident.timeline.count == 2)
        #expect(result.duplicatesIgnored == 3)
    }

    @Test func eventsWithoutEventIDAreDeduplicatedByContent() throws {
        let line =
            "{\"event_type\":\"incident_update\",\"incident_id\":\"\(inc)\",\"message\":\"m\",\"ts\":\"2025-11-21T10:05:00Z\"}"
        let other =
            "{\"event_type\":\"incident_update\",\"incident_id\":\"\(inc)\",\"message\":\"n\",\"ts\":\"2025-11-21T10:05:00Z\"}"
        let result = IncidentFolder.fold(try events([open(), line, line, other]), policy: try runbookPolicy())
        #expect(result.incidents.first?.updates.compactMap(\.text) == ["m", "n"])
        #expect(result.duplicatesIgnored == 1)
    }

    @Test func firstAcknowledgmentWins() throws {
        // Bob's ack is earlier in the file but later in time: Alice's wins.
        let lines = [
            open(),
            ack("bob", ts: "2025-11-21T10:05:00Z", eventID: "a-bob"),
            ack("alice", ts: "2025-11-21T10:03:12Z", eventID: "a-alice"),
            ack("carol", ts: "2025-11-21T10:03:12Z", eventID: "a-carol"),
        ]
        let result = IncidentFolder.fold(try events(lines), policy: try runbookPolicy())
        let incident = try #require(result.incidents.first)
        #expect(incident.ack?.by == "alice")
        #expect(incident.ack?.text == "n-alice")
        #expect(incident.ack?.at == (try date("2025-11-21T10:03:12Z")))
        #expect(incident.state == .acknowledged)
        #expect(incident.timeline.count == 4, "later acks stay in the timeline")
    }

    @Test(arguments: [
        ("SEV1", "SEV1"), ("SEV-1", "SEV1"), ("sev1", "SEV1"), ("sev_1", "SEV1"), ("Sev 1", "SEV1"), ("high", "SEV1"),
        ("critical", "SEV0"), ("sev-0", "SEV0"), ("CRITICAL", "SEV0"), ("medium", "SEV2"), ("low", "SEV3"),
        ("SEV-3", "SEV3"),
    ])
    func severityAliasesFoldToTheCanonicalID(written: String, canonical: String) throws {
        let result = IncidentFolder.fold(try events([open(written)]), policy: try runbookPolicy())
        let incident = try #require(result.incidents.first)
        #expect(incident.severity == canonical)
        #expect(incident.severityKnown)
    }

    @Test func unknownSeverityIsKeptAsWritten() throws {
        let result = IncidentFolder.fold(try events([open("P7")]), policy: try runbookPolicy())
        #expect(result.incidents.first?.severity == "P7")
        #expect(result.incidents.first?.severityKnown == false)
    }

    @Test func updateWithASeverityAliasChangesTheSeverity() throws {
        let lines = [
            open("P7"),
            "{\"event_type\":\"incident_update\",\"incident_id\":\"\(inc)\",\"severity\":\"critical\",\"title\":\"Funds wrong\",\"message\":\"worse\",\"ts\":\"2025-11-21T10:05:00Z\",\"event_id\":\"u\"}",
        ]
        let incident = try #require(IncidentFolder.fold(try events(lines), policy: try runbookPolicy()).incidents.first)
        #expect(incident.severity == "SEV0")
        #expect(incident.severityKnown)
        #expect(incident.title == "Funds wrong")
    }

    @Test func unknownEventTypesAreKeptInTheTimelineButIgnored() throws {
        let lines = [
            open(),
            "{\"event_type\":\"incident_page_sent\",\"incident_id\":\"\(inc)\",\"pager\":\"pd\",\"ts\":\"2025-11-21T10:01:00Z\",\"event_id\":\"p\"}",
            "{\"event_type\":\"custom_note\",\"incident_id\":\"\(inc)\",\"ts\":\"2025-11-21T10:02:00Z\",\"event_id\":\"c\"}",
        ]
        let result = IncidentFolder.fold(try events(lines), policy: try runbookPolicy())
        let incident = try #require(result.incidents.first)
        #expect(incident.timeline.map(\.type) == ["incident_open", "incident_page_sent", "custom_note"])
        #expect(incident.timeline[1].fields["pager"] == .string("pd"), "unknown fields are kept")
        #expect(incident.state == .open)
        #expect(incident.ack == nil)
        #expect(incident.updates.isEmpty)
        #expect(incident.escalations.isEmpty)
        #expect(incident.rollbackEvents.isEmpty)
        #expect(result.warnings.isEmpty)
    }

    @Test func eventsForUnknownIncidentsAreWarned() throws {
        let lines = [
            open(),
            ack("bob", ts: "2025-11-21T10:05:00Z", eventID: "a1", id: "INC-NOPE"),
            "{\"event_type\":\"rollback_step\",\"incident_id\":\"INC-NOPE2\",\"step\":\"s1\",\"ts\":\"2025-11-21T10:06:00Z\"}",
            "{\"event_type\":\"incident_update\",\"message\":\"no id\",\"ts\":\"2025-11-21T10:07:00Z\"}",
        ]
        let result = IncidentFolder.fold(try events(lines), policy: try runbookPolicy())
        #expect(result.incidents.map(\.id) == [inc])
        #expect(result.incidents.first?.ack == nil)
        let byLine = Dictionary(uniqueKeysWithValues: result.warnings.map { ($0.line ?? 0, $0) })
        #expect(result.warnings.count == 3)
        #expect(byLine[2]?.message.contains("INC-NOPE") == true)
        #expect(byLine[2]?.path == ArtifactLayout.rootJournal)
        #expect(byLine[3]?.message.contains("INC-NOPE2") == true)
        #expect(byLine[4]?.message.contains("without incident_id") == true)
    }

    @Test func eventTimestampedBeforeItsOpenIsAppliedOnceTheIncidentOpens() throws {
        // Clock skew between hosts: the ack's ts is earlier than the open's.
        let lines = [open(ts: "2025-11-21T10:00:00Z"), ack("bob", ts: "2025-11-21T09:59:58Z", eventID: "a")]
        let result = IncidentFolder.fold(try events(lines), policy: try runbookPolicy())
        #expect(result.incidents.first?.ack?.by == "bob")
        #expect(result.warnings.isEmpty)
    }

    @Test func lifecycleEventsAreFolded() throws {
        let lines = [
            open("SEV0"),
            "{\"event_type\":\"incident_escalate\",\"incident_id\":\"\(inc)\",\"level\":2,\"by\":\"alice\",\"reason\":\"r\",\"ts\":\"2025-11-21T10:20:00Z\",\"event_id\":\"x2\"}",
            "{\"event_type\":\"incident_mitigated\",\"incident_id\":\"\(inc)\",\"by\":\"alice\",\"notes\":\"halted\",\"ts\":\"2025-11-21T10:30:00Z\",\"event_id\":\"m\"}",
            "{\"event_type\":\"rollback_step\",\"incident_id\":\"\(inc)\",\"runbook\":\"rb\",\"step\":\"s1\",\"status\":\"done\",\"ts\":\"2025-11-21T10:31:00Z\",\"event_id\":\"r1\"}",
            "{\"event_type\":\"incident_resolved\",\"incident_id\":\"\(inc)\",\"by\":\"alice\",\"root_cause\":\"rc\",\"ts\":\"2025-11-21T11:00:00Z\",\"event_id\":\"res\"}",
            "{\"event_type\":\"incident_resolved\",\"incident_id\":\"\(inc)\",\"by\":\"bob\",\"root_cause\":\"later\",\"ts\":\"2025-11-21T11:05:00Z\",\"event_id\":\"res2\"}",
        ]
        let incident = try #require(IncidentFolder.fold(try events(lines), policy: try runbookPolicy()).incidents.first)
        #expect(incident.recordedLevel == 2)
        #expect(incident.mitigation?.text == "halted")
        #expect(incident.rollbackEvents.map { $0.fields["step"]?.stringValue } == ["s1"])
        #expect(incident.resolution?.text == "rc")
        #expect(incident.state == .resolved)
        #expect(!incident.isActive)
    }

    @Test func secondOpenOfTheSameIncidentDoesNotReplaceIt() throws {
        let lines = [open("SEV1"), open("SEV0", ts: "2025-11-21T10:01:00Z", eventID: "e-open-2")]
        let result = IncidentFolder.fold(try events(lines), policy: try runbookPolicy())
        #expect(result.incidents.count == 1)
        #expect(result.incidents.first?.severity == "SEV1")
        #expect(result.incidents.first?.timeline.count == 2)
    }
}
