import ArgumentParser
import Foundation
import IncidentKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Print the incident report (timeline, impact, root cause, rollback timings, closure checklist) as Markdown."
    )

    @OptionGroup var common: CommonOptions
    @Argument(help: "The incident id (or a unique suffix of it).") var id: String
    @Option(name: .long, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        try reporting {
            let (root, policy, now) = try common.context()
            let incident = try IncidentActions(root: root, policy: policy, now: now).incident(id)
            let text = IncidentReport(incident: incident, policy: policy, now: now, root: root).markdown()
            guard let output else {
                Say.out(text, terminator: "")
                return
            }
            let path = try WorkingDirectory.absolute(output)
            // Below the root, every directory on the way is walked without following links.
            let (base, relative) = BeneathRoot.split(path, root: root)
            do {
                try FileWrites.replaceAtomically(Array(text.utf8), root: base, relative: relative)
            } catch {
                throw CLIError("could not write the report: \(error); nothing was written")
            }
        }
    }
}
