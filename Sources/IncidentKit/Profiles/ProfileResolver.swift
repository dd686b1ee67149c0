import Foundation

/// Picks the source profile of a root: the root's own `.sitrep/profile.yaml`, else the one the
/// policy names (`profile:`; the trading-ops and pilot-playbook presets name theirs), else the
/// built-in one whose `recognize` patterns match the root's content, else `sitrep`.
public enum ProfileResolver {
    public static let rootProfile = ".sitrep/profile.yaml"

    public static func resolve(root: String, policy: Policy?) throws -> SourceProfile {
        let own = ArtifactLayout.join(root, rootProfile)
        if FileManager.default.fileExists(atPath: own) { return try ProfileLoader.load(path: own) }
        if let named = policy?.profile { return try profile(named: named, root: root) }
        return recognize(root: root)
    }

    /// A built-in name, or a YAML file (absolute, or relative to the root).
    public static func profile(named name: String, root: String) throws -> SourceProfile {
        if let builtin = BuiltinProfiles.byName[name] { return builtin }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/") {
            return try ProfileLoader.load(path: name.hasPrefix("/") ? name : ArtifactLayout.join(root, name))
        }
        throw PolicyError(
            file: name, line: nil, field: "profile",
            message:
                "no such profile (built-in: \(BuiltinProfiles.all.map(\.name).joined(separator: ", ")); or give a YAML file)"
        )
    }

    /// The built-in profile whose files are present, `sitrep` when none is.
    public static func recognize(root: String) -> SourceProfile {
        let cache = DirectoryCache()
        for profile in BuiltinProfiles.all where !profile.recognize.isEmpty {
            for pattern in profile.recognize where !RootGlob.expand(pattern, root: root, list: cache.entries).isEmpty {
                return profile
            }
        }
        return BuiltinProfiles.sitrep
    }
}
