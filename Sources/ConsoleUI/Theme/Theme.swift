/// How each role looks: colours and attributes. Themes are YAML files (the built-in ones are
/// compiled in, copies of `themes/*.yaml`); the backend turns looks into curses pairs.
public struct Theme: Equatable, Sendable {
    public struct Look: Equatable, Hashable, Sendable {
        public var foreground: ThemeColor = .terminal
        public var background: ThemeColor = .terminal
        public var bold = false
        public var dim = false
        public var reverse = false
        public var underline = false

        public init(
            foreground: ThemeColor = .terminal, background: ThemeColor = .terminal, bold: Bool = false,
            dim: Bool = false, reverse: Bool = false, underline: Bool = false
        ) {
            self.foreground = foreground
            self.background = background
            self.bold = bold
            self.dim = dim
            self.reverse = reverse
            self.underline = underline
        }
    }

    public var name: String
    public var description: String
    /// Roles the file leaves out look like `normal`.
    public var looks: [Role: Look]

    public init(name: String, description: String = "", looks: [Role: Look]) {
        self.name = name
        self.description = description
        self.looks = looks
    }

    public func look(_ role: Role) -> Look { looks[role] ?? looks[.normal] ?? Look() }
}

extension Role {
    /// The key of the role in a theme file.
    public var themeKey: String {
        switch self {
        case .severity0: return "severity-0"
        case .severity1: return "severity-1"
        case .severity2: return "severity-2"
        case .severity3: return "severity-3"
        case .severity4: return "severity-4"
        default: return "\(self)"
        }
    }

    public init?(themeKey: String) {
        guard let role = Role.allCases.first(where: { $0.themeKey == themeKey }) else { return nil }
        self = role
    }
}
