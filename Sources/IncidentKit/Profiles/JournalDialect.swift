import Foundation

/// How a journal's own readers expect its records. Sitrep reads every dialect (the synonyms are
/// in `JournalEvent` and `IncidentFolder`); it writes in the dialect of the journal it writes to.
///
/// A journal's dialect is known from the profile of its root, and, for a journal that already
/// has lines, from those lines: an `incident_open` with `created_at` and without `ts` is the
/// trading bot's `IncidentTracker`.
public enum JournalDialect: String, Sendable, Equatable, CaseIterable {
    /// DESIGN.md §3: `ts` in RFC 3339 UTC, `title`, `ack_by`, `notes`.
    case sitrep
    /// `utils/incident_tracker.py` of gr8monk3ys/trading-bot: `created_at`, `name`, `message`,
    /// `context`, `acknowledged_at`/`acknowledged_by`/`acknowledgment_notes`, naive UTC times
    /// read with Python's `datetime.fromisoformat` and subtracted from `datetime.utcnow()`.
    case tradingBot = "trading-bot"

    /// The dialect of a journal's existing lines, if they say.
    public static func sniff(lines: [[UInt8]]) -> JournalDialect? {
        for line in lines.prefix(200) {
            guard let object = try? JSONParser.parse(line).objectValue else { continue }
            guard object.first(JournalEvent.typeKeys)?.stringValue == JournalEventType.open else { continue }
            if object["created_at"] != nil && object["ts"] == nil { return .tradingBot }
            if object["ts"] != nil { return .sitrep }
        }
        return nil
    }

    /// The dialect of a journal file's first lines (up to 64 KiB are read), if they say.
    public static func sniff(file: String) -> JournalDialect? {
        // Through FileType: a FIFO named like a journal would block the open and the read.
        guard let data = try? FileType.readPrefix(file, limit: 64 << 10), !data.isEmpty else { return nil }
        var lines = data.split(separator: 0x0A).map(Array.init)
        if data.count == 64 << 10, !lines.isEmpty { lines.removeLast() }
        return sniff(lines: lines)
    }

    /// `2026-11-29T02:24:19.272137`: Python's `datetime.utcnow().isoformat()` with microseconds.
    public static func naiveUTC(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        let stamp = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(stamp.dropLast()) + String(format: ".%06lld", fraction)
    }
}
