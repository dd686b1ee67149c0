/// A followed JSONL artifact: parses each new complete line into a JSON object and hands it to
/// a consumer; malformed lines become warnings with path and line.
final class JSONLStream {
    let relativePath: String
    let follower: LineFollower
    private(set) var malformedLines = 0

    init(root: String, relativePath: String) {
        self.relativePath = relativePath
        self.follower = LineFollower(path: ArtifactLayout.join(root, relativePath))
    }

    /// Feeds new records to `consume`; returns the warnings raised and whether anything was read.
    func poll(_ consume: (JSONObject, Int) -> Void) -> (warnings: [ArtifactWarning], changed: Bool, restarted: Bool) {
        let batch = follower.poll()
        var warnings = batch.warnings.map { ArtifactWarning(path: relativePath, line: $0.line, message: $0.message) }
        for line in batch.lines {
            guard line.bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            do {
                let value = try JSONParser.parse(line.bytes)
                guard case .object(let object) = value else {
                    malformedLines += 1
                    warnings.append(
                        ArtifactWarning(path: relativePath, line: line.number, message: "not a JSON object; skipped"))
                    continue
                }
                consume(object, line.number)
            } catch {
                malformedLines += 1
                warnings.append(
                    ArtifactWarning(
                        path: relativePath, line: line.number, message: "malformed JSON (\(error)); skipped"))
            }
        }
        return (warnings, !batch.lines.isEmpty || batch.restarted, batch.restarted)
    }
}
