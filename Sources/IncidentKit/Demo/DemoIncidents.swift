import Foundation

/// One journal record of the demo, due at simulated second `at`.
struct DemoJournalWrite {
    var at: Double
    /// The journal, relative to the root.
    var journal: String
    var record: JSONValue
}

/// The demo's incidents and the operators' actions on them. Event ids are fixed (`demo-open-1`,
/// `demo-ack-2`, …) so that a record written twice is read once.
///
/// The SEV0 and SEV1 are backdated so that their deadlines fall at the scenario's simulated
/// times at any speed: the SEV0's 15-minute response timer runs out at t=40 and the SEV1 has
/// been open an hour (escalation to L2 due) at t=600.
enum DemoIncidents {
    static func schedule(start: Date, speed: Double) -> [DemoJournalWrite] {
        func instant(_ t: Double) -> Date { start.addingTimeInterval(t / speed) }
        let day = Timestamp.compactDate(start)
        let sev0 = "INC-\(day)-0001"
        let sev1 = "INC-\(day)-0002"
        let sev2 = "INC-\(day)-0003"
        let sev3 = "INC-\(day)-0004"
        let runJournal = ArtifactLayout.runJournal(DemoScenario.runID)
        let rootJournal = ArtifactLayout.rootJournal
        let sev3OpenedAt = start.addingTimeInterval(-5 * 3600)

        return [
            DemoJournalWrite(
                at: 0, journal: runJournal,
                record: JournalRecords.open(
                    id: sev0, severity: "SEV0",
                    title: "Duplicate ledger entries: same idempotency key created multiple entries",
                    by: "ledger-audit", source: "script:ledger_audit", runID: DemoScenario.runID,
                    ts: instant(DemoScenario.sev0BreachAt).addingTimeInterval(-15 * 60), eventID: "demo-open-1")),
            DemoJournalWrite(
                at: 0, journal: runJournal,
                record: JournalRecords.open(
                    id: sev1, severity: "SEV1", title: "Admin cannot resolve disputes", by: "alice", source: "manual",
                    runID: DemoScenario.runID, ts: instant(DemoScenario.sev1EscalationAt).addingTimeInterval(-3600),
                    eventID: "demo-open-2")),
            DemoJournalWrite(
                at: 0, journal: rootJournal,
                record: JournalRecords.open(
                    id: sev2, severity: "SEV2", title: "Slow pages on deal list", by: "dave", source: "manual",
                    runID: nil,
                    ts: start.addingTimeInterval(-2 * 3600), eventID: "demo-open-3")),
            DemoJournalWrite(
                at: 0, journal: rootJournal,
                record: JournalRecords.open(
                    id: sev3, severity: "SEV3", title: "Typo in pilot onboarding email", by: "erin", source: "manual",
                    runID: nil,
                    ts: sev3OpenedAt, eventID: "demo-open-4")),
            DemoJournalWrite(
                at: 0, journal: rootJournal,
                record: ack(
                    sev3, by: "carol", notes: "copy fix queued for the next template release", host: "jump-1",
                    ts: sev3OpenedAt.addingTimeInterval(40 * 60), eventID: "demo-ack-4")),
            DemoJournalWrite(
                at: DemoScenario.bobAcksAt, journal: runJournal,
                record: ack(
                    sev1, by: "bob", notes: "disputes service healthy; checking the admin role mapping", host: "jump-2",
                    ts: instant(DemoScenario.bobAcksAt), eventID: "demo-ack-2")),
        ]
    }

    /// `JournalRecords.ack` with a fixed event id instead of a random one.
    static func ack(_ id: String, by: String, notes: String, host: String, ts: Date, eventID: String) -> JSONValue {
        guard case .object(var object) = JournalRecords.ack(id: id, by: by, notes: notes, host: host, ts: ts) else {
            preconditionFailure("JournalRecords.ack builds an object")
        }
        object["event_id"] = .string(eventID)
        return .object(object)
    }
}
