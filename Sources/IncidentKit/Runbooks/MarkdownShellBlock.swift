import Foundation

/// Splits the body of a shell code fence into commands. Each non-blank, non-comment line is a command,
/// except that a line ending in a backslash, a pipe or `&&`/`||` continues into the next, an open quote
/// runs until its close, a here-document runs to its terminator, and `for`/`while`/`if`/`case` run to
/// their `done`/`fi`/`esac`. Comment lines become the notes of the command that follows them; comments
/// after the last command are returned as `trailing`.
enum MarkdownShellBlock {
    struct Result {
        var commands: [RunbookCommand] = []
        var trailing: [String] = []
        var problems: [String] = []
    }

    private enum Quote { case none, single, double }

    private struct Scan {
        var quote = Quote.none
        var depth = 0
        var heredoc: String?
        var continues = false
    }

    static func split(_ body: [(line: Int, text: String)]) -> Result {
        let indent =
            body.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.text.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        var result = Result()
        var notes: [String] = []
        var current: [String] = []
        var startLine = 0
        var scan = Scan()

        func flush() {
            guard !current.isEmpty else { return }
            while current.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { current.removeLast() }
            result.commands.append(RunbookCommand(current.joined(separator: "\n"), notes: notes))
            notes = []
            current = []
            scan = Scan()
        }

        for (number, original) in body {
            let text = String(original.dropFirst(min(indent, original.prefix { $0 == " " || $0 == "\t" }.count)))
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if current.isEmpty {
                if trimmed.isEmpty { continue }
                if trimmed.hasPrefix("#") {
                    notes.append(trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces))
                    continue
                }
                startLine = number
            } else if let end = scan.heredoc {
                current.append(text)
                if trimmed == end {
                    scan.heredoc = nil
                    if scan.depth == 0 { flush() }
                }
                continue
            } else if trimmed.isEmpty && scan.quote == .none && scan.depth == 0 {
                flush()
                continue
            }
            current.append(text)
            analyze(text, &scan)
            if scan.quote == .none && scan.depth == 0 && scan.heredoc == nil && !scan.continues { flush() }
        }
        if !current.isEmpty {
            let what =
                scan.quote != .none
                ? "a quote" : scan.heredoc != nil ? "a here-document" : scan.depth > 0 ? "a compound command" : nil
            if let what { result.problems.append("line \(startLine): \(what) in this command is never closed") }
            flush()
        }
        result.trailing = notes.map { "# " + $0 }
        return result
    }

    /// Follows quotes, compound keywords and here-documents through one line.
    private static func analyze(_ line: String, _ scan: inout Scan) {
        let chars = Array(line)
        var i = 0
        var word = ""
        var atCommandStart = scan.quote == .none && !scan.continues
        var lastSignificant: Character = " "
        var secondLast: Character = " "
        scan.continues = false

        func endWord() {
            guard !word.isEmpty else { return }
            if atCommandStart {
                switch word {
                case "for", "while", "until", "if", "case", "select": scan.depth += 1
                case "done", "fi", "esac": scan.depth = max(0, scan.depth - 1)
                default: break
                }
                atCommandStart = ["do", "then", "else", "elif", "!", "time"].contains(word)
            }
            word = ""
        }

        while i < chars.count {
            let c = chars[i]
            switch scan.quote {
            case .single:
                if c == "'" { scan.quote = .none }
            case .double:
                if c == "\\" {
                    i += 1
                } else if c == "\"" {
                    scan.quote = .none
                }
            case .none:
                if c == "\\" {
                    if i == chars.count - 1 {
                        scan.continues = true
                        endWord()
                        return
                    }
                    i += 1
                } else if c == "'" {
                    scan.quote = .single
                } else if c == "\"" {
                    scan.quote = .double
                } else if c == "#" && word.isEmpty && (i == 0 || chars[i - 1] == " " || chars[i - 1] == "\t") {
                    endWord()
                    i = chars.count
                    continue
                } else if c == "<" && i + 1 < chars.count && chars[i + 1] == "<"
                    && (i + 2 >= chars.count || chars[i + 2] != "<")
                {
                    var j = i + 2
                    if j < chars.count && chars[j] == "-" { j += 1 }
                    while j < chars.count && chars[j] == " " { j += 1 }
                    let rest = String(chars[j...]).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
                    let term = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    if !term.isEmpty { scan.heredoc = String(term) }
                    i = j
                    continue
                } else if c == " " || c == "\t" {
                    endWord()
                } else if ";|&()".contains(c) {
                    endWord()
                    atCommandStart = true
                } else {
                    word.append(c)
                }
            }
            if c != " " && c != "\t" {
                secondLast = lastSignificant
                lastSignificant = c
            }
            i += 1
        }
        endWord()
        if scan.quote == .none && (lastSignificant == "|" || (lastSignificant == "&" && secondLast == "&")) {
            scan.continues = true
        }
    }
}
