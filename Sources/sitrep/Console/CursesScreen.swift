import CNcursesw
import ConsoleUI

#if canImport(Glibc)
    import Glibc
#endif

/// The one place that talks to ncurses. It copies the cells that changed since the last frame
/// into curses and lets `doupdate` send the difference to the terminal.
final class CursesScreen {
    private var previous: Grid?
    private var scheme: ColorScheme
    private(set) var width: Int32 = 0
    private(set) var height: Int32 = 0

    init(useColor: Bool, theme: Theme, mouse: Bool) {
        setlocale(LC_ALL, "")
        _ = initscr()
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(sitrep_stdscr(), true)
        _ = nodelay(sitrep_stdscr(), true)
        _ = set_escdelay(25)
        _ = curs_set(0)
        var colors = 0
        if useColor, has_colors() {
            _ = start_color()
            _ = use_default_colors()
            colors = Int(sitrep_colors())
        }
        scheme = ColorScheme(theme: theme, colors: colors, maxPairs: Int(min(sitrep_color_pairs(), 32767)))
        // Mouse reporting stays off unless asked for: it steals the terminal's own selection.
        if mouse { _ = mousemask(sitrep_mouse_wheel_mask(), nil) }
        updateSize()
    }

    func updateSize() {
        var y: Int32 = 0
        var x: Int32 = 0
        sitrep_getmaxyx(sitrep_stdscr(), &y, &x)
        height = y
        width = x
    }

    /// The terminal bell (BEL), sent at once.
    func bell() {
        _ = beep()
    }

    /// Bytes for the terminal itself (a notification escape), after what ncurses has sent.
    func emit(_ sequence: String) {
        _ = refresh()
        let bytes = Array(sequence.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }

    func close() {
        _ = curs_set(1)
        _ = endwin()
    }

    /// Forget what is on screen: the next frame is written whole (resize, Ctrl-L).
    func invalidate(clearScreen: Bool) {
        previous = nil
        if clearScreen { _ = clearok(sitrep_stdscr(), true) }
    }

    func draw(_ grid: Grid) {
        let old = previous.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        if old == nil { _ = werase(sitrep_stdscr()) }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if let old, old[x, y] == cell, (x + 1 >= grid.width || old[x + 1, y] == grid[x + 1, y]) { continue }
                put(cell, x: Int32(x), y: Int32(y))
            }
        }
        previous = grid
        _ = wnoutrefresh(sitrep_stdscr())
        _ = doupdate()
    }

    private func put(_ cell: Cell, x: Int32, y: Int32) {
        let (attr, pair) = scheme.attributes(for: cell.style)
        var chars: [wchar_t] = cell.text.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map {
            wchar_t(bitPattern: $0.value)
        }
        if chars.isEmpty { chars = [wchar_t(32)] }
        chars.append(0)
        var cc = cchar_t()
        _ = setcchar(&cc, chars, attr, pair, nil)
        _ = mvwadd_wch(sitrep_stdscr(), y, x, &cc)
    }

    /// The next key, or nil when none is waiting. `resize` reports a terminal size change.
    func readKey() -> (key: Key?, resize: Bool)? {
        var ch: wint_t = 0
        let result = wget_wch(sitrep_stdscr(), &ch)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            let code = Int32(ch)
            if code == KEY_RESIZE { return (nil, true) }
            if code == KEY_MOUSE { return (mouseKey(), false) }
            return (KeyDecoder.function(code), false)
        }
        return (KeyDecoder.character(UInt32(ch)), false)
    }
}

extension CursesScreen {
    /// The wheel scrolls the selection; other mouse events are ignored.
    fileprivate func mouseKey() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        if event.bstate & sitrep_mouse_wheel_up() != 0 { return .up }
        if event.bstate & sitrep_mouse_wheel_down() != 0 { return .down }
        return nil
    }
}

enum KeyDecoder {
    static func function(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}
