import Foundation
import IncidentKit

/// The per-user configuration file (`~/.config/sitrep/config.yaml`, or `--config FILE`).
/// Everything is optional; the command line wins over the file.
public struct SitrepConfig: Sendable {
    public var file: String?
    public var root: String?
    public var policy: String?
    public var theme: String?
    public var operatorName: String?
    public var pollInterval: Double?
    public var readOnly: Bool?
    public var mouse: Bool?
    public var ascii: Bool?
    public var color: Bool?
    public var keys = KeyBindings.defaults

    public init() {}

    static let fields: Set<String> = [
        "root", "policy", "theme", "operator", "poll_interval", "read_only", "mouse", "ascii", "color", "keys",
    ]

    /// Reads `--config FILE` (which must exist), else the default file if there is one.
    public static func load(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> SitrepConfig
    {
        let path = explicit ?? ConfigLocation.defaultFile(environment)
        if explicit == nil, !FileManager.default.fileExists(atPath: path) { return SitrepConfig() }
        return try parse(try FileType.readText(path, what: "the config file"), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> SitrepConfig {
        var config = SitrepConfig()
        config.file = file
        let document: YAMLReader
        do {
            document = try YAMLReader.load(text: text, file: file)
        } catch let error as PolicyError where error.message == YAMLReader.emptyMessage {
            return config  // nothing but comments: every default
        }
        let top = try document.mapping(allowed: fields)
        config.root = try top["root"]?.string()
        config.policy = try top["policy"]?.string()
        config.theme = try top["theme"]?.string()
        config.operatorName = try top["operator"]?.string()
        if let reader = top["poll_interval"] {
            let value = try reader.double()
            guard value >= 0.05, value <= 60 else { throw reader.error("must be between 0.05 and 60 seconds") }
            config.pollInterval = value
        }
        config.readOnly = try top["read_only"]?.bool()
        config.mouse = try top["mouse"]?.bool()
        config.ascii = try top["ascii"]?.bool()
        config.color = try top["color"]?.bool()
        if let keys = top["keys"] { config.keys = try KeyBindingsLoader.read(keys) }
        return config
    }
}

/// The `keys:` mapping: action name to a key or a list of keys. A conflict names the line of
/// the later binding, the key and both actions.
enum KeyBindingsLoader {
    static func read(_ reader: YAMLReader) throws -> KeyBindings {
        let entries = try reader.mapping(allowed: Set(KeyAction.allCases.map(\.rawValue)))
        var overrides: [KeyAction: [Key]] = [:]
        var lines: [KeyAction: YAMLReader] = [:]
        for (name, value) in entries {
            guard let action = KeyAction(rawValue: name) else { continue }
            let names = try value.stringList()
            var keys: [Key] = []
            for keyName in names {
                guard let key = KeyName.parse(keyName) else {
                    throw value.error(
                        "\"\(keyName)\" is not a key (a character, ctrl-X, f1-f12, up, down, left, right, home, end, pgup, pgdn, enter, esc, tab, shift-tab, backspace, delete, space)"
                    )
                }
                keys.append(key)
            }
            guard !keys.isEmpty else { throw value.error("needs at least one key") }
            overrides[action] = keys
            lines[action] = value
        }
        do {
            return try KeyBindings(overrides: overrides)
        } catch {
            // Report at the binding the file made (the other may be a default).
            let action = error.actions.first { lines[$0] != nil } ?? error.actions[0]
            let other = error.actions.first { $0 != action } ?? action
            let otherPlace = lines[other].flatMap(\.line).map { "line \($0)" } ?? "its default"
            let message =
                "key \(KeyName.display(error.key)) is also bound to \(other.rawValue) (\(otherPlace)); give \(other.rawValue) another key too"
            throw (lines[action] ?? reader).error(message)
        }
    }
}
