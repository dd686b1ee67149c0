import Foundation
import Testing

@testable import IncidentKit

private let declaredAt = "2025-11-21T10:00:00Z"

private func actions(_ dir: FollowScratch, at ts: String = declaredAt, host: String = "jump-1") throws
    -> IncidentActions
{
    IncidentActions(root: dir.root, policy: try runbookPolicy(), now: try #require(Timestamp.parse(ts)), host: host)
}

/// The incident as the journals under the root say now (the actions return the state before
/// their write).
private func reread(_ dir: FollowScratch, _ id: String) throws -> Incident { try actions(dir).incident(id) }

@Suite struct IncidentActionsTests {
    @Test func declareWritesAnOpenRecordWithTheNextIDOfTheDay() throws {
        try withFollowScratch { dir in
            let declared = try actions(dir).declare(
                severity: "sev-1", title: "  Ledger mismatch  ", runID: nil, by: "alice")
            #expect(declared.id == "INC-20251121-0001")
            #expect(declared.journal == ArtifactLayout.rootJournal)
            let first = try reread(dir, declared.id)
            #expect(first.severity == "SEV1")
            #expect(first.title == "Ledger mismatch")
            #expect(first.journal == ArtifactLayout.rootJournal)
            #expect(first.state == .open)

            let declaredInRun = try actions(dir).declare(severity: "critical", title: "Funds", runID: "r7", by: "bob")
            #expect(declaredInRun.id == "INC-20251121-0002")
            #expect(declaredInRun.journal == ArtifactLayout.runJournal("r7"))
            let second = try reread(dir, declaredInRun.id)
            #expect(second.severity == "SEV0")
            #expect(second.journal == ArtifactLayout.runJournal("r7"))
            #expect(second.runID == "r7")

            // The next day starts again at 0001.
            #expect(
                try actions(dir, at: "2025-11-22T00:00:01Z").declare(severity: "SEV3", title: "x", runID: nil, by: "a")
                    .id
                    == "INC-20251122-0001")

            let line = try parseObject(try #require(dir.lines(ArtifactLayout.rootJournal).first))
            #expect(line["event_type"] == .string("incident_open"))
            #expect(line["incident_id"] == .string("INC-20251121-0001"))
            #expect(line["severity"] == .string("SEV1"))
            #expect(line["ts"] == .string(declaredAt))
            #expect(line["by"] == .string("alice"))
            #expect(line["source"] == .string("manual"))
            #expect(line["event_id"]?.stringValue?.isEmpty == false)
            #expect(dir.lines(ArtifactLayout.runJournal("r7")).count == 1)
        }
    }

    @Test func declareRefusesAnUnknownSeverityAnEmptyTitleAndABadRunID() throws {
        try withFollowScratch { dir in
            let a = try actions(dir)
            #expect(throws: ActionError.self) { try a.declare(severity: "P9", title: "x", runID: nil, by: "alice") }
            #expect(throws: ActionError.self) { try a.declare(severity: "SEV1", title: "   ", runID: nil, by: "alice") }
            #expect(throws: ActionError.self) {
                try a.declare(severity: "SEV1", title: "x", runID: "../evil", by: "alice")
            }
            #expect(throws: ActionError.self) { try a.declare(severity: "SEV1", title: "x", runID: "..", by: "alice") }
            #expect(!dir.exists("incidents"))
            #expect(!dir.exists("results"))
        }
    }

    @Test func firstAcknowledgmentWinsAndTheSecondWritesNothing() throws {
        try withFollowScratch { dir in
            let incident = try actions(dir).declare(severity: "SEV1", title: "Ledger mismatch", runID: nil, by: "alice")
            let (_, outcome) = try actions(dir, at: "2025-11-21T10:03:12Z").acknowledge(
                incident.id, by: "alice", notes: "looking at broker session")
            guard case .written = outcome else {
                Issue.record("expected the first ack to be written, got \(outcome)")
                return
            }
            let acked = try reread(dir, incident.id)
            #expect(acked.ack?.by == "alice")
            #expect(acked.ack?.text == "looking at broker session")
            #expect(acked.state == .acknowledged)
            let journal = dir.bytes(ArtifactLayout.rootJournal)

            let (again, second) = try actions(dir, at: "2025-11-21T10:09:00Z", host: "jump-2").acknowledge(
                incident.id, by: "bob", notes: "me too")
            guard case .alreadyAcknowledged(let by, let at) = second else {
                Issue.record("expected .alreadyAcknowledged, got \(second)")
                return
            }
            #expect(by == "alice")
            #expect(at == Timestamp.parse("2025-11-21T10:03:12Z"))
            #expect(again.ack?.by == "alice")
            #expect(dir.bytes(ArtifactLayout.rootJournal) == journal, "nothing written")
        }
    }

    @Test func ackRecordHasTheFieldNamesOfIncidentAckPy() throws {
        try withFollowScratch { dir in
            let incident = try actions(dir).declare(severity: "SEV0", title: "t", runID: "r7", by: "alice")
            _ = try actions(dir, at: "2025-11-21T10:03:12Z").acknowledge(incident.id, by: "alice", notes: "on it")
            let lines = dir.lines(ArtifactLayout.runJournal("r7"))
            #expect(lines.count == 2, "the ack goes to the journal the incident was opened in")
            let ack = try parseObject(try #require(lines.last))
            #expect(ack.keys == ["event_type", "incident_id", "ack_by", "notes", "ts", "event_id", "host"])
            #expect(ack["event_type"] == .string("incident_ack"))
            #expect(ack["incident_id"] == .string(incident.id))
            #expect(ack["ack_by"] == .string("alice"))
            #expect(ack["notes"] == .string("on it"))
            #expect(ack["ts"] == .string("2025-11-21T10:03:12Z"))
            #expect(ack["host"] == .string("jump-1"))
            let eventID = try #require(ack["event_id"]?.stringValue)
            #expect(UUID(uuidString: eventID) != nil)
            #expect(!dir.exists(ArtifactLayout.rootJournal))
        }
    }

    @Test func acknowledgingAnUnknownIncidentThrowsAndWritesNothing() throws {
        try withFollowScratch { dir in
            let a = try actions(dir)
            #expect(throws: ActionError.self) { _ = try a.acknowledge("INC-20251121-0099", by: "alice", notes: nil) }
            #expect(!dir.exists("incidents"), "not even an empty journal is created")

            _ = try a.declare(severity: "SEV2", title: "t", runID: nil, by: "alice")
            let before = dir.bytes(ArtifactLayout.rootJournal)
            let error = #expect(throws: ActionError.self) {
                _ = try a.acknowledge("INC-20251121-0099", by: "alice", notes: nil)
            }
            #expect(error?.message.contains("INC-20251121-0099") == true)
            #expect(dir.bytes(ArtifactLayout.rootJournal) == before)
        }
    }

    @Test func anIDSuffixNamesTheIncident() throws {
        try withFollowScratch { dir in
            let incident = try actions(dir).declare(severity: "SEV2", title: "t", runID: nil, by: "alice")
            let (target, outcome) = try actions(dir).acknowledge("0001", by: "bob", notes: nil)
            #expect(target.id == incident.id)
            if case .alreadyAcknowledged = outcome { Issue.record("expected a written ack") }
            #expect(try reread(dir, incident.id).ack?.by == "bob")
        }
    }

    @Test func ackAlreadyInTheJournalFromAnotherToolIsRespected() throws {
        try withFollowScratch { dir in
            let incident = try actions(dir).declare(severity: "SEV1", title: "t", runID: nil, by: "alice")
            // The trading team's incident_ack.py wrote this one (no event_type synonyms needed).
            try dir.append(
                ArtifactLayout.rootJournal,
                "{\"event_type\":\"incident_ack\",\"incident_id\":\"\(incident.id)\",\"ack_by\":\"trader\",\"notes\":\"\",\"ts\":\"2025-11-21T10:01:00Z\"}\n"
            )
            let before = dir.bytes(ArtifactLayout.rootJournal)
            let (_, outcome) = try actions(dir, at: "2025-11-21T10:02:00Z").acknowledge(
                incident.id, by: "alice", notes: nil)
            guard case .alreadyAcknowledged(let by, _) = outcome else {
                Issue.record("expected .alreadyAcknowledged, got \(outcome)")
                return
            }
            #expect(by == "trader")
            #expect(dir.bytes(ArtifactLayout.rootJournal) == before)
        }
    }

    @Test func ackInAnotherJournalThanTheIncidentsIsRespected() throws {
        try withFollowScratch { dir in
            let incident = try actions(dir).declare(severity: "SEV1", title: "t", runID: "r7", by: "alice")
            try dir.append(
                ArtifactLayout.rootJournal,
                "{\"event_type\":\"incident_ack\",\"incident_id\":\"\(incident.id)\",\"ack_by\":\"trader\",\"ts\":\"2025-11-21T10:01:00Z\",\"event_id\":\"x\"}\n"
            )
            let before = dir.bytes(ArtifactLayout.runJournal("r7"))
            let (_, outcome) = try actions(dir, at: "2025-11-21T10:02:00Z").acknowledge(
                incident.id, by: "alice", notes: nil)
            guard case .alreadyAcknowledged(let by, _) = outcome else {
                Issue.record("expected .alreadyAcknowledged, got \(outcome)")
                return
            }
            #expect(by == "trader")
            #expect(dir.bytes(ArtifactLayout.runJournal("r7")) == before)
        }
    }

    /// The console acts on the incidents it folded earlier; an ack written meanwhile by someone
    /// else is found under the journal lock, and nothing is written.
    @Test func ackThatAppearedSinceTheIncidentsWereReadIsFoundUnderTheLock() throws {
        try withFollowScratch { dir in
            let declared = try actions(dir).declare(severity: "SEV1", title: "t", runID: nil, by: "alice")
            let stale = try actions(dir).currentIncidents()
            #expect(stale.first?.ack == nil)
            _ = try actions(dir, at: "2025-11-21T10:01:00Z", host: "jump-2").acknowledge(
                declared.id, by: "bob", notes: "mine")
            let before = dir.bytes(ArtifactLayout.rootJournal)

            let console = IncidentActions(
                root: dir.root, policy: try runbookPolicy(), now: try #require(Timestamp.parse("2025-11-21T10:02:00Z")),
                host: "jump-1", incidents: { stale })
            let (_, outcome) = try console.acknowledge(declared.id, by: "alice", notes: nil)
            guard case .alreadyAcknowledged(let by, let at) = outcome else {
                Issue.record("expected .alreadyAcknowledged, got \(outcome)")
                return
            }
            #expect(by == "bob")
            #expect(at == Timestamp.parse("2025-11-21T10:01:00Z"))
            #expect(dir.bytes(ArtifactLayout.rootJournal) == before)
        }
    }

    @Test func escalationMustGoHigherThanTheRecordedLevel() throws {
        try withFollowScratch { dir in
            let incident = try actions(dir).declare(severity: "SEV0", title: "t", runID: nil, by: "alice")
            let journal = ArtifactLayout.rootJournal

            var before = dir.bytes(journal)
            #expect(throws: ActionError.self) {
                _ = try actions(dir).escalate(incident.id, level: 1, reason: "r", by: "alice")
            }
            #expect(dir.bytes(journal) == before)

            _ = try actions(dir, at: "2025-11-21T10:16:00Z").escalate(
                incident.id, level: 3, reason: "integrity", by: "alice")
            #expect(try reread(dir, incident.id).recordedLevel == 3)
            let line = try parseObject(try #require(dir.lines(journal).last))
            #expect(line["event_type"] == .string("incident_escalate"))
            #expect(line["level"] == .number(3))
            #expect(line["reason"] == .string("integrity"))

            before = dir.bytes(journal)
            #expect(throws: ActionError.self) {
                _ = try actions(dir).escalate(incident.id, level: 3, reason: "again", by: "bob")
            }
            #expect(throws: ActionError.self) {
                _ = try actions(dir).escalate(incident.id, level: 2, reason: "lower", by: "bob")
            }
            #expect(throws: ActionError.self) {
                _ = try actions(dir).escalate(incident.id, level: 5, reason: "no such level", by: "bob")
            }
            #expect(dir.bytes(journal) == before)

            _ = try actions(dir).escalate(incident.id, level: 4, reason: "owner", by: "bob")
            #expect(try reread(dir, incident.id).recordedLevel == 4)
        }
    }

    @Test func resolvingTwiceIsRefusedAndWritesNothing() throws {
        try withFollowScratch { dir in
            let incident = try actions(dir).declare(severity: "SEV2", title: "t", runID: nil, by: "alice")
            #expect(throws: ActionError.self) {
                _ = try actions(dir).resolve(incident.id, rootCause: "  ", by: "alice")
            }
            _ = try actions(dir, at: "2025-11-21T11:00:00Z").resolve(incident.id, rootCause: "config push", by: "alice")
            let resolved = try reread(dir, incident.id)
            #expect(resolved.state == .resolved)
            #expect(resolved.resolution?.text == "config push")
            let line = try parseObject(try #require(dir.lines(ArtifactLayout.rootJournal).last))
            #expect(line["event_type"] == .string("incident_resolved"))
            #expect(line["root_cause"] == .string("config push"))

            let before = dir.bytes(ArtifactLayout.rootJournal)
            let error = #expect(throws: ActionError.self) {
                _ = try actions(dir).resolve(incident.id, rootCause: "again", by: "bob")
            }
            #expect(error?.message.contains("already resolved") == true)
            #expect(throws: ActionError.self) { _ = try actions(dir).update(incident.id, message: "late", by: "bob") }
            #expect(throws: ActionError.self) {
                _ = try actions(dir).escalate(incident.id, level: 2, reason: "late", by: "bob")
            }
            #expect(throws: ActionError.self) { _ = try actions(dir).mitigate(incident.id, notes: nil, by: "bob") }
            #expect(dir.bytes(ArtifactLayout.rootJournal) == before)
        }
    }

    @Test func updateAndMitigateAreWrittenOnce() throws {
        try withFollowScratch { dir in
            let incident = try actions(dir).declare(severity: "SEV2", title: "t", runID: nil, by: "alice")
            _ = try actions(dir).update(incident.id, message: "restarted gateway", by: "bob")
            #expect(try reread(dir, incident.id).updates.compactMap(\.text) == ["restarted gateway"])
            #expect(throws: ActionError.self) { _ = try actions(dir).update(incident.id, message: " ", by: "bob") }

            _ = try actions(dir, at: "2025-11-21T10:30:00Z").mitigate(incident.id, notes: "halted", by: "bob")
            #expect(try reread(dir, incident.id).state == .mitigated)
            let before = dir.bytes(ArtifactLayout.rootJournal)
            #expect(throws: ActionError.self) {
                _ = try actions(dir).mitigate(incident.id, notes: "again", by: "carol")
            }
            #expect(dir.bytes(ArtifactLayout.rootJournal) == before)
        }
    }

    @Test func writesRespectAJournalWhoseLastWriterDiedMidLine() throws {
        try withFollowScratch { dir in
            let incident = try actions(dir).declare(severity: "SEV1", title: "t", runID: nil, by: "alice")
            try dir.append(ArtifactLayout.rootJournal, "{\"event_type\":\"incident_upd")
            _ = try actions(dir, at: "2025-11-21T10:01:00Z").acknowledge(incident.id, by: "alice", notes: nil)
            #expect(try reread(dir, incident.id).ack?.by == "alice", "the ack is on its own line and is read back")
            #expect(dir.lines(ArtifactLayout.rootJournal).count == 3)
        }
    }
}
