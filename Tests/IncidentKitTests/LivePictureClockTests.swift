import Foundation
import Testing

@testable import IncidentKit

/// Nodes and stale-heartbeat signals are worked out once and kept while nothing about them
/// changes; at every instant they must be what a picture built from scratch shows.
@Suite struct LivePictureClockTests {
    private func node(_ id: String, heartbeat: String) -> String {
        #"{"node_id":"\#(id)","health":"ok","last_heartbeat":"\#(heartbeat)"}"#
    }

    private func clockFacing(_ picture: Picture) -> [String] {
        picture.nodes.map { "\($0.node.id) stale \($0.stale)" }
            + picture.signals.map { "\($0.key) \($0.message) since \(String(describing: $0.since))" }
    }

    @Test func nodesAndStaleSignalsMatchAFreshPictureAtEverySecondAcrossBoundaries() throws {
        try withFollowScratch { dir in
            let policy = try runbookPolicy()
            let after = TimeInterval(
                try #require(policy.detectors.first { $0.kind == .heartbeatStale }?.after).wallSeconds)
            let start = try #require(Timestamp.parse("2025-11-21T10:59:00Z"))
            func beat(_ offset: TimeInterval) -> String { Timestamp.format(start.addingTimeInterval(offset)) }
            // Heartbeats that go stale at different instants while the clock runs, stale ages that
            // cross a minute, an hour and a day's hour, and a node never heard from.
            try dir.rewrite("nodes/a/node_state.json", node("a", heartbeat: beat(-after - 3600 + 30)))
            try dir.rewrite("nodes/b/node_state.json", node("b", heartbeat: beat(-after + 90)))
            try dir.rewrite("nodes/c/node_state.json", node("c", heartbeat: beat(-after + 200.5)))
            try dir.rewrite("nodes/d/node_state.json", #"{"node_id":"d","health":"ok"}"#)  // not a node: no heartbeat
            try dir.rewrite("nodes/e/node_state.json", node("e", heartbeat: beat(-after - 86400 - 3600 + 100)))
            try dir.rewrite("nodes/f/node_state.json", node("f", heartbeat: beat(-after + 10)))
            let store = ArtifactStore(root: dir.path(""))
            let live = LivePicture(store: store, policy: policy)
            store.refresh()
            var staleSeen = Set<String>()
            // Every half second for four minutes, then a jump back (a `--now` or a clock set back).
            let instants = (0..<480).map { start.addingTimeInterval(Double($0) / 2) } + [start.addingTimeInterval(-30)]
            for now in instants {
                let scratch = PictureBuilder.build(store: store, policy: policy, now: now)
                let picture = live.picture(at: now)
                #expect(clockFacing(picture) == clockFacing(scratch), "at \(Timestamp.format(now))")
                for view in picture.nodes where view.stale { staleSeen.insert(view.node.id) }
            }
            // The run did cross the thresholds it was meant to cross.
            #expect(staleSeen == ["a", "b", "c", "e", "f"])
        }
    }

    @Test func aSpanKeepsItsTextUntilItsNextChangeAndNoLonger() {
        for seconds in Array(0..<4000) + Array(stride(from: 3600, to: 200_000, by: 37)) {
            let next = SpanFormat.nextChange(after: seconds)
            #expect(next > seconds)
            #expect(SpanFormat.short(next) != SpanFormat.short(seconds), "\(seconds) → \(next)")
            if next - seconds > 1 {
                #expect(SpanFormat.short(next - 1) == SpanFormat.short(seconds), "\(seconds) → \(next - 1)")
            }
        }
    }
}
