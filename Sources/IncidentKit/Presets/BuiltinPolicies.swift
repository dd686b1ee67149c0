/// The presets compiled into the binary, one per seed runbook that defines a severity scheme.
/// They are YAML in the user format, so `sitrep policy show` prints something a user can copy.
public enum BuiltinPolicies {
    public static let defaultName = "incident-runbook"

    public static let all: [(name: String, yaml: String)] = [
        ("pilot-playbook", pilotPlaybook),
        ("incident-runbook", incidentRunbook),
        ("launch-rollback", launchRollback),
        ("trading-ops", tradingOps),
    ]

    public static func yaml(named name: String) -> String? { all.first { $0.name == name }?.yaml }

    public static func policy(named name: String) throws -> Policy? {
        guard let yaml = yaml(named: name) else { return nil }
        return try PolicyLoader.parse(text: yaml, file: "built-in:\(name)")
    }
}
