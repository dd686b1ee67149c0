import CNcursesw
import ConsoleUI

/// A theme turned into curses attributes and colour pairs for this terminal: colours the
/// terminal lacks are replaced by the nearest it has (256 → 16 → 8), pairs are shared between
/// roles with the same colours. With no colours (NO_COLOR, a monochrome terminal) only the
/// attributes are kept, next to the labels and symbols the views always draw.
struct ColorScheme {
    let useColor: Bool
    private var attributes: [Role: attr_t] = [:]
    private var pairs: [Role: Int16] = [:]

    /// Call after `start_color` when `colors` > 0.
    init(theme: Theme, colors: Int, maxPairs: Int) {
        useColor = colors >= 8
        var allocated: [ColorPairKey: Int16] = [:]
        for role in Role.allCases {
            let look = theme.look(role)
            var attr = sitrep_a_normal()
            if look.bold { attr |= sitrep_a_bold() }
            if look.dim { attr |= sitrep_a_dim() }
            if look.reverse { attr |= sitrep_a_reverse() }
            if look.underline { attr |= sitrep_a_underline() }
            attributes[role] = attr
            guard useColor else { continue }
            let key = ColorPairKey(
                foreground: look.foreground.downgraded(toColors: colors).cursesNumber,
                background: look.background.downgraded(toColors: colors).cursesNumber)
            if key.foreground == -1, key.background == -1 { continue }
            if let pair = allocated[key] {
                pairs[role] = pair
            } else if allocated.count + 1 < maxPairs {
                let pair = Int16(allocated.count + 1)
                init_pair(pair, key.foreground, key.background)
                allocated[key] = pair
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

private struct ColorPairKey: Hashable {
    var foreground: Int16
    var background: Int16
}
