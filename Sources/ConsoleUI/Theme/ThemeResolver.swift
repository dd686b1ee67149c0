import Foundation
import IncidentKit

/// Finds a theme by name or path: a path (containing `/` or ending in .yaml) is read as a file;
/// a name is looked up in `$XDG_CONFIG_HOME/sitrep/themes/NAME.yaml` (which replaces a built-in
/// theme of that name), then among the built-in themes.
public struct ThemeResolver {
    public var configHome: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        configHome = ConfigLocation.configHome(environment)
    }

    public func resolve(_ requested: String?) throws -> Theme {
        guard let requested, !requested.isEmpty else {
            return try BuiltinThemes.theme(named: BuiltinThemes.defaultName)!
        }
        if requested.contains("/") || requested.hasSuffix(".yaml") || requested.hasSuffix(".yml") {
            return try ThemeLoader.load(path: requested)
        }
        let user = "\(configHome)/sitrep/themes/\(requested).yaml"
        if FileManager.default.fileExists(atPath: user) { return try ThemeLoader.load(path: user) }
        if let theme = try BuiltinThemes.theme(named: requested) { return theme }
        throw PolicyError(
            file: requested, line: nil, field: "",
            message:
                "no such theme (built-in: \(BuiltinThemes.names.joined(separator: ", ")); or give a path to a YAML file)"
        )
    }
}
