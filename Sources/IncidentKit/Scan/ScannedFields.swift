/// The wanted fields of the records of one scanned piece, kept as their raw JSON text: the
/// scanner validates each line, copies it here and notes where its wanted values are; a
/// value becomes a `JSONValue` only when a reader asks for it (`FieldView`). A piece of
/// thousands of records is then two arrays, not a few allocations per record.
struct ScannedFields {
    /// One wanted field: the key's number in the stream's `JSONKeySet` and where its raw
    /// value (validated JSON) is in `bytes`.
    struct Field {
        var slot: Int32
        /// The value is a string without escapes (its bytes between the quotes are the text).
        var plainString: Bool
        // Full-width: a piece read without a byte budget has no size bound of its own.
        var start: Int
        var count: Int
    }

    /// The records' lines, back to back.
    var bytes: [UInt8] = []
    var fields: [Field] = []

    /// Empties both arrays, keeping their storage for the next piece.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
    }

    /// Forgets what was added after `fields` and `bytes` had these counts (a line that turned
    /// out malformed).
    mutating func truncate(fields fieldCount: Int, bytes byteCount: Int) {
        fields.removeSubrange(fieldCount...)
        bytes.removeSubrange(byteCount...)
    }
}
