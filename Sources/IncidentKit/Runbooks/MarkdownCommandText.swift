import Foundation

/// Whether a piece of runbook text reads as something to type at a shell: a line of an untagged
/// code block, or a code span in a sentence ("Check the logs via `kubectl logs $POD`").
enum MarkdownCommandText {
    /// Programs seen in runbooks; a code span that starts with one of them is an invocation.
    static let programs: Set<String> = [
        "kubectl", "oc", "helm", "git", "make", "docker", "docker-compose", "podman", "crictl", "systemctl",
        "journalctl", "service", "sudo", "curl", "wget", "terraform", "ansible", "ansible-playbook", "python",
        "python3", "node", "npm", "npx", "yarn", "pnpm", "pip", "go", "cargo", "swift", "ssh", "scp", "rsync",
        "psql", "mysql", "mongo", "mongosh", "redis-cli", "etcdctl", "consul", "nomad", "vault", "aws", "gcloud",
        "az", "gsutil", "tail", "cat", "less", "grep", "ls", "cd", "export", "df", "du", "free", "top", "ps",
        "kill", "pkill", "bash", "sh", "gitlab-ctl", "gitlab-rake", "gitlab-rails", "gitlab-patronictl",
        "patronictl", "pg_ctl", "pg_dump", "nc", "dig", "nslookup", "ping", "openssl", "tar", "cp", "mv", "rm",
        "mkdir", "chmod", "chown", "ln", "echo", "watch", "htop", "iostat", "vmstat", "ss", "netstat", "lsof",
        "strace", "virsh", "knife", "chef-client", "salt", "argocd", "flux", "kustomize", "istioctl", "linkerd",
        "velero", "sitrep", "jq", "yq", "sed", "awk", "find", "xargs", "head", "wc", "sort", "uniq", "date",
        "sleep", "env", "source", "blocks",
    ]

    /// The first word of a command, past `sudo` and `VAR=value` prefixes.
    static func program(_ text: String) -> String? {
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = String(word)
            if w.contains("="), CommandArgv.looksLikeAssignment(w) { continue }
            return w
        }
        return nil
    }

    /// A code span that is a command: a known program, or a script path, with arguments.
    static func isInvocation(_ span: String) -> Bool {
        let text = span.trimmingCharacters(in: .whitespaces)
        guard text.contains(" "), !text.contains("\n"), let first = program(text) else { return false }
        if programs.contains(first) { return true }
        let isPath = first.hasPrefix("./") || first.hasPrefix("/") || first.hasPrefix("~/")
        return isPath
            && (first.hasSuffix(".sh") || first.hasSuffix(".py") || first.contains("/bin/") || first.hasPrefix("./"))
    }

    /// A line of a code block that reads as a shell command rather than config or prose: starts
    /// with a lowercase word or a path, is not `key: value` or `key = value`, not a table row.
    static func readsAsCommand(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard let first = text.first else { return false }
        if "|+{}[]<\"'-".contains(first) { return false }
        if text.contains("____") { return false }
        guard let word = program(text) else { return true }
        if word.hasSuffix(":") || text.contains(" = ") || word.hasSuffix(",") { return false }
        if programs.contains(word) { return true }
        if word.hasPrefix("./") || word.hasPrefix("/") || word.hasPrefix("~/") || word.hasPrefix("$") { return true }
        let allowed = word.allSatisfy { $0.isLowercase || $0.isNumber || "-_./".contains($0) }
        return allowed && word.first?.isLetter == true && !text.hasSuffix(".") && !text.hasSuffix(":")
    }

    enum Content: Equatable {
        case shell
        case console
        /// Text to show: what it looked like ("YAML", "JSON", "a table", "a fill-in template").
        case text(String)
    }

    /// What a code block holds, from its tag and, when untagged, its content.
    static func judge(_ fence: MarkdownFence) -> Content {
        let lines = fence.body.map(\.text)
        if ["console", "terminal", "shell-session", "shellsession", "sh-session"].contains(fence.language) {
            return .console
        }
        if fence.isShellTagged {
            return MarkdownConsoleBlock.hasPrompts(lines, tagged: false)
                && lines.contains(where: { MarkdownConsoleBlock.command(afterPrompt: $0, rootPrompts: false) != nil })
                ? .console : .shell
        }
        guard fence.language.isEmpty || fence.language == "text" || fence.language == "plaintext" else {
            return .text(fence.language)
        }
        if MarkdownConsoleBlock.hasPrompts(lines, tagged: false) { return .console }
        let content = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let firstLine = content.first else { return .text("an empty block") }
        if firstLine.hasPrefix("{") || firstLine.hasPrefix("[") { return .text("JSON") }
        if content.contains(where: { $0.contains("____") || $0.hasSuffix(": ___") }) {
            return .text("a fill-in template")
        }
        if content.allSatisfy({ $0.hasPrefix("|") || $0.hasPrefix("+") }) { return .text("a table") }
        // Output pasted as it printed: a rule line of -, +, = and | under a header (psql, tables).
        if content.contains(where: { $0.count >= 5 && $0.allSatisfy { "-+=| ".contains($0) } }) {
            return .text("command output or a table")
        }
        // The first line of each command: a line after `\`, `|` or `&&` continues the one before.
        var lines_: [String] = []
        var continues = false
        for line in content where !line.hasPrefix("#") {
            if !continues { lines_.append(line) }
            continues = line.hasSuffix("\\") || line.hasSuffix("|") || line.hasSuffix("&&")
        }
        if lines_.isEmpty { return .shell }
        let yaml = lines_.filter { line in
            let key = line.hasPrefix("- ") ? line.dropFirst(2) : Substring(line)
            guard let colon = key.firstIndex(of: ":") else { return false }
            let name = key[..<colon]
            return !name.isEmpty && !name.contains(" ")
                && (key.index(after: colon) == key.endIndex || key[key.index(after: colon)] == " ")
        }
        if yaml.count * 2 > lines_.count { return .text("YAML") }
        let hcl = lines_.filter { $0.contains(" = ") || $0.hasSuffix("{") || $0 == "}" }
        if hcl.count * 2 > lines_.count { return .text("configuration") }
        let commands = lines_.filter(readsAsCommand)
        return commands.count * 2 >= lines_.count ? .shell : .text("text")
    }
}
