import Foundation

/// A node runner's config (OpenMeshMind's `pilot/node_config.json`): the node, its cycle
/// interval and the files it writes. The paths come from a file, so only paths inside the root
/// are taken; others are reported and not read.
struct NodeRunnerConfig {
    var path: String?
    var nodeID: String?
    var stateOut: String?
    var metricsOut: String?
    var logOut: String?
    var intervalSeconds: TimeInterval?
    var refused: [String] = []

    init(path: String?) { self.path = path }

    init(path: String, object: JSONObject, root: String, profile: SourceProfile) {
        self.path = path
        nodeID = object["node_id"]?.stringValue
        if let field = profile.staleness.intervalField {
            let seconds = object[field]?.doubleValue ?? profile.staleness.defaultInterval
            intervalSeconds = seconds.flatMap { $0.isFinite && $0 > 0 && $0 < 1e9 ? $0 : nil }
        }
        // pilot_node_runner.py load_config's defaults.
        stateOut = inside(object["state_out"]?.stringValue ?? "pilot/node_state.json", root: root, field: "state_out")
        metricsOut = inside(
            object["metrics_out"]?.stringValue ?? "pilot/pilot_metrics.json", root: root, field: "metrics_out")
        logOut = inside(object["log_out"]?.stringValue ?? "pilot/node_runner.log", root: root, field: "log_out")
    }

    /// The files it names, for discovery.
    var snapshotPaths: [String] { [stateOut, metricsOut].compactMap { $0 } }

    private mutating func inside(_ raw: String, root: String, field: String) -> String? {
        var relative = raw
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if relative.hasPrefix(prefix) { relative = String(relative.dropFirst(prefix.count)) }
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.hasPrefix("/"), relative.utf8.count < 1024,
            !segments.contains(".."), !segments.contains(""), !relative.contains("\0")
        else {
            refused.append(field)
            return nil
        }
        return segments.filter { $0 != "." }.joined(separator: "/")
    }
}
