extension JSONLineScanner {
    /// Validates the line exactly as `scan(_:keeping:)` does (the same failures at the same
    /// places) but, instead of building an object, appends each wanted field's raw value to
    /// `fields`. Returns false when the line is valid JSON but not an object; on a failure
    /// `fields` is as it was.
    static func scanFields(
        _ line: UnsafeBufferPointer<UInt8>, keeping keys: JSONKeySet, into fields: inout ScannedFields
    ) throws(JSONParser.Failure) -> Bool {
        let (fieldCount, byteCount) = (fields.fields.count, fields.bytes.count)
        do {
            return try appendFields(line, keeping: keys, into: &fields)
        } catch {
            fields.truncate(fields: fieldCount, bytes: byteCount)
            throw error
        }
    }

    private static func appendFields(
        _ line: UnsafeBufferPointer<UInt8>, keeping keys: JSONKeySet, into fields: inout ScannedFields
    ) throws(JSONParser.Failure) -> Bool {
        // The line is copied whole, once (copying each wanted value apart cost more), and the
        // fields point into the copy.
        let lineStart = fields.bytes.count
        fields.bytes.append(contentsOf: line)
        let isObject = try walkObject(line) { (cursor, keyStart, key) throws(JSONParser.Failure) in
            let slot: Int?
            if key.isPlain {
                slot = keys.index(
                    bytes: UnsafeBufferPointer(start: cursor.base + keyStart + 1, count: key.count),
                    readable: line.count - keyStart - 1)
            } else {
                slot = try decodedKeySlot(
                    base: cursor.base, from: keyStart, to: keyStart + key.count + 2, keeping: keys)
            }
            guard let slot else { return try cursor.skipValue(depth: 1) }
            let start = cursor.index
            var plainString = false
            if cursor.peek == UInt8(ascii: "\"") {
                plainString = try cursor.skipString()
            } else {
                try cursor.skipValue(depth: 1)
            }
            fields.fields.append(
                ScannedFields.Field(
                    slot: Int32(truncatingIfNeeded: slot), plainString: plainString, start: lineStart + start,
                    count: cursor.index - start))
        }
        if !isObject { fields.truncate(fields: fields.fields.count, bytes: lineStart) }
        return isObject
    }

    /// The wanted key number of a key written with escapes, compared after decoding.
    private static func decodedKeySlot(
        base: UnsafePointer<UInt8>, from start: Int, to end: Int, keeping keys: JSONKeySet
    ) throws(JSONParser.Failure) -> Int? {
        guard case .string(var key) = try JSONParser.parse(UnsafeBufferPointer(start: base + start, count: end - start))
        else { return nil }
        return key.withUTF8 { keys.index(bytes: $0) }
    }
}

extension JSONLineScanner {
    /// The line as the followed streams read it where fields are picked: scanned into
    /// `ScannedFields` and made into an object of the kept fields (for the fuzz targets, which
    /// compare it with `scan(_:keeping:)`).
    public static func scanPicked(_ bytes: [UInt8], keeping keys: JSONKeySet) throws(JSONParser.Failure)
        -> JSONObject?
    {
        var fields = ScannedFields()
        let result: Result<Bool, JSONParser.Failure> = bytes.withUnsafeBufferPointer { line in
            Result { () throws(JSONParser.Failure) -> Bool in try scanFields(line, keeping: keys, into: &fields) }
        }
        guard try result.get() else { return nil }
        return fields.fields.withUnsafeBufferPointer { all in
            fields.bytes.withUnsafeBufferPointer { FieldView(fields: all, bytes: $0, cache: nil).object(keys: keys) }
        }
    }
}
