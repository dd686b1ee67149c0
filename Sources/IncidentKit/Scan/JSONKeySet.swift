#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The top-level keys a reader wants from each record, matched against the raw UTF-8 bytes of
/// a key so that the keys nobody reads are never turned into strings.
public struct JSONKeySet: Sendable {
    private struct Candidate: Sendable {
        /// The first (up to) eight bytes as one word: most keys are told apart by it alone.
        var head: UInt64
        var bytes: [UInt8]
    }

    /// Wanted keys grouped by their length in bytes: most keys are rejected by length alone.
    private let byLength: [[Candidate]]

    public init<S: Sequence>(_ keys: S) where S.Element == String {
        var groups: [[Candidate]] = []
        for key in Set(keys) {
            let bytes = Array(key.utf8)
            while groups.count <= bytes.count { groups.append([]) }
            let head = bytes.withUnsafeBufferPointer { JSONKeySet.head($0) }
            groups[bytes.count].append(Candidate(head: head, bytes: bytes))
        }
        byLength = groups
    }

    public func contains(_ key: String) -> Bool {
        Array(key.utf8).withUnsafeBufferPointer { contains(bytes: $0) }
    }

    func contains(bytes key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count < byLength.count else { return false }
        let candidates = byLength[key.count]
        guard !candidates.isEmpty else { return false }
        guard let base = key.baseAddress, key.count > 0 else { return true }
        let head = JSONKeySet.head(key)
        for candidate in candidates where candidate.head == head {
            if key.count <= 8 { return true }
            let same = candidate.bytes.withUnsafeBufferPointer {
                memcmp($0.baseAddress! + 8, base + 8, key.count - 8) == 0
            }
            if same { return true }
        }
        return false
    }

    private static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        if bytes.count >= 8 { return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) }
        var word: UInt64 = 0
        for i in 0..<bytes.count { word |= UInt64(base[i]) << (8 * UInt64(i)) }
        return word
    }
}
