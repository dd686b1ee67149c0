import Foundation

/// Something a detector saw in the artifacts, with the evidence that raised it.
public struct Signal: Sendable, Equatable {
    public var detector: DetectorKind
    public var subject: String
    public var severity: String
    public var message: String
    public var since: Date?
    public var evidence: [Evidence]
    public var autoDeclare: Bool

    public var key: String { "\(detector.rawValue):\(subject)" }

    /// The id an incident declared from this signal gets: `AUTO-YYYYMMDD-xxxxxx`, the date the
    /// condition began and a hash of the detector, the subject and that instant. It depends on
    /// nothing else, so two consoles watching one root agree on it.
    public var incidentID: String {
        let start = since.map { String(CheckedNumber.int(clamping: $0.timeIntervalSince1970)) } ?? "-"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(key)@\(start)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let day = since.map(Timestamp.compactDate) ?? "00000000"
        return "AUTO-\(day)-" + String(String(hash, radix: 16).suffix(6)).leftPadded(to: 6)
    }

    /// The run the evidence belongs to, if it lies in a run directory under `runs` (the root's
    /// profile says where: `results/runs` in Sitrep's and trading-bot's layouts).
    public func runID(under runs: String) -> String? {
        evidence.lazy.compactMap { ArtifactStore.runID(of: $0.path, runs: runs) }.first
    }

    /// The `source` field of the incident declared from it.
    public var source: String { "detector:\(detector.rawValue)" }

}
