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

    /// The id an incident declared from this signal gets. It depends only on the detector, the
    /// subject and when the condition began, so two consoles watching one root agree on it.
    public var incidentID: String {
        var id = "AUTO-\(Signal.slug(detector.rawValue))-\(Signal.slug(subject))"
        if let since { id += "-" + Timestamp.compactDate(since) + String(format: "%05d", Int(since.timeIntervalSince1970) % 86400) }
        return id
    }

    /// The `source` field of the incident declared from it.
    public var source: String { "detector:\(detector.rawValue)" }

    static func slug(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                out.append(ch)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        return String(out.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(48))
    }
}
