import Foundation
import Testing

@testable import IncidentKit

/// A fresh temporary directory for one demo root, removed afterwards.
private func withDemoRoot(_ body: (String) throws -> Void) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-demo-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    try body(root)
}

/// A Friday morning, so nothing depends on the machine's clock.
private let demoStart = Timestamp.parse("2025-11-21T10:00:00Z")!

private func demoPolicy(_ root: String) throws -> Policy {
    try PolicyLoader.load(path: ArtifactLayout.join(root, DemoPolicy.relativePath))
}

private func picture(_ store: ArtifactStore, _ policy: Policy, at now: Date) -> Picture {
    store.refresh()
    return PictureBuilder.build(store: store, policy: policy, now: now)
}

private func incident(_ picture: Picture, severity: String) -> IncidentView? {
    picture.incidents.first { $0.incident.severity == severity }
}

private func respondTimer(_ view: IncidentView?) -> TimerStatus? {
    view?.timers.first { $0.name == "respond" }
}

private func streakSignal(_ picture: Picture) -> Signal? {
    picture.signals.first { $0.detector == .reconciliationMismatchStreak }
}

/// Every file under the root with its size, modification time and content.
private func snapshotOfFiles(_ root: String) throws -> [String: String] {
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
        let path = ArtifactLayout.join(root, relative)
        guard let identity = FileIdentity.of(path: path), identity.isRegularFile else { continue }
        let content = try String(contentsOfFile: path, encoding: .utf8)
        files[relative] = "\(identity.size) \(identity.modifiedNanoseconds) \(content)"
    }
    return files
}

@Suite struct DemoSimulatorTests {
    @Test func preparedPolicyLoadsAsTheDemoVariantOfTheRunbook() throws {
        try withDemoRoot { root in
            try DemoSimulator.prepare(root: root)
            let policy = try demoPolicy(root)
            #expect(policy.name == "demo")
            #expect(policy.severities.map(\.id) == ["SEV0", "SEV1", "SEV2", "SEV3"])
            let streak = try #require(policy.detectors.first { $0.kind == .reconciliationMismatchStreak })
            #expect(streak.autoDeclare)
            #expect(streak.threshold == 3)
            #expect(policy.detectors.first { $0.kind == .heartbeatStale }?.after == PolicyDuration(seconds: 30))
            for kind in [DetectorKind.killSwitch, .sloBreach, .dataStale] {
                #expect(policy.detectors.contains { $0.kind == kind })
            }
            #expect(try PolicyResolver(root: root, environment: [:]).resolve(nil).name == "demo")
        }
    }

    @Test func theStoryUnfoldsOverTheFirstTwoMinutes() throws {
        try withDemoRoot { root in
            try DemoSimulator.prepare(root: root)
            let policy = try demoPolicy(root)
            let simulator = DemoSimulator(root: root, start: demoStart)
            let store = ArtifactStore(root: root, fieldNames: FieldNames(policyAliases: policy.fieldAliases))
            var streakFirstSeen: Double?
            var sev0Breached: [Double: Bool] = [:]
            var haltedAt: [Double: Bool] = [:]
            var milestones: [DemoMilestone] = []

            for tick in 0...260 {
                let t = Double(tick) * 0.5
                let now = demoStart.addingTimeInterval(t)
                milestones += try simulator.step(now: now)
                let view = picture(store, policy, at: now)
                if streakFirstSeen == nil, streakSignal(view) != nil { streakFirstSeen = t }
                if [39, 41, 60].contains(t) {
                    sev0Breached[t] = respondTimer(incident(view, severity: "SEV0"))?.state == .breached
                }
                if [69, 71, 119, 121].contains(t) {
                    haltedAt[t] = view.signals.contains { $0.detector == .killSwitch }
                }
            }
            let end = demoStart.addingTimeInterval(130)
            let final = picture(store, policy, at: end)

            let severities = Set(final.activeIncidents.map(\.incident.severity))
            #expect(severities.count >= 3)
            #expect(severities == ["SEV0", "SEV1", "SEV2", "SEV3"])

            #expect(sev0Breached == [39: false, 41: true, 60: true])
            let sev0 = try #require(incident(final, severity: "SEV0"))
            #expect(sev0.escalation.dueLevel >= 2)

            let sev1 = try #require(incident(final, severity: "SEV1"))
            #expect(sev1.incident.ack?.by == "bob")
            #expect(sev1.incident.state == .acknowledged)
            #expect(sev1.incident.timeline.contains { $0.string("host") == "jump-2" })
            #expect(incident(final, severity: "SEV3")?.incident.ack?.by == "carol")

            let streakAt = try #require(streakFirstSeen)
            #expect((18...21).contains(streakAt))
            let streakInFinal = final.reconciliations.first { $0.kind == "orders" }
            #expect(streakInFinal?.streak == 0)
            #expect(streakInFinal?.cleanSinceMismatch ?? 0 >= 20)

            let nodes = Dictionary(uniqueKeysWithValues: final.nodes.map { ($0.node.id, $0) })
            #expect(nodes.count == 6)
            #expect(nodes["node-4"]?.stale == true)
            #expect(nodes["node-1"]?.stale == false)
            #expect(nodes["node-3"]?.node.health == .degraded)
            #expect(nodes["node-3"]?.node.uptimeRatio == 0.86)
            #expect(final.signals.contains { $0.detector == .uptimeRatio && $0.subject == "node-3" })
            #expect(final.signals.contains { $0.detector == .heartbeatStale && $0.subject == "node-4" })

            #expect(haltedAt == [69: false, 71: true, 119: true, 121: false])
            #expect(final.gateway?.isEngaged(at: end) == false)
            #expect(final.dataQuality.first?.staleWarnings == 0)
            #expect(final.warnings.isEmpty)

            let told = milestones.map(\.at)
            #expect(told == told.sorted())
            #expect([18, 50, 70, 120].allSatisfy(told.contains))
            #expect(!told.contains(600))
        }
    }

    @Test func midStoryArtifactsAreInPlace() throws {
        try withDemoRoot { root in
            try DemoSimulator.prepare(root: root)
            let policy = try demoPolicy(root)
            let simulator = DemoSimulator(root: root, start: demoStart)
            for t in stride(from: 0.0, through: 50, by: 1) { try simulator.step(now: demoStart.addingTimeInterval(t)) }
            let store = ArtifactStore(root: root)
            let view = picture(store, policy, at: demoStart.addingTimeInterval(50))
            #expect(
                view.signals.contains {
                    $0.detector == .sloBreach && $0.subject.hasSuffix(DemoScenario.mismatchRunsSLO)
                })
            #expect(view.dataQuality.first?.staleWarnings == 2)
            #expect(view.signals.contains { $0.detector == .dataStale })
            let streak = try #require(streakSignal(view))
            #expect(streak.autoDeclare)
            #expect(streak.subject == "demo-run/orders")
            #expect(streak.since == demoStart.addingTimeInterval(12))
        }
    }

    @Test func steppingTwiceAtTheSameInstantWritesNothing() throws {
        try withDemoRoot { root in
            try DemoSimulator.prepare(root: root)
            let simulator = DemoSimulator(root: root, start: demoStart)
            for t in [0.0, 10, 30, 35.5] { try simulator.step(now: demoStart.addingTimeInterval(t)) }
            let before = try snapshotOfFiles(root)
            #expect(before.count > 10)
            #expect(try simulator.step(now: demoStart.addingTimeInterval(35.5)).isEmpty)
            #expect(try snapshotOfFiles(root) == before)
            // A clock that steps back does not rewind the story either.
            #expect(try simulator.step(now: demoStart.addingTimeInterval(20)).isEmpty)
            #expect(try snapshotOfFiles(root) == before)
        }
    }

    @Test func speedTenReachesTheSixtySecondStateAfterSixSeconds() throws {
        try withDemoRoot { fastRoot in
            try withDemoRoot { slowRoot in
                let fast = DemoSimulator(root: fastRoot, speed: 10, start: demoStart)
                let slow = DemoSimulator(root: slowRoot, speed: 1, start: demoStart)
                var fastMilestones: [DemoMilestone] = []
                var slowMilestones: [DemoMilestone] = []
                for tick in 0...24 {
                    fastMilestones += try fast.step(now: demoStart.addingTimeInterval(Double(tick) * 0.25))
                }
                for tick in 0...240 {
                    slowMilestones += try slow.step(now: demoStart.addingTimeInterval(Double(tick) * 0.25))
                }
                #expect(fast.simulatedSeconds(at: demoStart.addingTimeInterval(6)) == 60)

                let policy = try #require(try BuiltinPolicies.policy(named: "incident-runbook"))
                let fastView = picture(ArtifactStore(root: fastRoot), policy, at: demoStart.addingTimeInterval(6))
                let slowView = picture(ArtifactStore(root: slowRoot), policy, at: demoStart.addingTimeInterval(60))
                func eventIDs(_ view: Picture) -> [String] {
                    view.incidents.flatMap { $0.incident.timeline.compactMap(\.eventID) }.sorted()
                }
                #expect(eventIDs(fastView) == eventIDs(slowView))
                #expect(eventIDs(fastView).contains("demo-ack-2"))
                #expect(fastView.reconciliations.map(\.total) == slowView.reconciliations.map(\.total))
                #expect(fastView.reconciliations.map(\.streak) == slowView.reconciliations.map(\.streak))
                #expect(respondTimer(incident(fastView, severity: "SEV0"))?.state == .breached)
                #expect(incident(fastView, severity: "SEV1")?.incident.ack?.by == "bob")
                #expect(fastView.dataQuality.first?.staleWarnings == slowView.dataQuality.first?.staleWarnings)
                // node-4's staleness is judged on the wall clock, so it is the one thing not sped up.
                #expect(
                    fastMilestones.map(\.text)
                        == slowMilestones.map(\.text).filter { !$0.hasPrefix("node-4's last heartbeat") })
            }
        }
    }

    @Test func telemetryStreamsRotateSoTheRootStaysBounded() throws {
        try withDemoRoot { root in
            let simulator = DemoSimulator(root: root, speed: 40, start: demoStart)
            simulator.streamByteLimit = 4_096
            let store = ArtifactStore(root: root)
            for tick in 0...100 {
                try simulator.step(now: demoStart.addingTimeInterval(Double(tick) * 0.25))
                store.refresh()
            }
            let orders = ArtifactLayout.join(root, "results/runs/demo-run/order_reconciliation_events.jsonl")
            #expect(FileManager.default.fileExists(atPath: orders + ".1"))
            #expect(try #require(FileIdentity.of(path: orders)).size <= 4_096 + 512)
            #expect(try #require(FileIdentity.of(path: orders + ".1")).size <= 4_096 + 512)
            // 1000 simulated seconds of checks every 3 s, all followed across the rotations.
            #expect(store.reconciliations.values.first { $0.kind == "orders" }?.total == 334)
            #expect(store.warnings.isEmpty)
        }
    }

    @Test func removeDemoDataLeavesAnEmptyRoot() throws {
        try withDemoRoot { root in
            try DemoSimulator.prepare(root: root)
            let simulator = DemoSimulator(root: root, start: demoStart)
            try simulator.step(now: demoStart.addingTimeInterval(40))
            #expect(DemoSimulator.hasDemoData(root: root))
            #expect(!DemoSimulator.isEmptyRoot(root))
            try DemoSimulator.removeDemoData(root: root)
            #expect(!DemoSimulator.hasDemoData(root: root))
            #expect(DemoSimulator.isEmptyRoot(root))
        }
    }
}
