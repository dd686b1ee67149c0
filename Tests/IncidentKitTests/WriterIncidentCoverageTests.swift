import Foundation
import Testing

@testable import IncidentKit

/// The trading bot's SLO monitor opens one incident per critical SLO breach, named after the SLO;
/// the breach signal of that SLO in that run is then not "without an incident".
@Suite struct WriterIncidentCoverageTests {
    @Test("a tracker incident named after an SLO covers that SLO's breach signal in its run, and no other")
    func sloIncidentCoversItsBreach() throws {
        let root = ScannerTestSupport.fixturesDirectory + "/real-trading-bot"
        let policy = try #require(try BuiltinPolicies.policy(named: "trading-ops"))
        let store = try ArtifactStore.open(root: root, policy: policy)
        store.refresh()
        let picture = PictureBuilder.build(store: store, policy: policy, now: Timestamp.parse("2026-11-29T02:44:30Z")!)
        let breaches = picture.signals.filter { $0.detector == .sloBreach }
        let uncovered = Set(picture.uncoveredSignals.filter { $0.detector == .sloBreach }.map(\.subject))
        let run = "paper_20261129_022419_838b5eb3"
        #expect(breaches.count == 4)
        // Three breaches have the tracker's incident; the warning-level total has none.
        #expect(uncovered == ["\(run)/order_reconciliation_mismatch_total"])
        // Other detectors' signals are untouched by the rule.
        #expect(picture.uncoveredSignals.contains { $0.detector == .killSwitch })
    }
}
