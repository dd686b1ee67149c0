/// A followed JSONL artifact: scans each new complete line into a JSON object (every field:
/// journals) or into the raw text of the fields its reader wants (`ScannedFields`);
/// malformed lines become warnings with path and line.
final class JSONLStream {
    let relativePath: String
    let follower: LineFollower
    /// The top-level fields kept from each record; nil keeps them all (journals).
    let keys: JSONKeySet?
    private(set) var malformedLines = 0

    /// One record and where its line is in the file (`offset`, `length` in bytes), to read it
    /// back later. Where fields are picked, `object` is empty and the record's fields are
    /// `fieldCount` of the piece's `fields` from `fieldStart`.
    struct Record {
        var object: JSONObject
        var line: Int
        var offset: Int64
        var length: Int
        var fieldStart = 0
        var fieldCount = 0
    }

    /// What one poll found: the records in file order and what to say about the file.
    struct Scanned {
        var records: [Record] = []
        /// The picked fields of `records` (nil when records are whole objects).
        var fields: ScannedFields?
        var warnings: [ArtifactWarning] = []
        var changed = false
        var restarted = false
        var bytesRead: Int64 = 0
    }

    init(root: String, relativePath: String, keys: JSONKeySet? = nil, pool: DescriptorPool? = nil) {
        self.relativePath = relativePath
        self.follower = LineFollower(path: ArtifactLayout.join(root, relativePath), pool: pool)
        self.keys = keys
    }

    /// Reads and scans what was appended (about `byteBudget` bytes at most; `follower.backlog`
    /// says what is left), without consuming it, so scanning can run apart from consuming.
    func scan(byteBudget: Int64 = .max) -> Scanned {
        var none = RecordRecycler()
        return scan(byteBudget: byteBudget, recycler: &none)
    }

    /// As above, freeing one of `recycler`'s consumed records for each record made (or
    /// reusing a consumed piece's arrays where fields are picked).
    func scan(byteBudget: Int64, recycler: inout RecordRecycler) -> Scanned {
        var scanned = Scanned()
        var warnings: [ArtifactWarning] = []
        var sawLine = false
        var fields = keys.map { _ in recycler.takeFields() }
        if keys != nil { scanned.records = recycler.takeRecords() }
        let before = follower.position
        let batch = follower.poll(byteBudget: byteBudget) { number, line in
            sawLine = true
            // A UTF-8 byte order mark (Windows editors, PowerShell) starts the file, not the record.
            let bytes =
                number == 1 && line.count >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF
                ? UnsafeBufferPointer(rebasing: line[3...]) : line
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            do {
                if let keys {
                    let start = fields!.fields.count
                    guard try JSONLineScanner.scanFields(bytes, keeping: keys, into: &fields!) else {
                        malformedLines += 1
                        warnings.append(
                            ArtifactWarning(path: relativePath, line: number, message: "not a JSON object; skipped"))
                        return
                    }
                    scanned.records.append(
                        Record(
                            object: JSONObject(), line: number, offset: follower.lineStart, length: line.count,
                            fieldStart: start, fieldCount: fields!.fields.count - start))
                    return
                }
                // A consumed record's storage holds the new one: no allocation and free per record.
                guard
                    let object = try JSONLineScanner.scan(
                        bytes, keeping: nil, cache: nil, storage: recycler.takeStorage())
                else {
                    malformedLines += 1
                    warnings.append(
                        ArtifactWarning(path: relativePath, line: number, message: "not a JSON object; skipped"))
                    return
                }
                scanned.records.append(
                    Record(object: object, line: number, offset: follower.lineStart, length: line.count))
            } catch {
                malformedLines += 1
                warnings.append(
                    ArtifactWarning(path: relativePath, line: number, message: "malformed JSON (\(error)); skipped"))
            }
        }
        scanned.fields = fields
        scanned.warnings =
            batch.warnings.map { ArtifactWarning(path: relativePath, line: $0.line, message: $0.message) } + warnings
        scanned.changed = sawLine || batch.restarted
        scanned.restarted = batch.restarted
        scanned.bytesRead = max(0, batch.restarted ? follower.position : follower.position - before)
        return scanned
    }

    /// A record as a whole object of the fields kept.
    func object(_ record: Record, in scanned: Scanned) -> JSONObject {
        guard let keys, let fields = scanned.fields else { return record.object }
        return fields.fields.withUnsafeBufferPointer { all in
            fields.bytes.withUnsafeBufferPointer { bytes in
                FieldView(
                    fields: UnsafeBufferPointer(
                        rebasing: all[record.fieldStart..<(record.fieldStart + record.fieldCount)]),
                    bytes: bytes, cache: nil
                ).object(keys: keys)
            }
        }
    }

    /// Feeds new records to `consume`; returns the warnings raised, whether anything was read,
    /// and how many bytes were read.
    func poll(byteBudget: Int64 = .max, _ consume: (JSONObject, Int) -> Void) -> (
        warnings: [ArtifactWarning], changed: Bool, restarted: Bool, bytesRead: Int64
    ) {
        let scanned = scan(byteBudget: byteBudget)
        for record in scanned.records { consume(object(record, in: scanned), record.line) }
        return (scanned.warnings, scanned.changed, scanned.restarted, scanned.bytesRead)
    }
}
