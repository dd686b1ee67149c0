import Foundation
import IncidentKit
import Testing

@testable import ConsoleUI

/// A resolved incident is held compact by the live picture: the detail view asks for it to be
/// read back from its journal and then shows every event with its line, as before.
@Suite struct DetailRecallTests {
    @Test func theDetailOfACompactIncidentShowsItsEventsOnceReadBack() throws {
        let root = ViewFixtures.fixtures.appendingPathComponent("report-incident").path
        let policy = try PolicyResolver(root: root).resolve("launch-rollback")
        let store = ArtifactStore(root: root, fieldNames: FieldNames(policyAliases: policy.fieldAliases))
        let live = LivePicture(store: store, policy: policy)
        store.refresh()
        let now = try #require(Timestamp.parse("2025-11-21T16:00:00Z"))
        var state = AppState(picture: live.picture(at: now), width: 120, height: 60, operatorName: "alice")
        let id = "INC-20251121-0042"
        let held = try #require(state.picture.incidents.first { $0.incident.id == id }?.incident)
        #expect(held.isCompact && held.timeline.isEmpty && held.eventCount > 20)
        #expect(state.detailNeedsRecall == nil, "nothing asks before the detail is open")

        state.overlay = .detail(incident: id, scroll: 0)
        #expect(state.detailNeedsRecall == id)
        #expect(Screen.render(state).text.contains("reading it back"))

        // What the loop does when the state asks.
        let whole = try #require(live.incident(withID: id))
        _ = Update.apply(.recalled(PictureBuilder.view(of: whole, policy: policy, now: now)), to: &state)
        #expect(state.detailNeedsRecall == nil)
        let text = Screen.render(state).text
        #expect(!text.contains("reading it back"))
        #expect(text.contains("results/runs/r7/incident_events.jsonl:1"))
        #expect(text.contains("Timeline (\(held.eventCount) events)"))
    }
}
