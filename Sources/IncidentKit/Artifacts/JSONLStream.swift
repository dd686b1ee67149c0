/// A followed JSONL artifact: scans each new complete line into a JSON object holding the
/// fields its reader wants and hands it to a consumer; malformed lines become warnings with
/// path and line.
final class JSONLStream {
    let relativePath: String
    let follower: LineFollower
    /// The top-level fields kept from each record; nil keeps them all (journals).
    let keys: JSONKeySet?
    private(set) var malformedLines = 0

    init(root: String, relativePath: String, keys: JSONKeySet? = nil) {
        self.relativePath = relativePath
        self.follower = LineFollower(path: ArtifactLayout.join(root, relativePath))
        self.keys = keys
    }

    /// Feeds new records to `consume`; returns the warnings raised, whether anything was read,
    /// and how many bytes were read. With a budget it stops early (`follower.backlog`).
    func poll(byteBudget: Int64 = .max, _ consume: (JSONObject, Int) -> Void) -> (
        warnings: [ArtifactWarning], changed: Bool, restarted: Bool, bytesRead: Int64
    ) {
        var warnings: [ArtifactWarning] = []
        var sawLine = false
        let before = follower.position
        let batch = follower.poll(byteBudget: byteBudget) { number, bytes in
            sawLine = true
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            do {
                guard let object = try JSONLineScanner.scan(bytes, keeping: keys) else {
                    malformedLines += 1
                    warnings.append(
                        ArtifactWarning(path: relativePath, line: number, message: "not a JSON object; skipped"))
                    return
                }
                consume(object, number)
            } catch {
                malformedLines += 1
                warnings.append(
                    ArtifactWarning(path: relativePath, line: number, message: "malformed JSON (\(error)); skipped"))
            }
        }
        warnings =
            batch.warnings.map { ArtifactWarning(path: relativePath, line: $0.line, message: $0.message) } + warnings
        let read = batch.restarted ? follower.position : follower.position - before
        return (warnings, sawLine || batch.restarted, batch.restarted, max(0, read))
    }
}
