import Foundation
import Testing

@testable import IncidentKit

/// A small runbook with every feature the wizard handles: a command, a branch, a verification,
/// a `next` that joins the branches again, and a checklist.
let wizardTestRunbookYAML = """
    id: test-rollback
    title: Test rollback
    applies_to: [SEV1]
    target: 10m
    steps:
      - id: stop
        title: Stop the runner
        budget: 1m
        commands: ["pkill -f runner"]
      - id: decide
        title: Config or code?
        budget: 30s
        choices:
          - {label: Config rollback, goto: config}
          - {label: Code rollback, goto: code}
      - id: config
        title: Flip the flag back
        budget: 2m
        commands: ["flagctl set new_path=false"]
        next: confirm
      - id: code
        title: Revert the commit
        budget: 3m
        commands: ["git revert --no-edit HEAD"]
        verify: "make test"
      - id: confirm
        title: Confirm health
        budget: 2m
        checklist: [Health checks green, Update posted]
    """

func wizardTestRunbook() throws -> Runbook {
    try RunbookLoader.parse(text: wizardTestRunbookYAML, file: "test.yaml").runbook
}

func at(_ seconds: Int) -> Date { Timestamp.parse("2025-11-21T10:00:00Z")!.addingTimeInterval(TimeInterval(seconds)) }

/// Opens INC-T in a scratch root's journal and returns a reader of its current state.
func openTestIncident(_ dir: FollowScratch) throws {
    try dir.append(
        ArtifactLayout.rootJournal,
        #"{"event_type":"incident_open","incident_id":"INC-T","severity":"SEV1","title":"t","ts":"2025-11-21T09:50:00Z"}"#
            + "\n")
}

func readIncident(_ root: String, _ id: String = "INC-T") throws -> Incident {
    let store = ArtifactStore(root: root)
    store.refresh()
    return try #require(
        IncidentFolder.fold(store.journalEvents, policy: try runbookPolicy()).incidents.first { $0.id == id })
}

func transition(
    _ flow: WizardFlow, _ status: RollbackStepStatus, now: Date, choice: String? = nil, reason: String? = nil,
    checklist: [String] = []
) throws -> RollbackRecords.StepTransition {
    let step = try #require(
        status == .back ? flow.currentStep ?? flow.runbook.step(flow.previousStep!) : flow.currentStep)
    let next = status == .back ? flow.previousStep : flow.next(after: step, choice: choice)
    return RollbackRecords.StepTransition(
        step: step.id, title: step.title, status: status, next: next, sequence: flow.run.transitions,
        budgetSeconds: step.budgetSeconds, elapsedSeconds: flow.run.secondsOnCurrentVisit(now: now),
        checklist: checklist, choice: choice, reason: reason,
        verification: status == .back ? nil : flow.verificationWord(for: step))
}
