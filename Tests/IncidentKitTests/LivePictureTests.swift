import Foundation
import Testing

@testable import IncidentKit

/// The live picture folds appended events on top and freezes resolved incidents; whatever it
/// does, it must show exactly what a picture built from scratch shows, at every instant.
@Suite struct LivePictureTests {
    private func record(_ type: String, _ id: String, _ ts: String, _ extra: String = "") -> String {
        #"{"event_type":"\#(type)","incident_id":"\#(id)","ts":"\#(ts)","event_id":"\#(type)-\#(id)-\#(ts)"\#(extra)}"#
            + "\n"
    }

    private func open(_ id: String, _ ts: String, severity: String = "SEV2") -> String {
        record("incident_open", id, ts, #","severity":"\#(severity)","title":"t \#(id)""#)
    }

    /// Everything the views read from each incident, in order.
    private func summary(_ picture: Picture) -> [String] {
        picture.incidents.map { view in
            let timers = view.timers.map { "\($0.name):\($0.state.rawValue):\($0.remainingSeconds)" }
            return
                "\(view.incident.id) \(view.incident.state.rawValue) \(view.incident.timeline.count) \(view.incident.severity) "
                + "\(timers) esc \(view.escalation.dueLevel)/\(String(describing: view.escalation.nextLevelAt))"
        } + picture.warnings.map(\.message).sorted()
    }

    private func expectSameAsFromScratch(
        _ live: LivePicture, _ store: ArtifactStore, at now: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let instant = try #require(Timestamp.parse(now))
        let scratch = PictureBuilder.build(store: store, policy: live.policy, now: instant)
        #expect(summary(live.picture(at: instant)) == summary(scratch), sourceLocation: sourceLocation)
    }

    @Test func appendedResolvedAndOutOfOrderEventsGiveThePictureOfAFullFold() throws {
        try withFollowScratch { dir in
            let journal = "incidents/incident_events.jsonl"
            var lines = ""
            // Enough resolved incidents that a few changes are inserted into the sorted list
            // rather than sorted again with it.
            for n in 0..<120 {
                let minute = String(format: "%02d:%02d", 8 + n / 60, n % 60)
                lines += open("INC-\(n)", "2025-11-21T\(minute):00Z", severity: n % 3 == 0 ? "SEV1" : "SEV3")
                if n % 2 == 0 { lines += record("incident_resolved", "INC-\(n)", "2025-11-21T\(minute):30Z") }
            }
            try dir.append(journal, lines)
            let store = ArtifactStore(root: dir.path(""))
            let live = LivePicture(store: store, policy: try runbookPolicy())
            store.refresh()
            for now in ["2025-11-21T10:00:00Z", "2025-11-21T10:07:00Z", "2025-11-21T12:00:00Z"] {
                try expectSameAsFromScratch(live, store, at: now)
            }
            // Appended in order: an ack, a resolution, an update of a resolved incident.
            try dir.append(
                journal,
                record("incident_ack", "INC-1", "2025-11-21T12:01:00Z", #","ack_by":"bob""#)
                    + record("incident_resolved", "INC-3", "2025-11-21T12:02:00Z")
                    + record("incident_update", "INC-0", "2025-11-21T12:03:00Z", #","severity":"SEV3""#))
            store.refresh()
            try expectSameAsFromScratch(live, store, at: "2025-11-21T12:05:00Z")
            // Out of order: an event older than what was folded, and one for an unknown incident.
            try dir.append(
                journal,
                record("incident_resolved", "INC-5", "2025-11-21T09:40:00Z")
                    + record("incident_ack", "INC-404", "2025-11-21T12:06:00Z"))
            store.refresh()
            try expectSameAsFromScratch(live, store, at: "2025-11-21T12:10:00Z")
            // A clock behind some resolutions (a `--now` in the past): nothing frozen is wrong.
            try expectSameAsFromScratch(live, store, at: "2025-11-21T09:15:00Z")
            try expectSameAsFromScratch(live, store, at: "2025-11-21T13:00:00Z")
        }
    }

    @Test func anEventAppendedAfterOthersFoldsOnTopWithoutRefolding() throws {
        let policy = try runbookPolicy()
        var folding = IncidentFolder.Folding(policy: policy)
        let first = try JournalEvent(
            object: parseObject(String(open("INC-1", "2025-11-21T10:00:00Z").dropLast())),
            journal: "j", line: 1, sequence: 1)!
        let later = try JournalEvent(
            object: parseObject(String(record("incident_ack", "INC-1", "2025-11-21T10:05:00Z").dropLast())),
            journal: "j", line: 2, sequence: 2)!
        let earlier = try JournalEvent(
            object: parseObject(String(record("incident_ack", "INC-1", "2025-11-21T09:05:00Z").dropLast())),
            journal: "j", line: 3, sequence: 3)!
        folding.add([first])
        #expect(folding.canAppend([later]))
        #expect(!folding.canAppend([earlier]), "an event before the folded ones needs a full fold")
        folding.add([later])
        #expect(folding.result.incidents.first?.ack?.at == Timestamp.parse("2025-11-21T10:05:00Z"))
    }
}
