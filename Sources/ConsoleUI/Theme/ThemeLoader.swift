import Foundation
import IncidentKit

/// Reads a theme file. Errors name the file, the line and the key, as policy errors do.
public enum ThemeLoader {
    static let lookKeys: Set<String> = ["fg", "bg", "bold", "dim", "reverse", "underline"]

    public static func load(path: String) throws -> Theme {
        let fallback = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(try FileType.readText(path, what: "the theme file"), file: path, defaultName: fallback)
    }

    public static func parse(_ text: String, file: String, defaultName: String = "") throws -> Theme {
        let top = try YAMLReader.load(text: text, file: file).mapping(allowed: ["name", "description", "roles"])
        guard let roles = top["roles"] else {
            throw try YAMLReader.load(text: text, file: file).missing("roles", "is required")
        }
        var looks: [Role: Theme.Look] = [:]
        let known = Set(Role.allCases.map(\.themeKey))
        for (key, reader) in try roles.mapping(allowed: known) {
            guard let role = Role(themeKey: key) else { continue }
            looks[role] = try look(reader)
        }
        return Theme(
            name: try top["name"]?.string() ?? defaultName, description: try top["description"]?.string() ?? "",
            looks: looks)
    }

    private static func look(_ reader: YAMLReader) throws -> Theme.Look {
        let fields = try reader.mapping(allowed: lookKeys)
        var look = Theme.Look()
        if let fg = fields["fg"] { look.foreground = try color(fg) }
        if let bg = fields["bg"] { look.background = try color(bg) }
        look.bold = try fields["bold"]?.bool() ?? false
        look.dim = try fields["dim"]?.bool() ?? false
        look.reverse = try fields["reverse"]?.bool() ?? false
        look.underline = try fields["underline"]?.bool() ?? false
        return look
    }

    private static func color(_ reader: YAMLReader) throws -> ThemeColor {
        guard let color = ThemeColor.parse(try reader.string()) else {
            throw reader.error(
                "not a colour (default, black, red, green, yellow, blue, magenta, cyan, white, bright-NAME, or 0-255)")
        }
        return color
    }
}
