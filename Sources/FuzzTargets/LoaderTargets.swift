import IncidentKit

extension FuzzTarget {
    /// Any text as a policy file: it loads or throws a `PolicyError`, never crashes or hangs.
    public static let policyLoader = FuzzTarget(name: "policy", summary: "PolicyLoader.parse on arbitrary YAML") {
        bytes throws(FuzzViolation) in
        _ = try? PolicyLoader.parse(text: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
    }

    /// Any text as a runbook file; what loads is linted too, as `sitrep runbook lint` would.
    public static let runbookYAML = FuzzTarget(name: "runbook-yaml", summary: "RunbookLoader.parse and RunbookLint") {
        bytes throws(FuzzViolation) in
        guard let loaded = try? RunbookLoader.parse(text: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
        else { return }
        _ = RunbookLint.check(loaded)
    }

    /// Any text as a Markdown runbook: the import always yields a runbook, which is linted.
    public static let markdownImporter = FuzzTarget(name: "markdown", summary: "MarkdownImporter and RunbookLint") {
        bytes throws(FuzzViolation) in
        let result = MarkdownImporter.importRunbook(text: String(decoding: bytes, as: UTF8.self), source: "fuzz.md")
        _ = RunbookLint.check(LoadedRunbook(runbook: result.runbook, file: "fuzz.md"))
    }
}
