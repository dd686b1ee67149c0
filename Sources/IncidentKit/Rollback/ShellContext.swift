import Foundation

/// What a person's shell would remember between the commands of a runbook: the working directory
/// (`cd DIR`) and the variables set so far (`export VAR=value`, `VAR=value`). A run keeps one;
/// each command runs in it and is journaled with it, so a resumed run has it back.
public struct ShellContext: Sendable, Equatable {
    /// Absolute; nil means the console's own directory.
    public var directory: String?
    public var variables: [String: String]

    public init(directory: String? = nil, variables: [String: String] = [:]) {
        self.directory = directory
        self.variables = variables
    }

    public var isEmpty: Bool { directory == nil && variables.isEmpty }

    /// What a command does to the context instead of running: a `cd`, or assignments only.
    public enum Change: Sendable, Equatable {
        case changeDirectory(String)
        case setVariables([(name: String, value: String)])

        public static func == (a: Change, b: Change) -> Bool {
            switch (a, b) {
            case (.changeDirectory(let x), .changeDirectory(let y)): return x == y
            case (.setVariables(let x), .setVariables(let y)):
                return x.map(\.name) == y.map(\.name) && x.map(\.value) == y.map(\.value)
            default: return false
            }
        }
    }

    /// The change a command makes, when it is only `cd DIR`, `export A=1 B=2` or `A=1`: values
    /// are taken literally after shell quoting, with `$VAR` of the context put in. A command
    /// substitution (`$(…)`, backticks) or any other syntax is not a change: the command runs.
    public static func change(of command: String, in context: ShellContext = ShellContext()) -> Change? {
        let text = command.trimmingCharacters(in: .whitespaces)
        guard !text.contains("\n"), !text.contains("$("), !text.contains("`") else { return nil }
        // The splitter sends a leading NAME=value to the shell; after `export` it is a word.
        let bare = !text.hasPrefix("export ") && !text.hasPrefix("cd")
        guard case .words(var words) = CommandArgv.split((bare ? "export " : "") + expanding(text, context)),
            let first = words.first
        else { return nil }
        if bare {
            words.removeFirst()
            guard let assignment = words.first, CommandArgv.looksLikeAssignment(assignment) else { return nil }
        }
        if first == "cd" {
            guard words.count <= 2 else { return nil }
            return .changeDirectory(words.count == 2 ? words[1] : "~")
        }
        let assignments = first == "export" && !bare ? Array(words.dropFirst()) : words
        guard !assignments.isEmpty, assignments.allSatisfy(CommandArgv.looksLikeAssignment) else { return nil }
        return .setVariables(
            assignments.map { word in
                let eq = word.firstIndex(of: "=")!
                return (String(word[..<eq]), String(word[word.index(after: eq)...]))
            })
    }

    /// `$VAR` and `${VAR}` of the context put in (for the values of a change only); assignments
    /// at the start of the text are split by the shell rules below, so `A=1` is a word.
    private static func expanding(_ text: String, _ context: ShellContext) -> String {
        var out = text
        for (name, value) in context.variables.sorted(by: { $0.key.count > $1.key.count }) {
            out = out.replacingOccurrences(of: "${\(name)}", with: value)
            out = out.replacingOccurrences(of: "$\(name)", with: value)
        }
        // What is left of `$` would need a shell; `split` reports it and the command runs.
        return out
    }

    /// The context after a change; `cd` resolves against the current directory (or `base`).
    /// Returns why not when the directory does not exist.
    public func applying(_ change: Change, base: String, home: String?) -> Result<ShellContext, ContextError> {
        var next = self
        switch change {
        case .changeDirectory(let target):
            var path = target
            if path == "~" || path.hasPrefix("~/") {
                guard let home else { return .failure(ContextError("no HOME to resolve \(target)")) }
                path = home + path.dropFirst()
            } else if path == "-" {
                return .failure(ContextError("cd - is not followed: give the directory"))
            }
            if !path.hasPrefix("/") { path = (directory ?? base) + "/" + path }
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue
            else { return .failure(ContextError("no such directory: \(resolved)")) }
            next.directory = resolved
        case .setVariables(let pairs):
            for (name, value) in pairs { next.variables[name] = value }
        }
        return .success(next)
    }

    public struct ContextError: Error, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Variables a command reads that neither the context, the command itself (`for X in`,
    /// `X=…`, `read X`) nor `inherited` (the console's environment) sets: the wizard asks for them.
    public static func unsetVariables(in command: String, context: ShellContext, inherited: Set<String>) -> [String] {
        let scalars = Array(command.unicodeScalars)
        var used: [String] = []
        var i = 0
        var inSingle = false
        func isName(_ c: Unicode.Scalar, first: Bool) -> Bool {
            c.isASCII
                && (CharacterSet.letters.contains(c) || c == "_" || (!first && CharacterSet.decimalDigits.contains(c)))
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "'" { inSingle.toggle() }
            if c == "\\" {
                i += 2
                continue
            }
            if !inSingle, c == "$", i + 1 < scalars.count {
                var j = i + 1
                let braced = scalars[j] == "{"
                if braced { j += 1 }
                let start = j
                while j < scalars.count, isName(scalars[j], first: j == start) { j += 1 }
                if j > start {
                    let name = String(String.UnicodeScalarView(scalars[start..<j]))
                    if !used.contains(name) { used.append(name) }
                }
                i = j
                continue
            }
            i += 1
        }
        let assigned = Set(localAssignments(command))
        return used.filter { name in
            context.variables[name] == nil && !inherited.contains(name) && !assigned.contains(name)
                && !specialVariables.contains(name)
        }
    }

    static let specialVariables: Set<String> = [
        "RANDOM", "LINENO", "SECONDS", "PWD", "OLDPWD", "IFS", "PPID", "UID", "EUID", "HOSTNAME", "HOME", "USER",
        "PATH", "SHELL", "REPLY",
    ]

    /// Names a command sets for itself: `for X in`, `read X`, `X=…` words, `local`/`export X=`.
    static func localAssignments(_ command: String) -> [String] {
        var names: [String] = []
        let words = command.split(whereSeparator: { " \t\n;|&()".contains($0) }).map(String.init)
        for (index, word) in words.enumerated() {
            if (word == "for" || word == "read" || word == "select"), index + 1 < words.count {
                names += words[(index + 1)...].prefix { !$0.hasPrefix("-") || $0 == "-r" }.filter { $0 != "-r" }
                    .prefix(word == "read" ? 8 : 1)
            }
            if CommandArgv.looksLikeAssignment(word), let eq = word.firstIndex(of: "=") {
                names.append(String(word[..<eq]))
            }
        }
        return names
    }

    /// The journal form: `cwd` (null for the console's directory) and `env` (the variables set).
    public func journalFields(into o: inout JSONObjectBuilder) {
        o.set("cwd", orNull: directory)
        var env = JSONObjectBuilder()
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { env.set(name, value) }
        o.set("env", env.value)
    }

    /// Read back from a command event; nil when the event predates shell contexts.
    public init?(journal fields: JSONObject) {
        guard fields["cwd"] != nil || fields["env"] != nil else { return nil }
        directory = fields["cwd"]?.stringValue
        variables = [:]
        if case .object(let env)? = fields["env"] {
            for (name, value) in env.entries { if let text = value.stringValue { variables[name] = text } }
        }
    }

    /// Variable names a runbook's commands set or read: the only ones a context read back from
    /// the journal (which anyone who can write it could forge) may pass to a command.
    public static func names(in runbook: Runbook) -> Set<String> {
        var names = Set<String>()
        for step in runbook.steps {
            for command in step.commands + (step.verify.map { [$0] } ?? []) {
                if case .setVariables(let pairs)? = change(of: command.command) { names.formUnion(pairs.map(\.name)) }
                names.formUnion(unsetVariables(in: command.command, context: ShellContext(), inherited: []))
                names.formUnion(localAssignments(command.command))
            }
        }
        return names
    }

    /// The context with only the variables `allowed` names.
    public func limited(to allowed: Set<String>) -> ShellContext {
        ShellContext(directory: directory, variables: variables.filter { allowed.contains($0.key) })
    }
}
