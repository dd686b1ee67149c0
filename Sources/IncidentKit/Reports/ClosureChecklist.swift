import Foundation

/// The Pilot Operations Playbook's post-incident closure checklist, each item marked done or
/// missing from what the journal shows, with what is missing said.
public struct ClosureChecklist: Sendable {
    public struct Check: Sendable, Equatable {
        public var name: String
        public var done: Bool
        /// What is missing, when not done.
        public var missing: String?
    }

    public struct Item: Sendable, Equatable {
        /// The checklist line as the playbook words it.
        public var text: String
        public var checks: [Check]
        public var done: Bool { checks.allSatisfy(\.done) }
        public var missing: [String] { checks.compactMap(\.missing) }
    }

    public var items: [Item]
    public var done: Bool { items.allSatisfy(\.done) }

    public init(incident: Incident, narrative: IncidentNarrative, runs: [RecordedRollbackRun]) {
        let realRollback = runs.first { !$0.drill && $0.completedAt != nil }
        var gaps: [String] = []
        if incident.ack == nil { gaps.append("no acknowledgment") }
        if incident.resolution == nil { gaps.append("not resolved") }
        let open = runs.filter { $0.outcome == .inProgress }.map(\.runID)
        if !open.isEmpty { gaps.append("rollback run \(open.joined(separator: ", ")) neither completed nor aborted") }

        func check(_ name: String, _ done: Bool, _ missing: String) -> Check {
            Check(name: name, done: done, missing: done ? nil : missing)
        }
        let mitigation =
            incident.mitigation != nil || realRollback != nil
            || narrative.resolution != nil
        items = [
            Item(
                text: "Incident issue includes timeline, impact, root cause, and mitigation.",
                checks: [
                    check("timeline", gaps.isEmpty, "timeline incomplete: " + gaps.joined(separator: "; ")),
                    check("impact", narrative.impact != nil, "no impact recorded (an `impact` field on any event)"),
                    check(
                        "root cause", narrative.rootCause != nil,
                        "no root cause recorded (`sitrep resolve ID --root-cause …`)"),
                    check(
                        "mitigation", mitigation,
                        "no mitigation recorded (`sitrep mitigate ID` or a completed rollback that is not a drill)"),
                ]),
            Item(
                text: "Follow-up issue(s) created for preventive actions.",
                checks: [
                    check(
                        "follow-ups", !narrative.followUps.isEmpty,
                        "no follow-up recorded (`sitrep update ID --message \"Follow-up: …\"`)")
                ]),
            Item(
                text: "Weekly status report includes incident summary and current risk status.",
                checks: [
                    check(
                        "status report", narrative.statusReport != nil,
                        "no status report recorded (a `status_report` field on any event, e.g. its link)")
                ]),
        ]
    }
}
