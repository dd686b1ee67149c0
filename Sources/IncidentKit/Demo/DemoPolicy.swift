import Foundation

/// The policy a demo root carries in `.sitrep/policy.yaml`: the built-in incident-runbook
/// preset, renamed `demo`, with what makes the story visible within a minute:
/// - the reconciliation streak detector declares its incident by itself (`auto_declare`);
/// - a node counts as stale after 30 seconds instead of 10 minutes;
/// - kill switch, SLO breach and stale-data detectors, which the preset does not carry.
public enum DemoPolicy {
    public static let name = "demo"
    public static let relativePath = ".sitrep/policy.yaml"

    static let streakDetector = "{kind: reconciliation_mismatch_streak, at_least: 3, severity: SEV1}"
    static let staleDetector = "{kind: heartbeat_stale, after: 10m, severity: SEV2}"

    public static func yaml() throws -> String {
        guard var text = BuiltinPolicies.yaml(named: "incident-runbook") else {
            throw DemoWriteError(path: "built-in:incident-runbook", message: "the preset is missing")
        }
        let extraDetectors = [
            "{kind: kill_switch, severity: SEV1}",
            "{kind: slo_breach, severity: SEV1}",
            "{kind: data_stale, severity: SEV3}",
        ]
        try replace("name: incident-runbook\n", with: "name: \(name)\n", in: &text)
        try replace(
            streakDetector, with: streakDetector.replacingOccurrences(of: "}", with: ", auto_declare: true}"), in: &text
        )
        try replace(
            staleDetector,
            with: ([staleDetector.replacingOccurrences(of: "10m", with: "\(DemoScenario.staleAfterSeconds)s")]
                + extraDetectors)
                .joined(separator: "\n  - "),
            in: &text)
        let header = """
            # Written by `sitrep simulate` for the demo root: the incident-runbook preset with the
            # reconciliation streak auto-declared, nodes stale after \(DemoScenario.staleAfterSeconds)s, and kill switch, SLO breach
            # and stale-data detectors.

            """
        return header + text + "\n"
    }

    /// Replaces exactly one occurrence, so a change to the preset cannot pass unnoticed.
    private static func replace(_ target: String, with replacement: String, in text: inout String) throws {
        let parts = text.components(separatedBy: target)
        guard parts.count == 2 else {
            throw DemoWriteError(
                path: "built-in:incident-runbook",
                message: "expected one \"\(target)\" in the preset, found \(parts.count - 1)")
        }
        text = parts.joined(separator: replacement)
    }
}

extension DemoSimulator {
    /// Makes `root` (created when missing) ready for the demo: writes the demo policy to
    /// `.sitrep/policy.yaml`, so a console on the root uses it.
    public static func prepare(root: String) throws {
        let path = ArtifactLayout.join(root, DemoPolicy.relativePath)
        try FileWrites.createDirectory((path as NSString).deletingLastPathComponent)
        let text = try DemoPolicy.yaml()
        _ = try PolicyLoader.parse(text: text, file: path)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DemoWriteError(path: path, message: "cannot write the policy: \(error.localizedDescription)")
        }
    }
}
