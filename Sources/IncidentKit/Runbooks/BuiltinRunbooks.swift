/// Runbooks compiled into the binary, written in the YAML runbook format from the seeds'
/// procedures. (The Pilot Rollback Plan and RB-LAUNCH-002 are still to be added.)
public enum BuiltinRunbooks {
    public static let all: [(id: String, yaml: String)] = [
        ("pilot-playbook-rollback", pilotPlaybookRollback),
        ("incident-runbook-rollback", incidentRunbookRollback),
        ("trading-ops-recovery", tradingOpsRecovery),
        ("trading-ops-dr-drill", tradingOpsDrill),
    ]

    public static func load(_ id: String) throws -> LoadedRunbook? {
        guard let yaml = all.first(where: { $0.id == id })?.yaml else { return nil }
        return try RunbookLoader.parse(text: yaml, file: "built-in:\(id)")
    }
}
