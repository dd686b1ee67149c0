#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The top-level keys a reader wants from each record, matched against the raw UTF-8 bytes of
/// a key so that the keys nobody reads are never turned into strings.
public struct JSONKeySet: Sendable {
    /// One wanted key in an open-addressing table: most keys are told apart by their length and
    /// first eight bytes (`head`) in one probe; longer ones compare the rest from `tails`.
    private struct Slot: Sendable {
        var head: UInt64 = 0
        var length = 0
        /// Where the key's bytes past the eighth start in `tails`.
        var tailStart = 0
        /// The key's index in `keys`; -1 for an empty slot.
        var index = -1
    }

    private let slots: [Slot]
    private let mask: Int
    /// Each wanted key, made once: every record that has it shares this string.
    private let keys: [String]
    private let tails: [UInt8]

    public init<S: Sequence>(_ keys: S) where S.Element == String {
        let unique = Array(Set(keys))
        var size = 8
        while size < unique.count * 4 { size *= 2 }
        var slots = [Slot](repeating: Slot(), count: size)
        var tails: [UInt8] = []
        for (index, key) in unique.enumerated() {
            let bytes = Array(key.utf8)
            let head = bytes.withUnsafeBufferPointer { JSONKeySet.head($0) }
            var position = JSONKeySet.hash(head: head, length: bytes.count) & (size - 1)
            while slots[position].index >= 0 { position = (position + 1) & (size - 1) }
            slots[position] = Slot(head: head, length: bytes.count, tailStart: tails.count, index: index)
            tails += bytes.dropFirst(8)
        }
        self.slots = slots
        self.mask = size - 1
        self.keys = unique
        self.tails = tails
    }

    public func contains(_ key: String) -> Bool {
        Array(key.utf8).withUnsafeBufferPointer { contains(bytes: $0) }
    }

    func contains(bytes key: UnsafeBufferPointer<UInt8>) -> Bool { match(bytes: key) != nil }

    /// The wanted key spelled by these bytes, as the string made when the set was: a kept key
    /// costs neither a UTF-8 check nor (past 15 bytes) an allocation per record.
    func match(bytes key: UnsafeBufferPointer<UInt8>) -> String? { index(bytes: key).map(key(at:)) }

    /// How many keys the set holds; `index(bytes:)` numbers them from zero.
    var count: Int { keys.count }

    func key(at index: Int) -> String { keys[index] }

    /// The number of the wanted key spelled by these bytes. `readable` says how many bytes
    /// from the key's start may be read (at least the key's length): with eight, a short key's
    /// head is one load.
    func index(bytes key: UnsafeBufferPointer<UInt8>, readable: Int = 0) -> Int? {
        let head: UInt64
        if key.count < 8, readable >= 8, let base = key.baseAddress {
            let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
            head = word & ((1 << (8 * UInt64(key.count))) &- 1)
        } else {
            head = JSONKeySet.head(key)
        }
        let found = slots.withUnsafeBufferPointer { slots -> Int in
            var position = JSONKeySet.hash(head: head, length: key.count) & mask
            while true {
                let slot = slots[position]
                if slot.index < 0 { return -1 }
                if slot.head == head, slot.length == key.count {
                    if key.count <= 8 { return slot.index }
                    let same = tails.withUnsafeBufferPointer {
                        memcmp($0.baseAddress! + slot.tailStart, key.baseAddress! + 8, key.count - 8) == 0
                    }
                    if same { return slot.index }
                }
                position = (position + 1) & mask
            }
        }
        return found < 0 ? nil : found
    }

    @inline(__always)
    private static func hash(head: UInt64, length: Int) -> Int {
        Int(truncatingIfNeeded: ((head ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }

    @inline(__always)
    private static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        if bytes.count >= 8 { return UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) }
        var word: UInt64 = 0
        for i in 0..<bytes.count { word |= UInt64(base[i]) << (8 * UInt64(i)) }
        return word
    }
}
