import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// Followers sharing a pool of two descriptors: every line is still read exactly once, a
/// parked file rotated by rename is drained from `<path>.1`, and a replaced one starts over.
@Suite struct DescriptorPoolTests {
    private func line(_ n: Int) -> String { #"{"n":\#(n)}"# + "\n" }

    private func numbers(_ follower: LineFollower) -> [String] {
        follower.poll().lines.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func tenFilesThroughTwoDescriptorsReadEveryLineOnce() throws {
        try withFollowScratch { dir in
            let pool = DescriptorPool(capacity: 2)
            let followers = (0..<10).map { LineFollower(path: dir.path("f\($0).jsonl"), pool: pool) }
            for round in 0..<3 {
                for i in 0..<10 { try dir.append("f\(i).jsonl", line(round * 100 + i)) }
                for (i, follower) in followers.enumerated() {
                    #expect(numbers(follower) == [#"{"n":\#(round * 100 + i)}"#])
                    #expect(pool.holding <= 2)
                }
            }
            // Nothing changed: parked files are only stat'ed, and stay parked.
            for follower in followers { #expect(follower.poll().lines.isEmpty) }
            #expect(followers.filter(\.isParked).count == 8)
        }
    }

    @Test func aParkedFileRotatedByRenameIsDrainedFromItsRotatedName() throws {
        try withFollowScratch { dir in
            let pool = DescriptorPool(capacity: 1)
            let a = LineFollower(path: dir.path("a.jsonl"), pool: pool)
            let b = LineFollower(path: dir.path("b.jsonl"), pool: pool)
            try dir.append("a.jsonl", line(1))
            try dir.append("b.jsonl", line(1))
            #expect(numbers(a).count == 1)
            #expect(numbers(b).count == 1)
            #expect(a.isParked)
            try dir.append("a.jsonl", line(2))
            try dir.rename("a.jsonl", to: "a.jsonl.1")
            try dir.append("a.jsonl", line(3))
            #expect(numbers(a) == [#"{"n":2}"#, #"{"n":3}"#])
        }
    }

    @Test func aParkedFileReplacedUnderItsNameIsReadFromTheStart() throws {
        try withFollowScratch { dir in
            let pool = DescriptorPool(capacity: 1)
            let a = LineFollower(path: dir.path("a.jsonl"), pool: pool)
            let b = LineFollower(path: dir.path("b.jsonl"), pool: pool)
            try dir.append("a.jsonl", line(1) + line(2))
            try dir.append("b.jsonl", line(1))
            #expect(numbers(a).count == 2)
            #expect(numbers(b).count == 1)
            try dir.remove("a.jsonl")
            try dir.append("a.jsonl", line(7))
            let batch = a.poll()
            #expect(batch.restarted)
            #expect(batch.lines.map { String(decoding: $0.bytes, as: UTF8.self) } == [#"{"n":7}"#])
        }
    }

    @Test func aStoreFollowsMoreFilesThanItsPoolHoldsAndSeesNewLinesInEach() throws {
        try withFollowScratch { dir in
            for run in 0..<40 {
                try dir.append(
                    "results/runs/r\(run)/incident_events.jsonl",
                    #"{"event_type":"incident_open","incident_id":"INC-\#(run)","severity":"SEV2","title":"t","ts":"2025-11-21T10:00:00Z"}"#
                        + "\n")
            }
            let store = ArtifactStore(root: dir.path(""), descriptors: DescriptorPool(capacity: 4))
            store.refresh()
            #expect(store.journalEvents.count == 40)
            for run in 0..<40 {
                try dir.append(
                    "results/runs/r\(run)/incident_events.jsonl",
                    #"{"event_type":"incident_ack","incident_id":"INC-\#(run)","ts":"2025-11-21T10:01:00Z"}"# + "\n")
            }
            store.refresh()
            #expect(store.journalEvents.count == 80)
            #expect(store.warnings.isEmpty)
        }
    }
}
