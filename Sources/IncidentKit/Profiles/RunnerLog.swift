import Foundation

/// The last cycle of a node runner's log (OpenMeshMind's `pilot/node_runner.log`): the lines
/// from its last `Starting cycle #N` on, with the steps' output between them. Read from the
/// log's tail, again only when the file changed.
final class RunnerLog {
    static let tailBytes = 64 << 10
    static let maxLines = 40
    static let cycleMarker = "] Starting cycle #"

    private var seen: FileIdentity?
    private(set) var lastCycle: [String] = []

    func refresh(path: String) {
        guard let identity = FileIdentity.of(path: path), identity.isRegularFile else {
            seen = nil
            lastCycle = []
            return
        }
        guard identity != seen else { return }
        seen = identity
        lastCycle = RunnerLog.lastCycle(path: path, size: identity.size)
    }

    static func lastCycle(path: String, size: Int64) -> [String] {
        guard let handle = RegularFile.handle(path) else { return [] }
        defer { try? handle.close() }
        let start = max(0, size - Int64(tailBytes))
        guard (try? handle.seek(toOffset: UInt64(start))) != nil,
            let data = try? handle.read(upToCount: tailBytes)
        else { return [] }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if start > 0, !lines.isEmpty { lines.removeFirst() }  // cut mid-line
        while lines.last?.isEmpty == true { lines.removeLast() }
        let from = lines.lastIndex { $0.hasPrefix("[") && $0.contains(cycleMarker) } ?? max(0, lines.count - maxLines)
        let cycle = Array(lines[from...])
        return cycle.count > maxLines
            ? Array(cycle.prefix(maxLines / 2)) + ["…"] + cycle.suffix(maxLines / 2 - 1) : cycle
    }
}
