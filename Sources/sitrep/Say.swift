import Foundation
import IncidentKit

/// Everything the command line prints. Much of it comes from files others may write (a
/// runbook's title, a policy's `name`, the line a YAML error echoes), and printed raw, an
/// `ESC ] 52` or `ESC [ 2 J` in it reached the terminal. Text goes through the console's
/// sanitiser line by line; error messages also have each line cut short, so a 1 MB line echoed
/// by a parser is a line. JSON is printed as written: `JSONWriter` escapes every control,
/// C1 and bidirectional character itself, and sanitising would change the data under LANG=C.
enum Say {
    /// Longest line of an error message.
    static let errorLineLimit = 240
    /// Most lines of an error message.
    static let errorLineCount = 24

    static func out(_ text: String, terminator: String = "\n") {
        write(FileHandle.standardOutput, sanitized(text) + terminator)
    }

    static func json(_ text: String) { write(FileHandle.standardOutput, text + "\n") }

    static func err(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(errorLineCount).map {
            line -> String in
            let clean = TextSanitizer.clean(String(line), ascii: !TerminalText.utf8Locale)
            return clean.count > errorLineLimit ? String(clean.prefix(errorLineLimit)) + "…(cut)" : clean
        }
        if text.split(separator: "\n", omittingEmptySubsequences: false).count > errorLineCount { lines.append("…") }
        write(FileHandle.standardError, lines.joined(separator: "\n") + "\n")
    }

    /// Each line sanitised, the newlines kept.
    static func sanitized(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            TextSanitizer.clean(String($0), ascii: !TerminalText.utf8Locale)
        }.joined(separator: "\n")
    }

    private static func write(_ handle: FileHandle, _ text: String) {
        handle.write(Data(text.utf8))
    }
}
