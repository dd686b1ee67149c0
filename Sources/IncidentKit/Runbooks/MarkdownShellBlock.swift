import Foundation

/// Splits the body of a shell code fence into commands. Each non-blank, non-comment line is a command,
/// except that a line ending in a backslash, a pipe or `&&`/`||` continues into the next, an open quote
/// runs until its close, a here-document runs to its terminator, and `for`/`while`/`if`/`case` run to
/// their `done`/`fi`/`esac`. Comment lines become the notes of the command that follows them; comments
/// after the last command are returned as `trailing`.
enum MarkdownShellBlock {
    struct Result {
        var commands: [RunbookCommand] = []
        /// Commands the block offers as alternatives ("# OR", "# Option 2: …"): one list per
        /// alternative, with its label. Empty when the block has none; `commands` then holds
        /// what came before the first alternative.
        var alternatives: [(label: String, commands: [RunbookCommand])] = []
        /// Commands after the alternatives: they run whichever was picked.
        var after: [RunbookCommand] = []
        var trailing: [String] = []
        var problems: [String] = []
    }

    /// A comment that separates alternatives: "# OR", "# or:", "# Alternatively".
    static func isOrMarker(_ comment: String) -> Bool { orMarker(comment) != nil }

    /// The words after an "or" comment ("# Or restore from backup" → "restore from backup"),
    /// empty for a bare "# OR"; nil when the comment does not offer an alternative.
    static func orMarker(_ comment: String) -> String? {
        let word = comment.trimmingCharacters(in: CharacterSet(charactersIn: " :-.")).lowercased()
        if word == "or" || word == "alternatively" || word == "or alternatively" { return "" }
        for lead in ["or ", "or, ", "alternatively, ", "alternatively "] where word.hasPrefix(lead) {
            return String(comment.trimmingCharacters(in: .whitespaces).dropFirst(lead.count))
                .trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// A comment that names an alternative: "Option 1: turn the flag off", "Option B".
    static func optionLabel(_ comment: String) -> String? {
        guard comment.lowercased().hasPrefix("option ") else { return nil }
        let label = comment.dropFirst(7).prefix { $0.isLetter || $0.isNumber }
        guard (1...2).contains(label.count), label.allSatisfy({ $0.isNumber || $0.isUppercase }) else { return nil }
        return comment
    }

    enum Quote { case none, single, double }

    struct Scan {
        var quote = Quote.none
        var depth = 0
        var heredoc: String?
        var continues = false

        /// The command goes on to the next line.
        var isOpen: Bool { quote != .none || depth > 0 || heredoc != nil || continues }
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
        var alternatives: [(label: String, commands: [RunbookCommand])] = []
        /// Where the current run of commands (since a blank line or a comment) began.
        var groupStart = 0
        /// Where the last run that had commands began: "# OR" after a blank line offers it.
        var lastGroupStart = 0
        /// An "# OR" alternative ends at a blank line or a comment; what follows is `after`.
        var alternativeOpen = false
        var labelled = false
        /// After "# OR restart Docker Desktop": an alternative its words already describe. A
        /// command on the next line belongs to it; after a blank line it stays a manual action.
        var manualAlternative = false

        func flush() {
            guard !current.isEmpty else { return }
            while current.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { current.removeLast() }
            let command = RunbookCommand(current.joined(separator: "\n"), notes: notes)
            if alternatives.isEmpty {
                result.commands.append(command)
            } else if alternativeOpen || labelled {
                alternatives[alternatives.count - 1].commands.append(command)
            } else {
                result.after.append(command)
            }
            notes = []
            current = []
            scan = Scan()
            manualAlternative = false
        }

        /// "# OR": the run of commands just before it is the first alternative, the run after it
        /// the next. "# Option N: …": the commands after it, up to the next option.
        func beginAlternative(_ label: String?) {
            if let label {
                labelled = true
                alternatives.append((label, []))
                return
            }
            if alternatives.isEmpty {
                let start = groupStart < result.commands.count ? groupStart : lastGroupStart
                guard start < result.commands.count else { return }
                alternatives.append(("", Array(result.commands[start...])))
                result.commands.removeSubrange(start...)
            } else if !result.after.isEmpty {
                // "# OR" after the alternatives closed: the commands since then are one more.
                alternatives.append(("", result.after))
                result.after = []
            }
            alternatives.append(("", []))
            alternativeOpen = true
        }

        /// Just after "# OR", before the alternative's first command.
        func awaitingAlternative() -> Bool { (alternatives.last?.commands.isEmpty ?? false) && !manualAlternative }

        func endGroup() {
            if !labelled { alternativeOpen = false }
            if groupStart < result.commands.count { lastGroupStart = groupStart }
            groupStart = result.commands.count
            manualAlternative = false
        }

        for (number, original) in body {
            let text = String(original.dropFirst(min(indent, original.prefix { $0 == " " || $0 == "\t" }.count)))
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if current.isEmpty {
                if trimmed.isEmpty {
                    if !awaitingAlternative() { endGroup() }
                    continue
                }
                if trimmed.hasPrefix("#") {
                    let comment = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                    if let words = orMarker(comment) {
                        beginAlternative(nil)
                        if !words.isEmpty, alternatives.last?.commands.isEmpty == true {
                            alternatives[alternatives.count - 1].label = comment
                            manualAlternative = true
                        }
                    } else if let label = optionLabel(comment) {
                        // Commands before the first option are common to all and stay first.
                        beginAlternative(label)
                    } else {
                        if !awaitingAlternative() { endGroup() }
                        notes.append(comment)
                    }
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
        // An alternative with words but no command ("# OR restart Docker Desktop") is a manual
        // action the commander may pick instead; one with neither is nothing.
        result.alternatives = alternatives.filter { !$0.commands.isEmpty || !$0.label.isEmpty }
        if result.alternatives.count == 1 {
            result.commands += result.alternatives[0].commands + result.after
            result.alternatives = []
            result.after = []
        }
        return result
    }

    /// Follows quotes, compound keywords and here-documents through one line.
    static func analyze(_ line: String, _ scan: inout Scan) {
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
