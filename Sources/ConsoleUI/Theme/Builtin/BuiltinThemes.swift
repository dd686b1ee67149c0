import IncidentKit

/// The themes compiled into the binary: copies of `themes/*.yaml` (see scripts/sync-themes).
public enum BuiltinThemes {
    public static let defaultName = "default"

    public static var names: [String] { files.map(\.name) }

    public static func yaml(named name: String) -> String? {
        files.first { $0.name == name }?.yaml
    }

    public static func theme(named name: String) throws -> Theme? {
        guard let yaml = yaml(named: name) else { return nil }
        return try ThemeLoader.parse(yaml, file: "built-in theme \(name)", defaultName: name)
    }
}
