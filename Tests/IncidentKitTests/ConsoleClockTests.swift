import Foundation
import Testing

@testable import IncidentKit

/// Fault-injection suite, item 12: the system clock stepped back and forward under a running
/// console, simulated with controllable wall and monotonic sources.
@Suite struct ConsoleClockTests {
    final class Sources: @unchecked Sendable {
        var wall = Date(timeIntervalSince1970: 1_763_719_200)  // 2025-11-21T10:00:00Z
        var monotonic: TimeInterval = 5000
        func advance(_ seconds: TimeInterval) {
            wall += seconds
            monotonic += seconds
        }
    }

    private func clock(_ sources: Sources, startAt: Date? = nil) -> ConsoleClock {
        ConsoleClock(startAt: startAt, wall: { sources.wall }, monotonic: { sources.monotonic })
    }

    @Test func aSimulatedClockIgnoresSystemClockSteps() {
        let sources = Sources()
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let clock = clock(sources, startAt: start)
        #expect(clock.now() == start)
        sources.advance(5)
        sources.wall -= 3600
        #expect(clock.now() == start + 5)
        sources.advance(5)
        sources.wall += 86_400
        #expect(clock.now() == start + 10)
    }

    @Test func aLiveClockStepsBackNeverAndKeepsCountingUntilTheSystemClockCatchesUp() {
        let sources = Sources()
        let clock = clock(sources)
        let t0 = clock.now()
        #expect(t0 == sources.wall)
        sources.advance(10)
        sources.wall -= 3600  // someone sets the clock back an hour
        #expect(clock.now() == t0 + 10)
        sources.advance(20)
        #expect(clock.now() == t0 + 30, "monotonic time goes on counting")
        sources.wall += 3600 + 60  // the system clock is corrected (and a minute ahead)
        #expect(clock.now() == sources.wall)
    }

    @Test func aLiveClockFollowsAForwardStep() {
        let sources = Sources()
        let clock = clock(sources)
        _ = clock.now()
        sources.advance(1)
        sources.wall += 7200  // a resumed virtual machine, an NTP correction
        #expect(clock.now() == sources.wall)
    }

    @Test func underRandomStepsTheClockNeverRunsBackwardsNorAheadOfBothSources() {
        let sources = Sources()
        let clock = clock(sources)
        var previous = clock.now()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            sources.advance(Double.random(in: 0...2, using: &generator))
            if Bool.random(using: &generator) { sources.wall += Double.random(in: -7200...7200, using: &generator) }
            let now = clock.now()
            #expect(now >= previous)
            #expect(now <= max(sources.wall, previous + 2))
            previous = now
        }
    }

    @Test func timersEvaluatedOnTheClockDoNotFlipBackAfterABackwardStep() throws {
        let policy = try #require(try BuiltinPolicies.policy(named: "incident-runbook"))
        let sources = Sources()
        let clock = clock(sources)
        let opened = clock.now()
        let incident = try PolicyFixtures.incident(policy, severity: "SEV0", openedAt: Timestamp.format(opened))
        sources.advance(16 * 60)  // SEV0 respond within 15m: breached
        let breachedAt = clock.now()
        let breached = TimerEvaluator.evaluate(incident, policy: policy, now: breachedAt)
        #expect(breached.contains { $0.state == .breached })
        sources.wall -= 3600
        sources.advance(1)
        let later = TimerEvaluator.evaluate(incident, policy: policy, now: clock.now())
        #expect(later.contains { $0.state == .breached }, "a backward step does not un-breach a timer")
    }
}
