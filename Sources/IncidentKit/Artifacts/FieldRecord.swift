import Foundation

/// Synonymous names of one field, and the same names as key numbers of a stream's
/// `JSONKeySet` (for records scanned into `ScannedFields`).
struct FieldList {
    let names: [String]
    /// Per name in order, the key numbers that name matches, each group ended by -1.
    let slots: [Int32]

    /// `keys` nil: the records are whole objects and only `names` is used.
    init(_ names: [String], keys: JSONKeySet?) {
        self.names = names
        var slots: [Int32] = []
        if let keys {
            for name in names {
                // As `JSONObject` compares keys: the same length in bytes, then `==`.
                for index in 0..<keys.count {
                    let key = keys.key(at: index)
                    if key.utf8.count == name.utf8.count, key == name { slots.append(Int32(index)) }
                }
                slots.append(-1)
            }
        }
        self.slots = slots
    }
}

/// What the stream summaries read from a record: a whole `JSONObject` (journals, or when
/// every field is kept) or the wanted fields of a scanned piece (`FieldView`), with the same
/// answers.
protocol FieldRecord {
    /// The first present, non-null value among the names, as `JSONObject.first`.
    func first(_ list: FieldList) -> JSONValue?
    /// The value of the last entry under the list's first name, null or not, as the
    /// `JSONObject` subscript.
    func last(_ list: FieldList) -> JSONValue?
    /// `first(list)` read as a time by `read` (a time reader of `JSONValue`); a view reads the
    /// usual fixed-form UTC string without making a string.
    func time(_ list: FieldList, _ read: (JSONValue?) -> Date?) -> Date?
}

extension JSONObject: FieldRecord {
    func first(_ list: FieldList) -> JSONValue? { first(list.names) }
    func last(_ list: FieldList) -> JSONValue? { list.names.first.flatMap { self[$0] } }
    func time(_ list: FieldList, _ read: (JSONValue?) -> Date?) -> Date? { read(first(list.names)) }
}

/// One record of a scanned piece, read in place: a field's value is made from its raw text
/// only when asked for.
struct FieldView: FieldRecord {
    let fields: UnsafeBufferPointer<ScannedFields.Field>
    let bytes: UnsafeBufferPointer<UInt8>
    let cache: JSONStringCache?

    /// The last field (the one a `JSONObject` lookup finds) in the group of slots starting at
    /// `group` in `slots`.
    @inline(__always)
    private func lastIndex(_ slots: UnsafeBufferPointer<Int32>, group: Int) -> Int? {
        var index = fields.count
        while index > 0 {
            index &-= 1
            let slot = fields[index].slot
            var k = group
            while slots[k] >= 0 {
                if slots[k] == slot { return index }
                k &+= 1
            }
        }
        return nil
    }

    private func raw(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[fields[index].start..<(fields[index].start + fields[index].count)])
    }

    private func value(_ index: Int) -> JSONValue {
        let field = fields[index]
        // The scanner accepted this text, so the parser does too.
        return
            (try? JSONLineScanner.decode(
                raw(index), plainString: field.plainString, cache: cache, slot: Int(field.slot))) ?? .null
    }

    /// Where `first` finds its value: the last field of the first name that has a non-null one.
    private func firstIndex(_ list: FieldList) -> Int? {
        list.slots.withUnsafeBufferPointer { slots -> Int? in
            var group = 0
            while group < slots.count {
                // A null raw value is the literal `null`: nothing else starts with `n`.
                if let index = lastIndex(slots, group: group), bytes[fields[index].start] != UInt8(ascii: "n") {
                    return index
                }
                while slots[group] >= 0 { group &+= 1 }
                group &+= 1
            }
            return nil
        }
    }

    func first(_ list: FieldList) -> JSONValue? { firstIndex(list).map(value) }

    func last(_ list: FieldList) -> JSONValue? {
        guard !list.slots.isEmpty else { return nil }
        return list.slots.withUnsafeBufferPointer { lastIndex($0, group: 0) }.map(value)
    }

    func time(_ list: FieldList, _ read: (JSONValue?) -> Date?) -> Date? {
        guard let index = firstIndex(list) else { return read(nil) }
        if fields[index].plainString {
            let text = raw(index)
            // As `Timestamp.parse(_ value:)` reads a string first.
            if let date = Timestamp.parse(bytes: UnsafeBufferPointer(rebasing: text[1..<(text.count - 1)])),
                (0...Timestamp.latest).contains(date.timeIntervalSince1970)
            {
                return date
            }
        }
        return read(value(index))
    }

    /// The record as the scanner builds it when asked for a whole object: every wanted field in
    /// file order.
    func object(keys: JSONKeySet) -> JSONObject {
        var entries: [(key: String, value: JSONValue)] = []
        entries.reserveCapacity(fields.count)
        for index in fields.indices { entries.append((keys.key(at: Int(fields[index].slot)), value(index))) }
        return JSONObject(entries)
    }
}

/// The records of one scanned piece, read in place, whole objects or picked fields.
protocol PieceRecords {
    associatedtype Reader: FieldRecord
    var count: Int { get }
    func line(_ index: Int) -> Int
    func record(_ index: Int) -> Reader
}

struct ObjectRecords: PieceRecords {
    let records: UnsafeBufferPointer<JSONLStream.Record>
    var count: Int { records.count }
    func line(_ index: Int) -> Int { records[index].line }
    func record(_ index: Int) -> JSONObject { records[index].object }
}

struct ViewRecords: PieceRecords {
    let records: UnsafeBufferPointer<JSONLStream.Record>
    let fields: UnsafeBufferPointer<ScannedFields.Field>
    let bytes: UnsafeBufferPointer<UInt8>
    let cache: JSONStringCache?
    var count: Int { records.count }
    func line(_ index: Int) -> Int { records[index].line }
    func record(_ index: Int) -> FieldView {
        let start = records[index].fieldStart
        return FieldView(
            fields: UnsafeBufferPointer(rebasing: fields[start..<(start + records[index].fieldCount)]),
            bytes: bytes, cache: cache)
    }
}

extension JSONLStream.Scanned {
    /// Calls `objects` or `views` with the records, as they were scanned.
    func withRecords<T>(
        cache: JSONStringCache?, objects: (ObjectRecords) -> T, views: (ViewRecords) -> T
    ) -> T {
        records.withUnsafeBufferPointer { records in
            guard let picked = fields else { return objects(ObjectRecords(records: records)) }
            return picked.fields.withUnsafeBufferPointer { fields in
                picked.bytes.withUnsafeBufferPointer { bytes in
                    views(ViewRecords(records: records, fields: fields, bytes: bytes, cache: cache))
                }
            }
        }
    }
}
