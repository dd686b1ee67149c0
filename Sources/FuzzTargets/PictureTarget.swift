import Foundation
import IncidentKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything downstream of a number in a file: parsing alone never trapped, the arithmetic
/// after it did (`ts: 1e22` crashed `status`, `elapsed_s: 1e300` crashed `report`, a policy
/// duration that parsed crashed the timers). These targets run the whole read path on the
/// input, so a conversion trap in any field, in any view, is found.
extension FuzzTarget {
    static let pictureRoot = FuzzScratch.path("picture-root")
    static let fixedNow = Date(timeIntervalSince1970: 1_763_719_200)  // 2025-11-21T10:00:00Z

    /// Writes `journal` as the root journal, and its first line as a node state, a gateway
    /// state and a reconciliation record; then builds the picture, the status text and JSON,
    /// the health check, every report and every rollback run's timings, at three times.
    static func renderEverything(journal: ArraySlice<UInt8>, policy: Policy) {
        let root = pictureRoot
        for dir in [
            "", "/incidents", "/pilot", "/pilot/nodes", "/pilot/nodes/n1", "/gateway", "/data", "/audit_logs",
            "/results", "/results/runs", "/results/runs/r1",
        ] {
            mkdir(root + dir, 0o700)
        }
        let first = journal.prefix { $0 != 0x0A }
        for (path, bytes) in [
            ("/incidents/incident_events.jsonl", journal), ("/results/runs/r1/incident_events.jsonl", journal),
            ("/pilot/node_state.json", first), ("/gateway/stats.json", first),
            ("/results/runs/r1/order_reconciliation_events.jsonl", first + [0x0A]),
            // What the trading-bot and OpenMeshMind profiles read: nested fields, naive times.
            ("/data/live_trader_state.json", first), ("/pilot/incident_log.json", first),
            ("/pilot/nodes/n1/pilot_metrics.json", first), ("/audit_logs/audit_20251121_0000.jsonl", journal),
            ("/results/runs/r1/data_quality_latest.json", first),
        ] {
            unlink(root + path)
            _ = FuzzScratch.append(bytes, to: root + path)
        }
        for profile in BuiltinProfiles.all {
            let store = ArtifactStore(root: root, profile: profile)
            store.refresh()
            render(store, root: root, policy: policy)
        }
    }

    static func render(_ store: ArtifactStore, root: String, policy: Policy) {
        for now in [fixedNow, Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: Timestamp.latest)] {
            let picture = PictureBuilder.build(store: store, policy: policy, now: now)
            _ = StatusText.render(picture, includeResolved: true)
            _ = JSONWriter.string(StatusJSON.render(picture, includeResolved: true))
            _ = HealthCheck.evaluate(picture)
            for view in picture.incidents {
                _ = IncidentReport(incident: view.incident, policy: policy, now: now, root: root).markdown()
                for run in RollbackRun.runs(of: view.incident) {
                    _ = run.totalSeconds(now: now)
                    if let step = run.currentStep { _ = run.secondsOnStep(step, now: now) }
                }
            }
        }
    }

    /// Any bytes as a journal (and its first line as every snapshot) under the built-in policy.
    public static let picture = FuzzTarget(
        name: "picture", summary: "a journal and snapshots through the picture, status, check and report"
    ) { bytes throws(FuzzViolation) in
        guard let policy = try? BuiltinPolicies.policy(named: BuiltinPolicies.defaultName) else { return }
        renderEverything(journal: bytes[...], policy: policy)
    }

    /// A policy that loads is used: the journal after a line `---8<---` in the input (or a
    /// fixed incident) is rendered under it, so a duration that parses but overflows later is
    /// found.
    public static let policyInUse = FuzzTarget(
        name: "policy-in-use", summary: "PolicyLoader.parse, then the picture and report under the loaded policy"
    ) { bytes throws(FuzzViolation) in
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.components(separatedBy: "\n---8<---\n")
        guard let policy = try? PolicyLoader.parse(text: parts[0], file: "fuzz.yaml") else { return }
        let severity = policy.severities.first?.id ?? "SEV1"
        let journal =
            parts.count > 1
            ? parts[1]
            : #"{"event_type":"incident_open","incident_id":"INC-1","severity":"\#(severity)","title":"t","ts":"2025-11-21T09:00:00Z"}"#
                + "\n"
        renderEverything(journal: Array(journal.utf8)[...], policy: policy)
    }
}
