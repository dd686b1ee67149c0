import Foundation
import IncidentKit

/// What rings the bell: a critical incident that opens, or a live timer that breaches, while
/// the console is open. Each event rings once, keyed by incident id and timer name; what was
/// already so when the console first saw the whole history never rings. Alerts come from the
/// state of incidents, never from the text of a file.
public struct AlertTracker: Equatable, Sendable {
    public struct Alert: Equatable, Sendable {
        /// `incident-id` for an opening, `incident-id#timer` for a breach.
        public var key: String
        /// Plain text for a desktop notification, already safe to put in an escape sequence.
        public var text: String
    }

    private var seen: Set<String> = []
    private var primed = false

    public init() {}

    /// The alerts of a new picture. The first call (the whole history read) only records.
    public mutating func alerts(in picture: Picture) -> [Alert] {
        var fresh: [Alert] = []
        for view in picture.activeIncidents {
            let i = view.incident
            if view.critical, seen.insert(i.id).inserted, primed {
                fresh.append(Alert(key: i.id, text: "\(i.severity) \(i.id) opened: \(i.title)"))
            }
            for timer in view.timers where timer.state == .breached {
                let key = "\(i.id)#\(timer.name)"
                if seen.insert(key).inserted, primed {
                    fresh.append(Alert(key: key, text: "\(i.id) \(timer.name) breached (\(i.severity))"))
                }
            }
        }
        primed = true
        return fresh.map { Alert(key: $0.key, text: NotificationText.clean($0.text)) }
    }
}

/// Text for a desktop notification escape: printable ASCII-safe characters only (no control
/// character, no escape, no `;` that would split the OSC fields), at most 120 characters.
public enum NotificationText {
    public static let limit = 120

    public static func clean(_ text: String) -> String {
        var out = ""
        for scalar in TextSanitizer.clean(text).unicodeScalars {
            if out.unicodeScalars.count >= limit { break }
            switch scalar.value {
            case 0x20...0x7E where scalar != ";" && scalar != "\\": out.unicodeScalars.append(scalar)
            case 0xA0...0x2027, 0x2030...0xD7FF, 0xE000...0xFFFD: out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar == ";" ? "," : "?")
            }
        }
        return out
    }
}

/// How an alert leaves the console: the terminal bell, and optionally a desktop notification.
public enum NotifyStyle: String, CaseIterable, Sendable {
    case off
    /// `ESC ] 777 ; notify ; title ; body BEL` (rxvt, foot, Konsole, WezTerm, VTE terminals).
    case osc777
    /// `ESC ] 9 ; text BEL` (iTerm2, Windows Terminal, kitty, WezTerm, ConEmu).
    case osc9

    /// The escape for an alert's text (already cleaned); inside tmux it is wrapped in a
    /// passthrough so tmux hands it to the outer terminal (needs `allow-passthrough on`).
    public func escape(_ text: String, insideTmux: Bool) -> String? {
        let sequence: String
        switch self {
        case .off: return nil
        case .osc777: sequence = "\u{1B}]777;notify;sitrep;\(text)\u{07}"
        case .osc9: sequence = "\u{1B}]9;sitrep: \(text)\u{07}"
        }
        guard insideTmux else { return sequence }
        return "\u{1B}Ptmux;" + sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }
}
