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

    /// Everything the list reads from each incident, in order (a resolved incident's stopped
    /// timers and its updates are left out of the live picture's list: the detail view reads it
    /// back, and `expectSameAsFromScratch` checks that whole).
    private func summary(_ picture: Picture) -> [String] {
        picture.incidents.map { view in
            let active = view.incident.isActive
            let timers = active ? view.timers.map { "\($0.name):\($0.state.rawValue):\($0.remainingSeconds)" } : []
            return "\(describe(view.incident, updates: active)) \(timers) esc \(view.escalation.dueLevel)/"
                + String(describing: view.escalation.nextLevelAt)
        } + picture.warnings.map(\.message).sorted()
    }

    private func describe(_ incident: Incident, updates: Bool = true) -> String {
        "\(incident.id) \(incident.state.rawValue) \(incident.eventCount) \(incident.severity) ack \(incident.ack?.by ?? "-")"
            + (updates ? " updates \(incident.updates.count)" : "")
    }

    /// The picture of everything folded from scratch, and each incident read back whole.
    private func expectSameAsFromScratch(
        _ live: LivePicture, _ store: ArtifactStore, at now: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let instant = try #require(Timestamp.parse(now))
        let scratch = PictureBuilder.build(
            store: store, policy: live.policy, now: instant,
            folded: IncidentFolder.fold(everything(store), policy: live.policy))
        #expect(summary(live.picture(at: instant)) == summary(scratch), sourceLocation: sourceLocation)
        for view in scratch.incidents {
            let whole = try #require(live.incident(withID: view.incident.id), sourceLocation: sourceLocation)
            #expect(!whole.isCompact, sourceLocation: sourceLocation)
            #expect(describe(whole) == describe(view.incident), sourceLocation: sourceLocation)
            #expect(whole.timeline.map(\.line) == view.incident.timeline.map(\.line), sourceLocation: sourceLocation)
        }
    }

    /// The live picture takes the store's events; a second store reads them all for the scratch fold.
    private func everything(_ store: ArtifactStore) -> [JournalEvent] {
        let again = ArtifactStore(root: store.root, profile: store.profile)
        again.refresh()
        return again.journalEvents
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

    @Test func aResolvedIncidentIsKeptCompactAndReadBackFromItsJournal() throws {
        try withFollowScratch { dir in
            let journal = "incidents/incident_events.jsonl"
            try dir.append(
                journal,
                open("INC-1", "2025-11-21T10:00:00Z") + record("incident_ack", "INC-1", "2025-11-21T10:01:00Z")
                    + record("incident_resolved", "INC-1", "2025-11-21T10:30:00Z")
                    + open("INC-2", "2025-11-21T10:05:00Z"))
            let store = ArtifactStore(root: dir.path(""))
            let live = LivePicture(store: store, policy: try runbookPolicy())
            store.refresh()
            let picture = live.picture(at: try #require(Timestamp.parse("2025-11-21T11:00:00Z")))
            #expect(store.journalEvents.isEmpty, "the fold took the events; the store keeps no history")
            let listed = try #require(picture.incidents.first { $0.incident.id == "INC-1" })
            #expect(listed.incident.isCompact && listed.incident.timeline.isEmpty)
            #expect(listed.incident.eventCount == 3)
            #expect(picture.incidents.first { $0.incident.id == "INC-2" }?.incident.isCompact == false)
            let whole = try #require(live.incident(withID: "INC-1"))
            #expect(whole.timeline.map(\.type) == ["incident_open", "incident_ack", "incident_resolved"])
            // Rewritten in place: the lines are no longer the incident's, and nothing else is shown.
            try dir.rewrite(journal, String(repeating: "{\"event_type\":\"noise\"}\n", count: 8))
            let after = try #require(live.incident(withID: "INC-1"))
            #expect(after.isCompact && after.timeline.isEmpty)
            #expect(after.ack != nil && after.resolution != nil, "the compact summary stays")
        }
    }

    @Test func aLateEventForACompactIncidentIsFoldedIntoItsEventsReadBack() throws {
        try withFollowScratch { dir in
            let journal = "incidents/incident_events.jsonl"
            try dir.append(
                journal,
                open("INC-1", "2025-11-21T10:00:00Z") + record("incident_resolved", "INC-1", "2025-11-21T10:30:00Z"))
            let store = ArtifactStore(root: dir.path(""))
            let live = LivePicture(store: store, policy: try runbookPolicy())
            store.refresh()
            _ = live.picture(at: try #require(Timestamp.parse("2025-11-21T11:00:00Z")))
            // Older than the resolution: the incident is refolded from its events read back.
            try dir.append(journal, record("incident_ack", "INC-1", "2025-11-21T10:02:00Z", #","ack_by":"bob""#))
            store.refresh()
            try expectSameAsFromScratch(live, store, at: "2025-11-21T11:01:00Z")
            let picture = live.picture(at: try #require(Timestamp.parse("2025-11-21T11:01:00Z")))
            #expect(picture.incidents.first?.incident.ack?.by == "bob")
            #expect(picture.incidents.first?.incident.isCompact == true)
        }
    }

    /// A compact incident's event digests are let go; a duplicate of one of its events that
    /// arrives later is still ignored (the incident comes back with its digests), and another
    /// incident's event that reuses one of its event ids is that incident's, as in a full fold.
    @Test func aDuplicateOfACompactIncidentsEventIsStillIgnored() throws {
        try withFollowScratch { dir in
            let journal = "incidents/incident_events.jsonl"
            let ack = record("incident_ack", "INC-1", "2025-11-21T10:02:00Z", #","ack_by":"bob""#)
            let resolved = record("incident_resolved", "INC-1", "2025-11-21T10:30:00Z")
            try dir.append(journal, open("INC-1", "2025-11-21T10:00:00Z") + ack + resolved)
            try dir.append(journal, open("INC-2", "2025-11-21T10:40:00Z"))
            let store = ArtifactStore(root: dir.path(""))
            let live = LivePicture(store: store, policy: try runbookPolicy())
            store.refresh()
            _ = live.picture(at: try #require(Timestamp.parse("2025-11-21T11:00:00Z")))
            // The same resolution again (it sorts after every event of INC-1: applied on top unless
            // caught as a duplicate), and INC-2's ack under INC-1's ack's event_id.
            let borrowed = ack.replacingOccurrences(of: #""incident_id":"INC-1""#, with: #""incident_id":"INC-2""#)
                .replacingOccurrences(of: #""ack_by":"bob""#, with: #""ack_by":"carol""#)
            try dir.append(journal, resolved + borrowed)
            store.refresh()
            try expectSameAsFromScratch(live, store, at: "2025-11-21T11:01:00Z")
            let picture = live.picture(at: try #require(Timestamp.parse("2025-11-21T11:01:00Z")))
            let first = try #require(picture.incidents.first { $0.incident.id == "INC-1" }?.incident)
            #expect(first.eventCount == 3, "the duplicate resolution was not folded in")
            #expect(first.isCompact)
            #expect(picture.incidents.first { $0.incident.id == "INC-2" }?.incident.ack?.by == "carol")
        }
    }
}
