#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The top-level keys a reader wants from each record, matched against the raw UTF-8 bytes of
/// a key so that the keys nobody reads are never turned into strings.
public struct JSONKeySet: Sendable {
    /// Wanted keys grouped by their length in bytes: most keys are rejected by length alone.
    private let byLength: [[[UInt8]]]

    public init<S: Sequence>(_ keys: S) where S.Element == String {
        var groups: [[[UInt8]]] = []
        for key in Set(keys) {
            let bytes = Array(key.utf8)
            while groups.count <= bytes.count { groups.append([]) }
            groups[bytes.count].append(bytes)
        }
        byLength = groups
    }

    public func contains(_ key: String) -> Bool {
        Array(key.utf8).withUnsafeBufferPointer { contains(bytes: $0) }
    }

    func contains(bytes key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count < byLength.count else { return false }
        let candidates = byLength[key.count]
        guard let base = key.baseAddress, key.count > 0 else { return !candidates.isEmpty }
        for candidate in candidates {
            let same = candidate.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, key.count) == 0 }
            if same { return true }
        }
        return false
    }
}
