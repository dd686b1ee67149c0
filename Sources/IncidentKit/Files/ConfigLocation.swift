import Foundation

/// Where per-user files live: `$XDG_CONFIG_HOME`, else `~/.config`.
public enum ConfigLocation {
    public static func configHome(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg }
        return "\(environment["HOME"] ?? NSHomeDirectory())/.config"
    }

    /// The config file to read when `--config` is not given: `sitrep/config.yaml` under the config home.
    public static func defaultFile(_ environment: [String: String]) -> String {
        "\(configHome(environment))/sitrep/config.yaml"
    }
}
