import Foundation

/// A terminal session pasted into a runbook (```console, or an untagged block with prompts):
/// a line after a prompt (`$ `, `# `, `user@host:~$ `, `[root@db ~]# `) is a command with the
/// prompt removed, and the lines after it, up to the next prompt, are its expected output:
/// shown to the operator, never run.
enum MarkdownConsoleBlock {
    /// The command after a prompt at the start of the line, or nil. A `# ` line is a root
    /// prompt only when `rootPrompts` (else a comment) and what follows reads as a command.
    static func command(afterPrompt line: String, rootPrompts: Bool) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("$ ") { return String(trimmed.dropFirst(2)) }
        if trimmed == "$" { return "" }
        if trimmed.hasPrefix("# ") {
            let rest = String(trimmed.dropFirst(2))
            return rootPrompts && MarkdownCommandText.readsAsCommand(rest) ? rest : nil
        }
        if let typed = afterHostPrompt(String(trimmed)) { return typed }
        // user@host:~$ cmd, user@host ~ % cmd, [root@db ~]# cmd, PS C:\> cmd
        let chars = Array(trimmed)
        guard let end = chars.firstIndex(where: { $0 == "$" || $0 == "#" || $0 == "%" || $0 == ">" }),
            end + 1 < chars.count, chars[end + 1] == " ", end > 0
        else { return nil }
        let prompt = String(chars[..<end])
        let isUserHost =
            prompt.contains("@") && !prompt.contains(" ") || prompt.hasPrefix("[") && prompt.hasSuffix("]")
            || prompt.hasPrefix("PS ") || prompt.hasPrefix("(") && prompt.contains(")")
        guard isUserHost || prompt.hasPrefix("[") else { return nil }
        return String(chars[(end + 2)...])
    }

    /// GitLab's "which machine" prompts: `workstation        $ knife …`, `patroni-01-db-gstg # …`.
    /// One word, spaces, then `$ ` (or `# ` when the word has a digit or a hyphen, as host names
    /// do and `make # build` does not).
    static func afterHostPrompt(_ line: String) -> String? {
        let word = line.prefix { $0.isLetter || $0.isNumber || "._-".contains($0) }
        guard !word.isEmpty, word.first?.isLetter == true else { return nil }
        let rest = line.dropFirst(word.count)
        let gap = rest.prefix { $0 == " " }
        guard !gap.isEmpty else { return nil }
        let after = rest.dropFirst(gap.count)
        if after.hasPrefix("$ ") { return String(after.dropFirst(2)) }
        if after.hasPrefix("# "), word.contains(where: { $0.isNumber || $0 == "-" }) {
            return String(after.dropFirst(2))
        }
        return nil
    }

    /// The machine a prompt names ("patroni-01-db-gstg $ …", "root@db-1:~# …"), for a note.
    static func host(ofPrompt line: String) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        let word = String(trimmed.prefix { !" $#%>".contains($0) })
        guard !word.isEmpty, !word.hasPrefix("["), !word.hasPrefix("(") else { return nil }
        if let at = word.firstIndex(of: "@") {
            let host = word[word.index(after: at)...].prefix { $0 != ":" }
            return host.isEmpty ? nil : String(host)
        }
        return afterHostPrompt(String(trimmed)) != nil ? word : nil
    }

    /// Whether the lines hold at least one prompt: a `$ ` or `user@host$ ` one always counts; a
    /// root `# cmd` counts when the block also shows output (lines that are not shell).
    static func hasPrompts(_ lines: [String], tagged: Bool) -> Bool {
        let nonBlank = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if nonBlank.contains(where: { command(afterPrompt: $0, rootPrompts: false) != nil }) { return true }
        let roots = nonBlank.filter { command(afterPrompt: $0, rootPrompts: true) != nil }
        guard !roots.isEmpty else { return false }
        if tagged { return true }
        return nonBlank.contains { line in
            !line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
                && !MarkdownCommandText.readsAsCommand(line.trimmingCharacters(in: .whitespaces))
        }
    }

    static func split(_ body: [(line: Int, text: String)], rootPrompts: Bool) -> MarkdownShellBlock.Result {
        var result = MarkdownShellBlock.Result()
        var notes: [String] = []
        var command: [String]?
        var output: [String] = []
        var scan = MarkdownShellBlock.Scan()

        func flush() {
            guard let lines = command else { return }
            while output.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { output.removeLast() }
            let text = lines.joined(separator: "\n")
            if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                result.commands.append(RunbookCommand(text, notes: notes, output: output))
                notes = []
            } else if !output.isEmpty {
                result.trailing += output
            }
            command = nil
            output = []
        }

        for (_, raw) in body {
            let text = raw.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            if var open = command, output.isEmpty, scan.isOpen {
                open.append(text)
                command = open
                MarkdownShellBlock.analyze(text, &scan)
                continue
            }
            if let typed = MarkdownConsoleBlock.command(afterPrompt: text, rootPrompts: rootPrompts) {
                flush()
                if let host = host(ofPrompt: text) { notes.append("on \(host)") }
                command = [typed]
                scan = MarkdownShellBlock.Scan()
                MarkdownShellBlock.analyze(typed, &scan)
            } else if command != nil {
                output.append(text)
            } else if text.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                notes.append(
                    text.trimmingCharacters(in: .whitespaces).drop { $0 == "#" }.trimmingCharacters(in: .whitespaces))
            } else if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                // Output before any prompt: shown as it is.
                result.trailing.append(text)
            }
        }
        flush()
        result.trailing += notes.map { "# " + $0 }
        return result
    }
}
