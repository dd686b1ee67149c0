import Foundation

/// Which roots the demo may write into, and how to clear what an earlier demo wrote.
extension DemoSimulator {
    /// The paths a demo writes, relative to the root (node directories are added per node).
    static let writtenPaths = [
        DemoPolicy.relativePath,
        "\(ArtifactLayout.runsDirectory)/\(DemoScenario.runID)",
        ArtifactLayout.rootJournal,
        ArtifactLayout.pilotMetrics,
        ArtifactLayout.pilotRunnerLog,
        ArtifactLayout.gatewayStats,
    ]

    /// Whether the root already holds an earlier demo run.
    public static func hasDemoData(root: String) -> Bool {
        FileManager.default.fileExists(
            atPath: ArtifactLayout.join(root, "\(ArtifactLayout.runsDirectory)/\(DemoScenario.runID)"))
    }

    /// Whether the root is missing or holds nothing but hidden entries (such as `.sitrep`).
    public static func isEmptyRoot(_ root: String) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return entries.allSatisfy { $0.hasPrefix(".") }
    }

    /// Removes what a demo writes (its run, the root journal, `nodes/node-N`, the pilot and
    /// gateway files, the demo policy) and nothing else.
    public static func removeDemoData(root: String) throws {
        let nodes = ArtifactLayout.list(root, ArtifactLayout.nodesDirectory).filter { $0.hasPrefix("node-") }
        let paths = writtenPaths + nodes.map { "\(ArtifactLayout.nodesDirectory)/\($0)" }
        for relative in paths {
            let path = ArtifactLayout.join(root, relative)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw DemoWriteError(path: path, message: "cannot remove: \(error.localizedDescription)")
            }
        }
        // The directories the demo created, when nothing else lives in them.
        for relative in [
            ArtifactLayout.nodesDirectory, "pilot", ArtifactLayout.runsDirectory, "results", "incidents", "gateway",
        ] {
            let path = ArtifactLayout.join(root, relative)
            if let entries = try? FileManager.default.contentsOfDirectory(atPath: path), entries.isEmpty {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }
}
