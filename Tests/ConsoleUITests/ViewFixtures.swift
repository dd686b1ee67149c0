import Foundation
import IncidentKit

@testable import ConsoleUI

/// Console states built from the command-line fixture roots at their documented instants.
enum ViewFixtures {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SitrepCLITests/Fixtures")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func picture(_ fixture: String, policy: String, now: String) throws -> Picture {
        let root = fixtures.appendingPathComponent(fixture).path
        let policy = try PolicyResolver(root: root).resolve(policy)
        let store = ArtifactStore(root: root, fieldNames: FieldNames(policyAliases: policy.fieldAliases))
        store.refresh()
        var picture = PictureBuilder.build(store: store, policy: policy, now: Timestamp.parse(now)!)
        picture.root = "/srv/\(fixture)"
        return picture
    }

    static func state(
        _ fixture: String, policy: String, now: String, width: Int, height: Int, ascii: Bool = false
    ) throws -> AppState {
        var state = AppState(
            picture: try picture(fixture, policy: policy, now: now), width: width, height: height,
            operatorName: "alice",
            ascii: ascii, dataChangedAt: Timestamp.parse(now)!.addingTimeInterval(-3))
        state.localTimeZone = TimeZone(identifier: "Europe/Berlin")!
        return state
    }

    static let tradingOps = (fixture: "trading-ops", policy: "trading-ops", now: "2025-11-21T10:30:00Z")
    static let incidentRunbook = (fixture: "incident-runbook", policy: "incident-runbook", now: "2025-11-21T16:10:00Z")
    static let pilotPlaybook = (fixture: "pilot-playbook", policy: "pilot-playbook", now: "2025-11-21T11:05:00Z")

    /// Compares a rendered screen with its golden file. `SITREP_UPDATE_GOLDEN=1` rewrites the
    /// file instead (review the diff before committing it).
    static func matchesGolden(_ grid: Grid, _ name: String) throws -> (Bool, String) {
        let url = golden.appendingPathComponent(name + ".txt")
        let actual = grid.text + "\n"
        if ProcessInfo.processInfo.environment["SITREP_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return (true, actual)
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing golden file \(url.path))"
        return (expected == actual, "expected:\n\(expected)\nactual:\n\(actual)")
    }
}
