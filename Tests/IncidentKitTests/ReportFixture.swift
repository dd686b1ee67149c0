import Foundation
import Testing

@testable import IncidentKit

/// The report fixture root (shared with the command-line tests): INC-20251121-0042, a P1 with
/// a real RB-LAUNCH-002 run (three skipped steps, an overridden verification, commands with
/// evidence, two steps over budget) and a later drill run; INC-20251121-0043, only opened.
enum ReportFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SitrepCLITests/Fixtures/report-incident").path
    static let now = PolicyFixtures.at("2025-11-21T12:00:00Z")

    static func policy() throws -> Policy { try PolicyFixtures.preset("launch-rollback") }

    static func incident(_ id: String, root: String = root) throws -> Incident {
        let store = ArtifactStore(root: root)
        store.refresh()
        let folded = IncidentFolder.fold(store.journalEvents, policy: try policy())
        #expect(folded.warnings.isEmpty, "\(folded.warnings)")
        return try #require(folded.incidents.first { $0.id == id })
    }

    /// An incident folded from events written here; each event is (type, ts, extra fields).
    static func incident(_ events: [(String, String, [(key: String, value: JSONValue)])]) throws -> Incident {
        let journal = events.enumerated().map { index, item in
            PolicyFixtures.event(item.0, at: item.1, sequence: index, item.2)
        }
        return try #require(IncidentFolder.fold(journal, policy: try policy()).incidents.first)
    }
}
