import Foundation

/// The paths of Sitrep's own layout (DESIGN.md §2), for the demo writer and path helpers. The
/// store reads a root through its source profile (`SourceProfile.files`), not these.
public enum ArtifactLayout {
    public static let pilotNodeState = "pilot/node_state.json"
    public static let pilotMetrics = "pilot/pilot_metrics.json"
    public static let pilotRunnerLog = "pilot/node_runner.log"
    public static let nodesDirectory = "nodes"
    public static let nodeStateFile = "node_state.json"
    public static let runsDirectory = "results/runs"
    public static let orderReconciliation = "order_reconciliation_events.jsonl"
    public static let positionReconciliation = "position_reconciliation_events.jsonl"
    public static let sloEvents = "ops_slo_events.jsonl"
    public static let dataQualityEvents = "data_quality_events.jsonl"
    public static let dataQualityLatest = "data_quality_latest.json"
    public static let journalFile = "incident_events.jsonl"
    public static let rootJournal = "incidents/incident_events.jsonl"
    public static let gatewayStats = "gateway/stats.json"
    public static let auditDirectory = "audit_logs"

    public static func runJournal(_ runID: String) -> String { "\(runsDirectory)/\(runID)/\(journalFile)" }

    /// Names of the entries of a directory under the root, sorted; empty when it is missing.
    static func list(_ root: String, _ relative: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: join(root, relative))) ?? []
        return entries.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func join(_ root: String, _ relative: String) -> String {
        root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    public static func runIDs(root: String) -> [String] {
        list(root, runsDirectory).filter { isDirectory(join(root, "\(runsDirectory)/\($0)")) }
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
