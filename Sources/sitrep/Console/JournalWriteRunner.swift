import ConsoleUI
import Foundation
import IncidentKit

/// Carries out a write the console asked for and says what happened, in words for the footer.
struct JournalWriteRunner {
    let root: String
    let policy: Policy
    let now: Date
    let incidents: [Incident]

    func perform(_ request: WriteRequest) -> (text: String, isError: Bool) {
        let known = incidents
        let actions = IncidentActions(root: root, policy: policy, now: now, incidents: { known })
        do {
            switch request {
            case .acknowledge(let id, let by, let notes):
                let (_, outcome) = try actions.acknowledge(id, by: by, notes: notes)
                switch outcome {
                case .written: return ("\(id) acknowledged by \(by)", false)
                case .alreadyAcknowledged(let who, let at):
                    return (
                        "\(id) was already acknowledged by \(who ?? "unknown") at \(Timestamp.format(at)); nothing written",
                        true
                    )
                }
            case .update(let id, let by, let message):
                _ = try actions.update(id, message: message, by: by)
                return ("Update posted to \(id)", false)
            case .escalate(let id, let level, let by, let reason):
                _ = try actions.escalate(id, level: level, reason: reason, by: by)
                return ("\(id) escalated to L\(level)" + (policy.level(level).map { " \($0.name)" } ?? ""), false)
            case .mitigate(let id, let by, let notes):
                _ = try actions.mitigate(id, notes: notes, by: by)
                return ("\(id) marked mitigated", false)
            case .resolve(let id, let by, let rootCause):
                _ = try actions.resolve(id, rootCause: rootCause, by: by)
                return ("\(id) resolved", false)
            case .declare(let severity, let title, let runID, let by, let source, let subject):
                let opened = try actions.declare(
                    severity: severity, title: title, runID: runID, by: by, source: source, subject: subject)
                return ("\(opened.id) opened in \(opened.journal)", false)
            }
        } catch let error as ActionError {
            return (error.message, true)
        } catch let error as JournalWriteError {
            // The reason first: a long root path would push it off a narrow footer.
            let place = error.path.hasPrefix(root + "/") ? String(error.path.dropFirst(root.count + 1)) : error.path
            return ("Write failed, nothing recorded: \(error.message) (\(place))", true)
        } catch {
            return ("Write failed, nothing recorded: \(error)", true)
        }
    }
}
