/// How a runbook command will run, shown to the operator before it does. A plain command is
/// split into words the way a shell would quote them, with no expansion, and executed directly.
/// A command with shell syntax (pipes, `;`, `$(...)`, redirections, globs, a newline) runs as
/// `/bin/sh -c TEXT`, and the confirmation says so and why: nothing is interpreted silently.
public struct PreparedCommand: Sendable, Equatable {
    public var text: String
    public var argv: [String]
    /// The shell syntax that made it run through `/bin/sh -c`, nil for a direct exec.
    public var shellSyntax: String?
    /// Why it cannot run at all (a NUL or another control character, which no argv can carry
    /// as shown); `argv` is then empty.
    public var unrunnable: String?

    public var usesShell: Bool { shellSyntax != nil }
}

public enum CommandArgv {
    public static let shell = "/bin/sh"

    public static func prepare(_ text: String) -> PreparedCommand {
        if let bad = text.unicodeScalars.first(where: isUnrunnable) {
            let code = String(format: "U+%04X", bad.value)
            return PreparedCommand(
                text: text, argv: [], shellSyntax: nil,
                unrunnable: "it contains the control character \(code), which cannot be run as shown")
        }
        switch split(text) {
        case .words(let words) where !words.isEmpty:
            return PreparedCommand(text: text, argv: words, shellSyntax: nil)
        case .words:
            return PreparedCommand(text: text, argv: [shell, "-c", text], shellSyntax: "an empty command")
        case .needsShell(let why):
            return PreparedCommand(text: text, argv: [shell, "-c", text], shellSyntax: why)
        }
    }

    /// C0 controls other than tab, line feed and carriage return (shell syntax, shown), DEL
    /// and C1 controls: a NUL would cut the argument short, the others would run unseen.
    static func isUnrunnable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F || (0x80...0x9F).contains(v)
    }

    enum Split: Equatable {
        case words([String])
        case needsShell(String)
    }

    private static let operators: [Unicode.Scalar: String] = [
        "|": "a pipe (|)", "&": "& (background or &&)", ";": "a command separator (;)", "<": "a redirection (<)",
        ">": "a redirection (>)", "(": "a subshell ( )", ")": "a subshell ( )", "`": "command substitution (`)",
        "$": "an expansion ($)", "*": "a glob (*)", "?": "a glob (?)", "[": "a glob ([)", "#": "a comment (#)",
        "~": "a home directory (~)", "{": "brace expansion ({)", "}": "brace expansion (})", "\n": "a newline",
        "\r": "a carriage return", "!": "history or negation (!)",
    ]

    /// Words as a POSIX shell would quote them, or the first syntax that only a shell can run.
    static func split(_ text: String) -> Split {
        // Scalars, not characters: a combining mark after a quote must not hide the quote, as
        // a shell reads bytes, not grapheme clusters.
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var iterator = text.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t":
                if inWord { words.append(String(current)) }
                current = String.UnicodeScalarView()
                inWord = false
            case "'":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "'" {
                        closed = true
                        break
                    }
                    current.append(q)
                }
                if !closed { return .needsShell("an unterminated quote (')") }
            case "\"":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "\"" {
                        closed = true
                        break
                    }
                    if q == "$" || q == "`" { return .needsShell(operators[q]!) }
                    if q == "\\" {
                        guard let escaped = iterator.next() else { return .needsShell("a trailing backslash") }
                        if "$`\"\\".unicodeScalars.contains(escaped) {
                            current.append(escaped)
                        } else if escaped == "\n" {
                            continue
                        } else {
                            current.append(q)
                            current.append(escaped)
                        }
                        continue
                    }
                    current.append(q)
                }
                if !closed { return .needsShell("an unterminated quote (\")") }
            case "\\":
                guard let escaped = iterator.next() else { return .needsShell("a trailing backslash") }
                if escaped == "\n" { return .needsShell("a line continuation (\\)") }
                inWord = true
                current.append(escaped)
            case "=" where words.isEmpty && !current.isEmpty && !inWordQuoted(String(current)):
                return .needsShell("an environment assignment (NAME=value)")
            default:
                if let why = operators[c] {
                    // `#` and `~` only mean something at the start of a word.
                    if (c == "#" || c == "~") && inWord {
                        current.append(c)
                        continue
                    }
                    return .needsShell(why)
                }
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(String(current)) }
        return .words(words)
    }

    /// What the splitter takes for an environment assignment: a non-empty NAME of letters,
    /// digits and `_` before the first `=`.
    static func looksLikeAssignment(_ word: String) -> Bool {
        guard let eq = word.firstIndex(of: "="), eq > word.startIndex else { return false }
        return !inWordQuoted(String(word[..<eq]))
    }

    private static func inWordQuoted(_ word: String) -> Bool {
        word.contains { !($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The argv as a shell could re-read it, for display: each word quoted when it needs to be.
    public static func display(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }

    public static func quote(_ word: String) -> String {
        let safe =
            !word.isEmpty
            && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0) } && word.isASCII
        // A word that would read as NAME=value in first place is quoted wherever it stands.
        guard !safe || looksLikeAssignment(word) else { return word }
        // By scalar: a quote followed by a combining mark is one Character, and a String
        // replacement would miss it.
        var quoted = String.UnicodeScalarView(["'"])
        for scalar in word.unicodeScalars {
            if scalar == "'" { quoted.append(contentsOf: "'\\''".unicodeScalars) } else { quoted.append(scalar) }
        }
        quoted.append("'")
        return String(quoted)
    }
}

extension String {
    fileprivate var isASCII: Bool { unicodeScalars.allSatisfy(\.isASCII) }
}
