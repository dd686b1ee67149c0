import Foundation

/// A runbook the console can offer: where it came from and whether its commands may run.
public struct RunbookEntry: Sendable, Equatable {
    public var runbook: Runbook
    /// "built-in", or the file it was read from.
    public var origin: String
    /// The file as checked at load time, for the re-check before each command; nil for built-ins.
    public var stamp: RunbookTrust.Stamp?
    /// Why its commands may not run (an unsafe file); nil when they may.
    public var refusal: String?

    public var isBuiltin: Bool { origin == RunbookCatalog.builtinOrigin }

    public init(runbook: Runbook, origin: String, stamp: RunbookTrust.Stamp? = nil, refusal: String? = nil) {
        self.runbook = runbook
        self.origin = origin
        self.stamp = stamp
        self.refusal = refusal
    }

    /// Whether it is offered first for an incident of this severity (canonical id).
    public func applies(to severity: String, policy: Policy) -> Bool {
        runbook.appliesTo.contains { policy.severity(named: $0)?.id == severity || $0 == severity }
    }
}

/// Every runbook the console knows: the built-ins, the root's `.sitrep/runbooks/`, the user's
/// `~/.config/sitrep/runbooks/`, and files named with `--runbook` (YAML, or Markdown imported
/// on the fly). A later source with the same id replaces an earlier one, so a root can refine a
/// built-in. Files that do not load are reported, not fatal.
public struct RunbookCatalog: Sendable {
    public static let builtinOrigin = "built-in"

    public var entries: [RunbookEntry] = []
    public var problems: [String] = []

    public init(entries: [RunbookEntry] = [], problems: [String] = []) {
        self.entries = entries
        self.problems = problems
    }

    public static func load(root: String, extraFiles: [String], environment: [String: String]) -> RunbookCatalog {
        var catalog = RunbookCatalog()
        for builtin in BuiltinRunbooks.all {
            do {
                if let loaded = try BuiltinRunbooks.load(builtin.id) {
                    catalog.add(RunbookEntry(runbook: loaded.runbook, origin: builtinOrigin))
                }
            } catch {
                catalog.problems.append("built-in runbook \(builtin.id): \(error)")
            }
        }
        let files = files(in: root + "/.sitrep/runbooks") + files(in: userDirectory(environment)) + extraFiles
        for path in files {
            do {
                catalog.add(try entry(path: path))
            } catch {
                catalog.problems.append("\(error)")
            }
        }
        return catalog
    }

    public mutating func add(_ entry: RunbookEntry) {
        entries.removeAll { $0.runbook.id == entry.runbook.id }
        entries.append(entry)
    }

    public func entry(id: String) -> RunbookEntry? { entries.first { $0.runbook.id == id } }

    /// The runbooks for an incident: those that apply to its severity first, then the rest; in
    /// each group a team's own runbooks before the built-ins, being the more specific.
    public func ordered(for severity: String, policy: Policy) -> [RunbookEntry] {
        let own = entries.filter { !$0.isBuiltin } + entries.filter(\.isBuiltin)
        return own.filter { $0.applies(to: severity, policy: policy) }
            + own.filter { !$0.applies(to: severity, policy: policy) }
    }

    /// Reads a runbook file (YAML, or Markdown when it ends in .md), checking it for execution.
    public static func entry(path: String) throws -> RunbookEntry {
        let checked = try RunbookTrust.read(path: path)
        let runbook = try parse(checked.bytes, path: path).runbook
        return RunbookEntry(runbook: runbook, origin: path, stamp: checked.stamp, refusal: checked.refusal)
    }

    public static func isMarkdown(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
    }

    /// The largest runbook file read: ten times the largest real one seen, and the importer's
    /// work stays bounded.
    public static let maxBytes = 4 << 20

    public static func parse(_ bytes: [UInt8], path: String) throws -> LoadedRunbook {
        guard bytes.count <= maxBytes else {
            throw PolicyError(
                file: path, line: nil, field: "", message: "larger than \(maxBytes >> 20) MB: not read as a runbook")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if isMarkdown(path) {
            let result = MarkdownImporter.importRunbook(text: text, source: path)
            return LoadedRunbook(runbook: result.runbook, file: path)
        }
        return try RunbookLoader.parse(text: text, file: path)
    }

    public static func files(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml") || isMarkdown(name))
        }.sorted().map { "\(directory)/\($0)" }
    }

    static func userDirectory(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/sitrep/runbooks" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/sitrep/runbooks"
    }
}
