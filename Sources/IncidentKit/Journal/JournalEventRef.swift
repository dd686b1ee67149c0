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
    public var offset: Int64
    public var length: Int32
    public var line: Int32
    /// Read order across the journals, the fold's tie-break, kept so a refold orders as before.
    public var sequence: Int

    public init?(_ event: JournalEvent) {
        guard event.offset >= 0, event.length > 0, event.length <= LineFollower.defaultMaxLineBytes else { return nil }
        journal = event.journal
        offset = event.offset
        length = Int32(event.length)
        line = Int32(clamping: event.line)
        sequence = event.sequence
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
            var bytes = [UInt8](repeating: 0, count: Int(ref.length))
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(ref.length), off_t(ref.offset)) }
            guard n == Int(ref.length) else { return nil }
            if ref.offset == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            guard let object = try? JSONLineScanner.scan(bytes, keeping: nil),
                var event = JournalEvent(
                    object: object, journal: ref.journal, line: Int(ref.line), sequence: ref.sequence,
                    naiveZone: naiveZone),
                event.incidentID == incidentID
            else { return nil }
            event.offset = ref.offset
            event.length = Int(ref.length)
            events.append(event)
        }
        return events
    }
}
