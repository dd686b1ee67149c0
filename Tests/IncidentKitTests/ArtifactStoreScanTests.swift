import Foundation
import Testing

@testable import IncidentKit

/// The event streams keep only the fields `RecordKeys` names; reading every fixture root that
/// way must give the same summaries as keeping every field.
@Suite struct ArtifactStoreScanTests {
    static let roots = [
        "incident-runbook", "launch-rollback", "pilot-playbook", "pilot-rollback", "trading-ops", "real-trading-bot",
    ]

    private func summary(_ store: ArtifactStore) -> [String] {
        store.refresh()
        return [
            store.reconciliations.keys.sorted().map { "\(store.reconciliations[$0]!)" }.joined(separator: "\n"),
            store.sloReadings.keys.sorted().map { "\(store.sloReadings[$0]!)" }.joined(separator: "\n"),
            store.dataQuality.map { "\($0)" }.joined(separator: "\n"),
            store.audits.keys.sorted().map { "\(store.audits[$0]!)" }.joined(separator: "\n"),
            store.warnings.map(\.description).joined(separator: "\n"),
            store.journalEvents.map { "\($0.type) \($0.line) \(JSONWriter.string(.object($0.fields)))" }.joined(
                separator: "\n"),
        ]
    }

    @Test(arguments: roots)
    func scanningGivesTheSameSummariesAsKeepingEveryField(_ name: String) {
        let root = ScannerTestSupport.fixturesDirectory + "/" + name
        let scanned = summary(ArtifactStore(root: root))
        let full = summary(ArtifactStore(root: root, keepAllFields: true))
        #expect(scanned == full)
        #expect(!scanned.joined().isEmpty)
    }

    /// The project profiles extend Sitrep's own: a root in Sitrep's layout reads the same under
    /// them (the trading-ops and pilot-playbook presets now name them).
    @Test(arguments: ["incident-runbook", "launch-rollback", "pilot-playbook", "pilot-rollback", "trading-ops"])
    func sitrepRootsReadTheSameUnderTheProjectProfiles(_ name: String) {
        let root = ScannerTestSupport.fixturesDirectory + "/" + name
        func everything(_ profile: SourceProfile) -> [String] {
            let store = ArtifactStore(root: root, profile: profile)
            let nodes = store.nodes.map {
                "\($0.id) \($0.path) \($0.health) \(String(describing: $0.lastHeartbeat)) \(String(describing: $0.uptimeRatio)) \(String(describing: $0.failingSmokeStep))"
            }
            return summary(store) + nodes + [
                "\(String(describing: store.gateway))", "\(String(describing: store.pilotMetrics))",
            ]
        }
        let own = everything(BuiltinProfiles.sitrep)
        #expect(everything(BuiltinProfiles.tradingBot) == own)
        #expect(everything(BuiltinProfiles.openMeshMind) == own)
    }

    @Test func aBudgetedRefreshReadsInSlicesAndEndsWithTheSameData() throws {
        let root = ScannerTestSupport.fixturesDirectory + "/trading-ops"
        let whole = ArtifactStore(root: root)
        whole.refresh()
        #expect(whole.isCaughtUp)
        let sliced = ArtifactStore(root: root)
        var passes = 0
        repeat {
            sliced.refresh(byteBudget: 1)
            passes += 1
        } while !sliced.isCaughtUp && passes < 1000
        #expect(passes > 1)
        #expect(sliced.isCaughtUp)
        #expect(sliced.bytesRead == whole.bytesRead)
        #expect(summary(sliced) == summary(whole))
    }

    /// A file larger than one scanning piece is read in order across pieces: counts and the
    /// streak at its end come out exact.
    @Test func aFileLargerThanOnePieceIsCountedInOrder() throws {
        let root = NSTemporaryDirectory() + "sitrep-pieces-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/results/runs/r1"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var text = ""
        let lines = 70_000
        for i in 0..<lines {
            let status = i % 1000 == 0 || i >= lines - 3 ? "mismatch" : "match"
            text +=
                #"{"ts":"2025-11-21T10:00:00Z","check":\#(i),"status":"\#(status)","padding":"\#(String(repeating: "x", count: 40))"}"#
            text += "\n"
        }
        #expect(text.utf8.count > Int(ScanPipeline.pieceBytes))
        try text.write(toFile: dir + "/order_reconciliation_events.jsonl", atomically: false, encoding: .utf8)
        let store = ArtifactStore(root: root)
        store.refresh()
        let summary = try #require(store.reconciliations["results/runs/r1/order_reconciliation_events.jsonl"])
        #expect(summary.total == lines)
        #expect(summary.passed == lines - 70 - 3)
        #expect(summary.streak == 3)
        #expect(summary.lastMismatchLine == lines)
        #expect(store.isCaughtUp)
    }
}
