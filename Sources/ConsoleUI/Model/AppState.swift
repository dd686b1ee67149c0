import Foundation
import IncidentKit

public enum FocusPane: Int, CaseIterable, Sendable {
    case incidents, signals, nodes

    var title: String {
        switch self {
        case .incidents: return "Incidents"
        case .signals: return "Signals"
        case .nodes: return "Nodes"
        }
    }
}

public indirect enum Overlay: Equatable, Sendable {
    /// Help about the overlay it was opened over (nil: the dashboard); closing it returns there.
    case help(scroll: Int, over: Overlay?)
    case detail(incident: String, scroll: Int)
    /// One node in full, with its runner log's last cycle.
    case nodeDetail(node: String, scroll: Int)
    case form(Form)
    case picker(RunbookPicker)
    case wizard(WizardSession)
}

/// A short message in the footer: the result of a write, or why a key did nothing.
public struct Flash: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var until: Date
}

/// Everything the console shows, as plain values. `update` changes it; views draw it.
public struct AppState: Sendable {
    public var picture: Picture
    public var width: Int
    public var height: Int
    public var operatorName: String
    public var readOnly: Bool
    public var ascii: Bool
    /// When artifacts last changed on disk (the header's data freshness).
    public var dataChangedAt: Date
    public var loading: String?
    /// The zone of the header's local clock.
    public var localTimeZone: TimeZone = .current
    /// Names of the console's environment variables: runbook commands inherit them, so the
    /// wizard does not ask for them.
    public var inheritedVariables: Set<String> = []

    public var focus: FocusPane = .incidents
    public var selectedIncidentID: String?
    public var signalIndex = 0
    public var nodeIndex = 0
    public var filter = ""
    /// The order of the incident list, and whether resolved incidents are listed after the active.
    public var sortKey: IncidentSortKey = .severity
    public var showResolved = false
    /// The incident the detail view shows, read back whole when the picture holds it compact
    /// (a resolved incident keeps its events on disk).
    public var recalled: IncidentView?
    public var filterInput: TextField?
    public var overlay: Overlay?
    public var flash: Flash?
    public var wantsQuit = false
    /// The runbooks the wizard can offer.
    public var runbooks = RunbookCatalog()
    /// Wizard runs started here are drills: nothing executes, events are marked.
    public var drill = false
    /// The wizard to return to when a form opened from it closes.
    public var formReturnsTo: WizardSession?
    /// The command the wizard is running, or ran last.
    public var command: CommandProgress?
    /// The effective key bindings, for the footer and help (and the loop's translation).
    public var keys = KeyBindings.defaults
    /// The events that rang the bell, so each rings once.
    public var alerts = AlertTracker()

    public init(
        picture: Picture, width: Int, height: Int, operatorName: String, readOnly: Bool = false, ascii: Bool = false,
        dataChangedAt: Date? = nil
    ) {
        self.picture = picture
        self.width = width
        self.height = height
        self.operatorName = operatorName
        self.readOnly = readOnly
        self.ascii = ascii
        self.dataChangedAt = dataChangedAt ?? picture.now
        selectedIncidentID = visibleIncidents.first?.incident.id
    }

    public var now: Date { picture.now }

    /// The incidents listed: active ones (and resolved ones when shown), in the chosen order.
    public var listedIncidents: IncidentList {
        let listed = showResolved ? picture.incidents : IncidentList(active: picture.activeIncidents, resolved: [])
        guard sortKey != .severity else { return listed }
        return IncidentList(listed.sorted { PictureBuilder.isMorePressing($0, $1, by: sortKey) })
    }

    /// Listed incidents matching the filter.
    public var visibleIncidents: IncidentList {
        let active = listedIncidents
        let needle = (filterInput?.text ?? filter).lowercased()
        guard !needle.isEmpty else { return active }
        return IncidentList(
            active.filter { view in
                let i = view.incident
                return [i.id, i.title, i.severity, i.state.rawValue, i.ack?.by ?? ""].contains {
                    $0.lowercased().contains(needle)
                }
            })
    }

    /// The incident `id` as the detail view shows it: read back whole when it was, else as the
    /// picture holds it.
    public func detailView(_ id: String) -> IncidentView? {
        if let recalled, recalled.incident.id == id { return recalled }
        return picture.incidents.first { $0.incident.id == id }
    }

    /// The detail view shows an incident the picture holds compact and that was not read back
    /// yet (or changed since): the loop reads it back.
    public var detailNeedsRecall: String? {
        guard case .detail(let id, _)? = overlay,
            let held = picture.incidents.first(where: { $0.incident.id == id })?.incident, held.isCompact
        else { return nil }
        if let recalled, recalled.incident.id == id, recalled.incident.eventCount == held.eventCount { return nil }
        return id
    }

    public var selectedIncident: IncidentView? {
        let visible = visibleIncidents
        return visible.first { $0.incident.id == selectedIncidentID } ?? visible.first
    }

    public var selectedSignal: Signal? {
        picture.signals.indices.contains(signalIndex) ? picture.signals[signalIndex] : nil
    }
}
