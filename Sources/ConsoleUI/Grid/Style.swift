/// What a cell means, not how it looks: a theme maps roles to colours and attributes. Severity
/// roles are always paired with a label and a symbol on screen, never shown by colour alone.
public enum Role: UInt8, CaseIterable, Sendable {
    case normal, dim, header, border, title, selection, footer, key
    case severity0, severity1, severity2, severity3, severity4
    case breached, warning, ok, banner, input

    public static func severity(rank: Int) -> Role {
        [.severity0, .severity1, .severity2, .severity3, .severity4][min(max(rank, 0), 4)]
    }
}

public struct Style: Equatable, Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = Style()
}
