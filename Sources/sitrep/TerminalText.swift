import Foundation

enum TerminalText {
    /// Whether the locale promises UTF-8 output; under LANG=C we print ASCII only.
    static var utf8Locale: Bool {
        let env = ProcessInfo.processInfo.environment
        let value =
            env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? env["LANG"] ?? ""
        let lower = value.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
