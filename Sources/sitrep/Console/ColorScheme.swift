import CNcursesw
import ConsoleUI

/// How roles look: a foreground colour (-1 is the terminal's own) and attributes. With no
/// colours (NO_COLOR, a monochrome terminal) the attributes alone carry the meaning, next to
/// the labels and symbols the views always draw.
struct ColorScheme {
    struct Look {
        var foreground: Int16
        var bold = false
        var dim = false
        var reverse = false
    }

    static let defaultLooks: [Role: Look] = [
        .normal: Look(foreground: -1), .dim: Look(foreground: -1, dim: true),
        .header: Look(foreground: Int16(COLOR_CYAN), bold: true),
        .border: Look(foreground: Int16(COLOR_BLUE)), .title: Look(foreground: Int16(COLOR_CYAN), bold: true),
        .selection: Look(foreground: -1, reverse: true), .footer: Look(foreground: -1, reverse: true),
        .key: Look(foreground: Int16(COLOR_YELLOW), bold: true),
        .severity0: Look(foreground: Int16(COLOR_RED), bold: true),
        .severity1: Look(foreground: Int16(COLOR_YELLOW), bold: true), .severity2: Look(foreground: Int16(COLOR_CYAN)),
        .severity3: Look(foreground: Int16(COLOR_BLUE)), .severity4: Look(foreground: -1),
        .breached: Look(foreground: Int16(COLOR_RED), bold: true), .warning: Look(foreground: Int16(COLOR_YELLOW)),
        .ok: Look(foreground: Int16(COLOR_GREEN)),
        .banner: Look(foreground: Int16(COLOR_RED), bold: true, reverse: true),
        .input: Look(foreground: -1),
    ]

    let useColor: Bool
    private var attributes: [Role: attr_t] = [:]
    private var pairs: [Role: Int16] = [:]

    /// Call after `start_color`.
    init(useColor: Bool) {
        self.useColor = useColor
        for (index, role) in Role.allCases.enumerated() {
            let look = ColorScheme.defaultLooks[role] ?? Look(foreground: -1)
            var attr = sitrep_a_normal()
            if look.bold { attr |= sitrep_a_bold() }
            if look.dim { attr |= sitrep_a_dim() }
            if look.reverse { attr |= sitrep_a_reverse() }
            attributes[role] = attr
            if useColor {
                let pair = Int16(index + 1)
                init_pair(pair, look.foreground, -1)
                pairs[role] = pair
            }
        }
    }

    func attributes(for style: Style) -> (attr_t, Int16) {
        var attr = attributes[style.role] ?? sitrep_a_normal()
        if style.bold { attr |= sitrep_a_bold() }
        if style.reverse { attr ^= sitrep_a_reverse() }
        if style.underline { attr |= sitrep_a_underline() }
        if !useColor, style.role == .breached || style.role == .banner { attr |= sitrep_a_bold() }
        return (attr, pairs[style.role] ?? 0)
    }
}
