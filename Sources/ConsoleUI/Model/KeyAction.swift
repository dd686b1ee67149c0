/// Every remappable action with its default keys. `Update` matches the first default key of an
/// action (its canonical key); `KeyBindings` turns whatever key the user bound into that key
/// before the message reaches `Update`. To add an action: add a case here with its keys and help
/// text, and match its canonical key in `Update`. Ctrl-C (quit) and the text-editing keys of
/// forms and the filter line are not remappable.
public enum KeyAction: String, CaseIterable, Sendable {
    case up, down
    case pageUp = "page-up"
    case pageDown = "page-down"
    case first, last
    case nextPane = "next-pane"
    case previousPane = "previous-pane"
    case open, close, filter, help, redraw, quit
    case acknowledge, update, escalate, mitigate, resolve, declare, rollback, report
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    case sort
    case showResolved = "show-resolved"

    public var defaultKeys: [Key] {
        switch self {
        case .up: return [.char("k"), .up]
        case .down: return [.char("j"), .down]
        case .pageUp: return [.pageUp, .ctrl("b")]
        case .pageDown: return [.pageDown, .ctrl("f"), .char(" ")]
        case .first: return [.home, .char("g")]
        case .last: return [.end, .char("G")]
        case .nextPane: return [.tab]
        case .previousPane: return [.backTab]
        case .open: return [.enter]
        case .close: return [.escape, .backspace]
        case .filter: return [.char("/")]
        case .help: return [.char("?"), .function(1)]
        case .redraw: return [.ctrl("l")]
        case .quit: return [.char("q")]
        case .acknowledge: return [.char("a")]
        case .update: return [.char("u")]
        case .escalate: return [.char("e")]
        case .mitigate: return [.char("m")]
        case .resolve: return [.char("R")]
        case .declare: return [.char("d")]
        case .rollback: return [.char("r")]
        case .report: return [.char("P")]
        case .nextMatch: return [.char("n")]
        case .previousMatch: return [.char("N")]
        case .sort: return [.char("s")]
        case .showResolved: return [.char("H")]
        }
    }

    /// The key `Update` matches for this action.
    public var canonicalKey: Key { defaultKeys[0] }

    public var help: String {
        switch self {
        case .up, .down: return "move the selection (scroll in the detail view)"
        case .pageUp, .pageDown: return "page up / down"
        case .first, .last: return "first / last"
        case .nextPane, .previousPane: return "next / previous pane"
        case .open: return "detail (timeline, evidence); on a signal: declare"
        case .close: return "close the overlay or clear the filter"
        case .filter: return "filter incidents (Enter keeps it, Esc clears)"
        case .help: return "this help"
        case .redraw: return "redraw the screen"
        case .quit: return "quit (Ctrl-C always quits)"
        case .acknowledge: return "acknowledge the selected incident (with a note)"
        case .update: return "post an update"
        case .escalate: return "escalate to a level"
        case .mitigate: return "mark mitigated"
        case .resolve: return "resolve with the root cause"
        case .declare: return "declare an incident from the selected signal"
        case .rollback: return "rollback wizard: pick a runbook or resume the run (its keys are in its footer)"
        case .report: return "write the incident report (Markdown) beside the journal; the footer shows its path"
        case .nextMatch, .previousMatch: return "next / previous incident matching the filter (wraps around)"
        case .sort: return "sort incidents by severity, deadline or age (newest first)"
        case .showResolved: return "show or hide resolved incidents (listed after the active ones)"
        }
    }
}
