import Foundation

/// Runbook commands often carry placeholders for what only the operator knows at the time:
/// `git revert <commit-hash>`, `--run-id <run_id>`. The wizard asks for each value before the
/// confirmation; the command that runs is the runbook's text with the values put in, shown
/// exactly. Values cannot carry quotes, backslashes, `$`, backticks or line breaks, so a value
/// can never end a quoted string or start a substitution in the command around it.
public enum CommandTemplate {
    /// The placeholders in order of first appearance: `<` a letter, then letters, digits, `_`
    /// or `-`, then `>` (so `<10 min` or `< file` are not placeholders).
    public static func placeholders(in text: String) -> [String] {
        var found: [String] = []
        for case .placeholder(let name) in pieces(of: text) where !found.contains(name) { found.append(name) }
        return found
    }

    /// The text with each placeholder replaced by its value, in one pass from the left: a value
    /// is put in as it is and never read again as a placeholder, whatever the order of `values`.
    /// A value stays one argv word: outside quotes, a value with anything but plain word
    /// characters is put in single quotes (values cannot hold a quote), so `a b` is not split
    /// into two words and `x#y` is not read as a comment that switches the command to `sh -c`.
    /// Inside the runbook's own quotes the value goes in as it is.
    public static func fill(_ text: String, values: [String: String]) -> String {
        var quote = QuoteState()
        return pieces(of: text).map { piece in
            switch piece {
            case .text(let s):
                quote.read(s)
                return s
            case .placeholder(let name):
                guard let value = values[name] else { return "<\(name)>" }
                // A backslash just before the placeholder escapes the value's first character
                // (fuzzing found it escaping the opening quote instead, which let a shell read
                // the rest); that character goes first, unquoted, and the rest in quotes.
                let afterBackslash = quote.escaped
                quote.escaped = false
                if quote.isQuoted || value.unicodeScalars.allSatisfy(isPlainWordScalar) { return value }
                if afterBackslash, let first = value.unicodeScalars.first {
                    return String(first) + "'" + String(String.UnicodeScalarView(value.unicodeScalars.dropFirst()))
                        + "'"
                }
                return "'\(value)'"
            }
        }.joined()
    }

    private static func isPlainWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (CharacterSet.alphanumerics.contains(c) || "._/:=@%+,-".unicodeScalars.contains(c))
    }

    /// Whether the text read so far leaves us inside single or double quotes, as a shell reads it.
    struct QuoteState {
        var single = false
        var double = false
        var escaped = false
        var isQuoted: Bool { single || double }

        mutating func read(_ text: String) {
            for c in text.unicodeScalars {
                if escaped {
                    escaped = false
                } else if single {
                    if c == "'" { single = false }
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    double.toggle()
                } else if c == "'", !double {
                    single = true
                }
            }
        }
    }

    enum Piece: Equatable {
        case text(String)
        case placeholder(String)
    }

    static func pieces(of text: String) -> [Piece] {
        var out: [Piece] = []
        let scalars = Array(text.unicodeScalars)
        var plain = String.UnicodeScalarView()
        var i = 0
        func isNameScalar(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == "_" || c == "-")
        }
        while i < scalars.count {
            if scalars[i] == "<", i + 1 < scalars.count, scalars[i + 1].isASCII,
                CharacterSet.letters.contains(scalars[i + 1])
            {
                var j = i + 1
                while j < scalars.count, isNameScalar(scalars[j]) { j += 1 }
                if j < scalars.count, scalars[j] == ">" {
                    if !plain.isEmpty { out.append(.text(String(plain))) }
                    plain = String.UnicodeScalarView()
                    out.append(.placeholder(String(String.UnicodeScalarView(scalars[(i + 1)..<j]))))
                    i = j + 1
                    continue
                }
            }
            plain.append(scalars[i])
            i += 1
        }
        if !plain.isEmpty { out.append(.text(String(plain))) }
        return out
    }

    /// Why a value cannot go into a command, or nil.
    public static func problem(with value: String) -> String? {
        if value.trimmingCharacters(in: .whitespaces).isEmpty { return "a value is required" }
        let forbidden: Set<Character> = ["'", "\"", "\\", "$", "`", "\n", "\r"]
        if let bad = value.first(where: { forbidden.contains($0) || $0.asciiValue.map { $0 < 0x20 } == true }) {
            let shown = bad == "\n" || bad == "\r" ? "a line break" : "\(bad)"
            return "values cannot contain \(shown) (quotes, backslashes, $, backticks, control characters)"
        }
        return nil
    }
}
