import Foundation

/// Finds the policy to use: `--policy NAME|FILE`, else the root's `.sitrep/policy.yaml`, else the
/// policy its source profile names (`policy:`; a recognised trading-bot or OpenMeshMind root gets
/// the preset of its runbook), else the default preset. A name is looked up first among user policy files (the root's
/// `.sitrep/policies/NAME.yaml`, then `~/.config/sitrep/policies/NAME.yaml`), which replace a
/// preset of the same name, then among the presets.
public struct PolicyResolver {
    public struct Entry: Sendable {
        public var name: String
        /// nil for a built-in preset.
        public var path: String?
        public var replacesPreset: Bool
    }

    public var root: String
    public var configHome: String

    public init(root: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.root = root
        configHome = ConfigLocation.configHome(environment)
    }

    var userDirectories: [String] {
        [ArtifactLayout.join(root, ".sitrep/policies"), "\(configHome)/sitrep/policies"]
    }

    public func resolve(_ requested: String?) throws -> Policy {
        if let requested, !requested.isEmpty {
            if looksLikePath(requested) { return try PolicyLoader.load(path: requested) }
            if let path = userFile(named: requested) { return try PolicyLoader.load(path: path) }
            if let preset = try BuiltinPolicies.policy(named: requested) { return preset }
            throw PolicyError(
                file: requested, line: nil, field: "",
                message:
                    "no such policy (built-in: \(BuiltinPolicies.all.map(\.name).joined(separator: ", ")); or give a path to a YAML file)"
            )
        }
        let rootPolicy = ArtifactLayout.join(root, ".sitrep/policy.yaml")
        if FileManager.default.fileExists(atPath: rootPolicy) { return try PolicyLoader.load(path: rootPolicy) }
        if let named = try rootProfile().defaultPolicy { return try resolve(named) }
        return try BuiltinPolicies.policy(named: BuiltinPolicies.defaultName)!
    }

    /// The profile a root has before any policy is chosen: its own `.sitrep/profile.yaml`, else
    /// the built-in one its content is recognised as. A trading-bot root thereby gets the
    /// trading-ops policy (its `critical` incidents and 15-minute ack) without a `--policy`.
    private func rootProfile() throws -> SourceProfile {
        try ProfileResolver.resolve(root: root, policy: nil)
    }

    /// The YAML text of a named policy or file, for `policy show`.
    public func source(of requested: String) throws -> (text: String, origin: String) {
        let path = looksLikePath(requested) ? requested : userFile(named: requested)
        if let path {
            return (try FileType.readText(path), path)
        }
        if let yaml = BuiltinPolicies.yaml(named: requested) { return (yaml + "\n", "built-in") }
        throw PolicyError(file: requested, line: nil, field: "", message: "no such policy")
    }

    public func list() -> [Entry] {
        var entries = BuiltinPolicies.all.map { Entry(name: $0.name, path: nil, replacesPreset: false) }
        for dir in userDirectories.reversed() {
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
            where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                let name = (file as NSString).deletingPathExtension
                let entry = Entry(
                    name: name, path: "\(dir)/\(file)", replacesPreset: BuiltinPolicies.yaml(named: name) != nil)
                entries.removeAll { $0.name == name }
                entries.append(entry)
            }
        }
        return entries
    }

    private func looksLikePath(_ s: String) -> Bool {
        s.contains("/") || s.hasSuffix(".yaml") || s.hasSuffix(".yml")
    }

    private func userFile(named name: String) -> String? {
        for dir in userDirectories {
            for ext in ["yaml", "yml"] {
                let path = "\(dir)/\(name).\(ext)"
                if FileManager.default.fileExists(atPath: path) { return path }
            }
        }
        return nil
    }
}
