import Foundation
import IncidentKit

/// The console's pure update function: a message changes the state and may ask the loop for
/// effects. Nothing here touches the terminal or the disk.
public enum Update {
    public static let flashSeconds: TimeInterval = 6

    public static func apply(_ message: Message, to state: inout AppState) -> [Effect] {
        switch message {
        case .key(let key): return handle(key, &state)
        case .resize(let w, let h):
            state.width = w
            state.height = h
            return [.redrawAll]
        case .picture(let picture, let dataChanged):
            state.picture = picture
            if dataChanged { state.dataChangedAt = picture.now }
            if let flash = state.flash, flash.until <= picture.now { state.flash = nil }
            keepSelectionValid(&state)
            followNewRun(&state)
            // Alerts wait for the whole history: what it holds is old news, not an event.
            guard state.loading == nil else { return [] }
            let alerts = state.alerts.alerts(in: picture)
            return alerts.isEmpty ? [] : [.alert(alerts)]
        case .commandOutput(let text):
            commandOutput(text, &state)
            return []
        case .commandFinished(let end):
            commandFinished(end, &state)
            return []
        case .writeFinished(let text, let isError):
            flash(text, isError: isError, &state)
            return []
        case .loading(let text):
            state.loading = text
            return []
        case .recalled(let view):
            state.recalled = view
            return []
        }
    }

    public static func flash(_ text: String, isError: Bool, _ state: inout AppState) {
        state.flash = Flash(text: text, isError: isError, until: state.now.addingTimeInterval(flashSeconds))
    }

    static func keepSelectionValid(_ state: inout AppState) {
        let visible = state.visibleIncidents
        if !visible.contains(where: { $0.incident.id == state.selectedIncidentID }) {
            state.selectedIncidentID = visible.first?.incident.id
        }
        state.signalIndex = min(state.signalIndex, max(0, state.picture.signals.count - 1))
        state.nodeIndex = min(state.nodeIndex, max(0, state.picture.nodes.count - 1))
        if case .detail(let id, _) = state.overlay, !state.picture.incidents.contains(where: { $0.incident.id == id }) {
            state.overlay = nil
        }
        if case .nodeDetail(let id, _) = state.overlay, !state.picture.nodes.contains(where: { $0.node.id == id }) {
            state.overlay = nil
        }
    }

    private static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        if key == .ctrl("c") { return state.commandRunning ? [.interruptCommand] : quit(&state) }
        if key == .ctrl("l") { return [.redrawAll] }
        switch state.overlay {
        case .help(let scroll, let over)?:
            return handleHelp(key, scroll: scroll, over: over, &state)
        case .detail(let id, let scroll)?:
            return handleDetail(key, id: id, scroll: scroll, &state)
        case .nodeDetail(let id, let scroll)?:
            handleNodeDetail(key, id: id, scroll: scroll, &state)
            return []
        case .form(var form)?:
            // The state lets go of the form first, so editing it does not copy its text: a
            // copy per key made a 20k-character paste take seconds and a megabyte never end.
            state.overlay = nil
            return handleForm(key, &form, &state)
        case .picker(let picker)?:
            return handlePicker(key, picker, &state)
        case .wizard(let session)?:
            return handleWizard(key, session, &state)
        case nil:
            break
        }
        if state.filterInput != nil { return handleFilter(key, &state) }
        return handleDashboard(key, &state)
    }

    /// The report is a file, not a journal event: written without a form, refused when read-only.
    static func report(_ id: String, _ state: inout AppState) -> [Effect] {
        if state.readOnly {
            flash("Read-only console: the report is not written (use `sitrep report \(id)`)", isError: true, &state)
            return []
        }
        guard let incident = state.incident(id) else { return [] }
        let root = state.picture.root
        let relative = IncidentReport.defaultPath(for: incident)
        state.overlay = .form(
            Form(
                kind: .report(incident: id, root: root), title: "Write the incident report",
                subtitle: "\(id): timeline, impact, root cause, rollback runs and the closure checklist, as Markdown",
                fields: [.init("File", (root.hasSuffix("/") ? root : root + "/") + relative, required: true)]))
        return []
    }

    private static func quit(_ state: inout AppState) -> [Effect] {
        state.wantsQuit = true
        return [.quit]
    }

    // MARK: dashboard

    private static func handleDashboard(_ key: Key, _ state: inout AppState) -> [Effect] {
        switch key {
        case .char("q"): return quit(&state)
        case .char("?"), .function(1): state.overlay = .help(scroll: 0, over: nil)
        case .char("j"), .down: move(1, &state)
        case .char("k"), .up: move(-1, &state)
        case .pageDown, .ctrl("f"): move(10, &state)
        case .pageUp, .ctrl("b"): move(-10, &state)
        case .char("g"), .home: move(-100_000, &state)
        case .char("G"), .end: move(100_000, &state)
        case .tab: cycleFocus(1, &state)
        case .backTab: cycleFocus(-1, &state)
        case .char("/"): state.filterInput = TextField(state.filter)
        case .escape:
            if !state.filter.isEmpty {
                state.filter = ""
                keepSelectionValid(&state)
            }
        case .enter:
            switch state.focus {
            case .incidents:
                if let id = state.selectedIncident?.incident.id { state.overlay = .detail(incident: id, scroll: 0) }
            case .signals: openDeclare(&state)
            case .nodes:
                if state.picture.nodes.indices.contains(state.nodeIndex) {
                    state.overlay = .nodeDetail(node: state.picture.nodes[state.nodeIndex].node.id, scroll: 0)
                }
            }
        case .char("d"): openDeclare(&state)
        case .char("s"):
            state.sortKey = state.sortKey.next
            flash("Incidents sorted by \(state.sortKey.rawValue)", isError: false, &state)
        case .char("H"):
            state.showResolved.toggle()
            keepSelectionValid(&state)
            flash(state.showResolved ? "Resolved incidents shown" : "Resolved incidents hidden", isError: false, &state)
        case .char("n"): nextMatch(1, &state)
        case .char("N"): nextMatch(-1, &state)
        case .char("r"):
            guard let id = state.selectedIncident?.incident.id else {
                flash("No incident selected", isError: true, &state)
                return []
            }
            openRollback(incident: id, &state)
        case .char("P"):
            guard let id = state.selectedIncident?.incident.id else {
                flash("No incident selected", isError: true, &state)
                return []
            }
            return report(id, &state)
        case .char("a"), .char("u"), .char("e"), .char("m"), .char("R"):
            guard let id = state.selectedIncident?.incident.id else {
                flash("No incident selected", isError: true, &state)
                return []
            }
            openForm(for: key, incident: id, &state)
        default: break
        }
        return []
    }

    private static func move(_ delta: Int, _ state: inout AppState) {
        switch state.focus {
        case .incidents:
            let visible = state.visibleIncidents
            guard !visible.isEmpty else { return }
            let selectedID = state.selectedIncident?.incident.id
            let current = visible.firstIndex { $0.incident.id == selectedID } ?? 0
            state.selectedIncidentID = visible[min(max(current + delta, 0), visible.count - 1)].incident.id
        case .signals:
            state.signalIndex = min(max(state.signalIndex + delta, 0), max(0, state.picture.signals.count - 1))
        case .nodes:
            state.nodeIndex = min(max(state.nodeIndex + delta, 0), max(0, state.picture.nodes.count - 1))
        }
    }

    /// With a filter kept, n/N move to the next/previous matching incident, wrapping around.
    private static func nextMatch(_ delta: Int, _ state: inout AppState) {
        guard !state.filter.isEmpty else {
            flash("No filter: / sets one, then n/N move between its matches", isError: true, &state)
            return
        }
        let visible = state.visibleIncidents
        guard !visible.isEmpty else {
            flash("No incident matches \"\(state.filter)\"", isError: true, &state)
            return
        }
        state.focus = .incidents
        let selectedID = state.selectedIncident?.incident.id
        let current = visible.firstIndex { $0.incident.id == selectedID } ?? 0
        let next = (current + delta + visible.count) % visible.count
        state.selectedIncidentID = visible[next].incident.id
        if (delta > 0 && next < current) || (delta < 0 && next > current) {
            flash("Search wrapped: match \(next + 1) of \(visible.count)", isError: false, &state)
        }
    }

    private static func cycleFocus(_ delta: Int, _ state: inout AppState) {
        let panes = Layout.visiblePanes(width: state.width, height: state.height)
        guard let index = panes.firstIndex(of: state.focus) else {
            state.focus = .incidents
            return
        }
        state.focus = panes[(index + delta + panes.count) % panes.count]
    }

    // MARK: help

    /// j/k and the page keys scroll the help; any other key closes it and returns to where it
    /// was opened (the wizard, the detail view), consumed there.
    private static func handleHelp(_ key: Key, scroll: Int, over: Overlay?, _ state: inout AppState) -> [Effect] {
        let delta: Int
        switch key {
        case .char("j"), .down: delta = 1
        case .char("k"), .up: delta = -1
        case .pageDown, .char(" "), .ctrl("f"): delta = 10
        case .pageUp, .ctrl("b"): delta = -10
        case .char("g"), .home: delta = -100_000
        case .char("G"), .end: delta = 100_000
        default:
            state.overlay = over
            return []
        }
        let limit = HelpOverlay.maxScroll(state, over: over)
        state.overlay = .help(scroll: min(max(0, scroll + delta), limit), over: over)
        return []
    }

    // MARK: filter

    private static func handleFilter(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var input = state.filterInput else { return [] }
        switch key {
        case .enter:
            state.filter = input.text
            state.filterInput = nil
            state.focus = .incidents
            state.selectedIncidentID = state.visibleIncidents.first?.incident.id
            if !state.filter.isEmpty, state.visibleIncidents.isEmpty {
                flash("No incident matches \"\(state.filter)\"", isError: true, &state)
            }
        case .escape:
            state.filter = ""
            state.filterInput = nil
            keepSelectionValid(&state)
        default:
            if input.handle(key) { state.filterInput = input }
            keepSelectionValid(&state)
        }
        return []
    }

    // MARK: detail

    private static func handleDetail(_ key: Key, id: String, scroll: Int, _ state: inout AppState) -> [Effect] {
        switch key {
        case .escape, .char("q"), .enter, .backspace: state.overlay = nil
        case .char("j"), .down: scrollDetail(id, to: scroll + 1, &state)
        case .char("k"), .up: scrollDetail(id, to: scroll - 1, &state)
        case .pageDown, .char(" "): scrollDetail(id, to: scroll + 10, &state)
        case .pageUp: scrollDetail(id, to: scroll - 10, &state)
        case .home, .char("g"): scrollDetail(id, to: 0, &state)
        case .end, .char("G"): scrollDetail(id, to: Int.max / 2, &state)
        case .char("?"), .function(1): state.overlay = .help(scroll: 0, over: state.overlay)
        case .char("r"): openRollback(incident: id, &state)
        case .char("P"): return report(id, &state)
        case .char("a"), .char("u"), .char("e"), .char("m"), .char("R"):
            guard state.picture.incidents.first(where: { $0.incident.id == id })?.incident.isActive == true else {
                flash("\(id) is resolved", isError: true, &state)
                return []
            }
            openForm(for: key, incident: id, &state)
        default: break
        }
        return []
    }

    /// The offset stays where the text moves: from the top to its last row at the bottom.
    private static func scrollDetail(_ id: String, to offset: Int, _ state: inout AppState) {
        let limit = DetailOverlay.maxScroll(state, incident: id)
        state.overlay = .detail(incident: id, scroll: min(max(0, offset), limit))
    }

    private static func handleNodeDetail(_ key: Key, id: String, scroll: Int, _ state: inout AppState) {
        // The offset stays where the text moves, as in the incident's detail.
        func scrollTo(_ offset: Int) {
            state.overlay = .nodeDetail(
                node: id, scroll: min(max(0, offset), NodeDetailOverlay.maxScroll(state, node: id)))
        }
        switch key {
        case .escape, .char("q"), .enter, .backspace: state.overlay = nil
        case .char("j"), .down: scrollTo(scroll + 1)
        case .char("k"), .up: scrollTo(scroll - 1)
        case .pageDown, .char(" "): scrollTo(scroll + 10)
        case .pageUp: scrollTo(scroll - 10)
        case .home, .char("g"): scrollTo(0)
        case .char("?"), .function(1): state.overlay = .help(scroll: 0, over: state.overlay)
        default: break
        }
    }

    // MARK: forms

    static func openForm(for key: Key, incident id: String, _ state: inout AppState) {
        if state.readOnly {
            flash("Read-only console: nothing can be written", isError: true, &state)
            return
        }
        guard let view = state.picture.incidents.first(where: { $0.incident.id == id }) else { return }
        let incident = view.incident
        if incident.readOnly {
            openDeclare(referencing: incident, &state)
            return
        }
        let subtitle = "\(incident.id) · \(incident.severity) · \(incident.title)"
        let who = Form.Field("Operator", state.operatorName, required: true)
        let form: Form
        switch key {
        case .char("a"):
            if let ack = incident.ack {
                flash(
                    "\(incident.id) was already acknowledged by \(ack.by ?? "unknown") at \(Timestamp.format(ack.at))",
                    isError: true, &state)
                return
            }
            form = Form(
                kind: .acknowledge(incident: id), title: "Acknowledge", subtitle: subtitle,
                fields: [who, .init("Note")], focused: 1)
        case .char("u"):
            form = Form(
                kind: .update(incident: id), title: "Post an update", subtitle: subtitle,
                fields: [who, .init("Message", required: true)], focused: 1)
        case .char("e"):
            let maxLevel = state.picture.policy.levels.map(\.level).max() ?? (view.escalation.recordedLevel + 1)
            let target = min(max(view.escalation.dueLevel, view.escalation.recordedLevel + 1), maxLevel)
            guard target > view.escalation.recordedLevel else {
                flash(
                    "\(incident.id) is already at the top level (L\(view.escalation.recordedLevel))", isError: true,
                    &state)
                return
            }
            let reason = view.escalation.isOverdue ? "due by policy \(state.picture.policy.name)" : ""
            form = Form(
                kind: .escalate(incident: id), title: "Escalate", subtitle: subtitle,
                fields: [
                    who, .init("Level", "\(target)", required: true, numeric: true),
                    .init("Reason", reason, required: true),
                ],
                focused: 2)
        case .char("m"):
            if incident.mitigation != nil {
                flash("\(incident.id) is already mitigated", isError: true, &state)
                return
            }
            form = Form(
                kind: .mitigate(incident: id), title: "Mark mitigated", subtitle: subtitle,
                fields: [who, .init("Notes")], focused: 1)
        default:
            form = Form(
                kind: .resolve(incident: id), title: "Resolve", subtitle: subtitle,
                fields: [who, .init("Root cause", required: true)], focused: 1)
        }
        state.overlay = .form(form)
    }

    private static func openDeclare(_ state: inout AppState) {
        if state.readOnly {
            flash("Read-only console: nothing can be written", isError: true, &state)
            return
        }
        guard let signal = state.selectedSignal else {
            flash("No signal selected (Tab to the Signals pane)", isError: true, &state)
            return
        }
        let form = Form(
            kind: .declare(
                signalKey: signal.key, runID: signal.runID(under: state.picture.runsDirectory), source: signal.source,
                subject: signal.subject),
            title: "Declare an incident from this signal",
            subtitle: "\(signal.detector.rawValue): \(signal.subject)",
            fields: [
                .init("Operator", state.operatorName, required: true),
                .init("Severity", signal.severity, required: true),
                .init("Title", signal.message, required: true),
            ], focused: 2)
        state.overlay = .form(form)
    }

    /// An incident of a read-only log (`pilot/incident_log.json`) cannot take a write; the
    /// commander is told so at once and offered a journal incident that references it.
    static func openDeclare(referencing incident: Incident, _ state: inout AppState) {
        let form = Form(
            kind: .declare(
                signalKey: "logged:\(incident.id)", runID: nil, source: "incident_log:\(incident.journal)",
                subject: incident.id),
            title: "Read-only: declare a journal incident for it?",
            subtitle: "\(incident.id) is only read from \(incident.journal); Sitrep writes nothing there",
            fields: [
                .init("Operator", state.operatorName, required: true),
                .init("Severity", incident.severity, required: true),
                .init("Title", "\(incident.id): \(incident.title)", required: true),
            ], focused: 2)
        state.overlay = .form(form)
    }

    /// A form opened from the wizard goes back to it.
    private static func closeForm(_ state: inout AppState) {
        state.overlay = state.formReturnsTo.map(Overlay.wizard)
        state.formReturnsTo = nil
    }

    private static func handleForm(_ key: Key, _ form: inout Form, _ state: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            closeForm(&state)
            return []
        case .function(1):
            state.overlay = .help(scroll: 0, over: .form(form))
            return []
        case .tab, .down:
            form.focused = (form.focused + 1) % form.fields.count
        case .backTab, .up:
            form.focused = (form.focused - 1 + form.fields.count) % form.fields.count
        case .enter:
            switch form.request() {
            case .success(let effect):
                closeForm(&state)
                return [effect]
            case .failure(let error):
                form.error = error.message
                form.focused = error.field
            }
        default:
            if form.fields[form.focused].input.handle(key) {
                form.error =
                    form.fields[form.focused].input.overflowed
                    ? "\(form.fields[form.focused].label) holds at most \(TextField.maxLength) characters; the rest was not taken"
                    : nil
            }
        }
        state.overlay = .form(form)
        return []
    }
}
