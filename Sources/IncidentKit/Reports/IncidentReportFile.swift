import Foundation

extension IncidentReport {
    /// Where the console keeps an incident's report, relative to the root: beside the journal
    /// the incident was opened in, `<journal dir>/reports/<incident id>.md`.
    public static func defaultPath(for incident: Incident) -> String {
        let directory = (incident.journal as NSString).deletingLastPathComponent
        let name = SafeFileName.from(incident.id) + ".md"
        return directory.isEmpty ? "reports/\(name)" : "\(directory)/reports/\(name)"
    }

    /// Writes the report atomically to `defaultPath(for:)` under `root` and returns that path,
    /// relative to the root. Nothing is left behind when the write fails.
    @discardableResult
    public static func write(
        incident: Incident, policy: Policy, root: String, now: Date, relative: String? = nil
    ) throws(FileWriteError) -> String {
        let relative = relative ?? defaultPath(for: incident)
        let text = IncidentReport(incident: incident, policy: policy, now: now, root: root).markdown()
        try FileWrites.replaceAtomically(Array(text.utf8), root: root, relative: relative)
        return relative
    }
}
