/// Runbooks compiled into the binary, written in the YAML runbook format from the seeds'
/// procedures.
public enum BuiltinRunbooks {
    public static let all: [(id: String, yaml: String)] = [
        ("pilot-playbook-rollback", pilotPlaybookRollback),
        ("incident-runbook-rollback", incidentRunbookRollback),
        ("trading-ops-recovery", tradingOpsRecovery),
        ("trading-ops-dr-drill", tradingOpsDrill),
        ("pilot-rollback-plan", pilotRollbackPlan),
        ("rb-launch-002", launchRollbackToPilot),
    ]

    public static func load(_ id: String) throws -> LoadedRunbook? {
        guard let yaml = all.first(where: { $0.id == id })?.yaml else { return nil }
        return try RunbookLoader.parse(text: yaml, file: "built-in:\(id)")
    }
}
