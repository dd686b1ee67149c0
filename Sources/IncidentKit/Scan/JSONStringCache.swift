#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last string value read under each wanted key of one stream, handed out again when the
/// next record holds the same bytes: a stream repeats most of its values (`"slo":
/// "order_latency_p99_ms"`, `"status": "match"`), and sharing the string saves checking the
/// UTF-8, an allocation and later a free per field. Used by one thread at a time. Its storage
/// is raw memory, so that the per-field path has no exclusivity checks.
final class JSONStringCache {
    static let maxBytes = 48
    private let keys: Int
    private let strings: UnsafeMutablePointer<String>
    /// Per key, the length of its last string; -1 before the first.
    private let lengths: UnsafeMutablePointer<Int>
    /// `maxBytes` bytes per key: the bytes of its last string.
    private let bytes: UnsafeMutablePointer<UInt8>

    init(keys: Int) {
        self.keys = keys
        strings = .allocate(capacity: max(1, keys))
        strings.initialize(repeating: "", count: keys)
        lengths = .allocate(capacity: max(1, keys))
        lengths.initialize(repeating: -1, count: keys)
        bytes = .allocate(capacity: max(1, keys) * JSONStringCache.maxBytes)
    }

    deinit {
        strings.deinitialize(count: keys)
        strings.deallocate()
        lengths.deallocate()
        bytes.deallocate()
    }

    /// The string of these bytes (valid UTF-8 or not: it is made as `String(decoding:)` does).
    func string(_ text: UnsafeBufferPointer<UInt8>, key: Int) -> String {
        guard text.count <= JSONStringCache.maxBytes, key >= 0, key < keys, let source = text.baseAddress else {
            return String(decoding: text, as: UTF8.self)
        }
        let slot = bytes + key * JSONStringCache.maxBytes
        if lengths[key] == text.count, memcmp(slot, source, text.count) == 0 { return strings[key] }
        let made = String(decoding: text, as: UTF8.self)
        slot.update(from: source, count: text.count)
        lengths[key] = text.count
        strings[key] = made
        return made
    }
}
