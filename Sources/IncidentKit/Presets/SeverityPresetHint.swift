/// For a severity the active policy does not know: the built-in presets that do (through a
/// severity id or one of its aliases), so the screen can say which `--policy` fits.
public enum SeverityPresetHint {
    /// The presets, parsed once.
    private static let presets: [(name: String, policy: Policy)] = BuiltinPolicies.all.compactMap { entry in
        (try? BuiltinPolicies.policy(named: entry.name)).flatMap { $0.map { (entry.name, $0) } }
    }

    /// The presets that know `severity`, in the presets' order; empty when none does.
    public static func presets(knowing severity: String) -> [String] {
        presets.filter { $0.policy.severity(named: severity) != nil }.map(\.name)
    }

    /// One line: "P1 is not a severity of incident-runbook; the launch-rollback preset knows it
    /// (--policy launch-rollback)".
    public static func warning(severity: String, policy: Policy) -> String {
        let clean = TextSanitizer.clean(severity)
        let known = presets(knowing: severity).filter { $0 != policy.name }
        let base = "\(clean) is not a severity of \(policy.name), so it has no timers"
        guard let first = known.first else { return base + "; write a policy that names it (--policy FILE)" }
        let names =
            known.count == 1 ? "the \(first) preset knows it" : "the presets \(known.joined(separator: ", ")) know it"
        return base + "; \(names) (--policy \(first))"
    }
}
