import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where one journal line is on disk, so an event need not stay in memory once its incident is
/// resolved: the event is read back when the detail view or a report asks for it.
public struct JournalEventRef: Sendable, Equatable {
    /// The journal, relative to the root (the string is shared by every event of the file).
    public var journal: String
    /// The offset (low 40 bits) and the length (high 24) in one word: a resolved incident
    /// keeps one of these per event, for as long as the console runs.
    private var place: UInt64
    public var line: Int32
    /// Read order across the journals, the fold's tie-break, kept so a refold orders as before.
    /// Clamped: past four billion events read, later ones tie (and keep their offset order).
    public var sequence: UInt32

    public var offset: Int64 { Int64(place & JournalEventRef.offsetMask) }
    public var length: Int { Int(place >> JournalEventRef.offsetBits) }

    static let offsetBits: UInt64 = 40
    static let offsetMask: UInt64 = (1 << offsetBits) - 1

    /// Nil for an event that cannot be found again by these numbers: not read from a file, a
    /// line past the longest line read, or an offset past a terabyte.
    public init?(_ event: JournalEvent) {
        guard event.offset >= 0, UInt64(event.offset) <= JournalEventRef.offsetMask, event.length > 0,
            event.length <= LineFollower.defaultMaxLineBytes, event.length < 1 << (64 - JournalEventRef.offsetBits)
        else { return nil }
        journal = event.journal
        place = UInt64(event.offset) | UInt64(event.length) << JournalEventRef.offsetBits
        line = Int32(clamping: event.line)
        sequence = UInt32(clamping: event.sequence)
    }
}

/// Reads events back from their journals by offset, checking each line is still the event that
/// was read there (the same line number, type and incident): a journal rewritten or rotated
/// since gives nothing rather than another event.
public enum JournalReadBack {
    /// The events in the order of `refs`, or nil when any of them is no longer where it was.
    public static func events(
        _ refs: [JournalEventRef], root: String, incidentID: String, naiveZone: TimeZone
    ) -> [JournalEvent]? {
        var descriptors: [String: Int32] = [:]
        defer { descriptors.values.forEach { close($0) } }
        var events: [JournalEvent] = []
        events.reserveCapacity(refs.count)
        for ref in refs {
            let fd: Int32
            if let open = descriptors[ref.journal] {
                fd = open
            } else {
                guard let (opened, _) = try? RegularFile.open(ArtifactLayout.join(root, ref.journal)) else {
                    return nil
                }
                descriptors[ref.journal] = opened
                fd = opened
            }
            var bytes = [UInt8](repeating: 0, count: ref.length)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, ref.length, off_t(ref.offset)) }
            guard n == ref.length else { return nil }
            if ref.offset == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            guard let object = try? JSONLineScanner.scan(bytes, keeping: nil),
                var event = JournalEvent(
                    object: object, journal: ref.journal, line: Int(ref.line), sequence: Int(ref.sequence),
                    naiveZone: naiveZone),
                event.incidentID == incidentID
            else { return nil }
            event.offset = ref.offset
            event.length = ref.length
            events.append(event)
        }
        return events
    }
}
