/// A rectangle of the screen.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Where the panes go for a terminal size. At 80x24 and up all four panes show; smaller
/// terminals drop the signals/nodes row, then escalation, then the SLA pane, and below
/// `minimum` the console only says it is too small.
public struct Layout: Equatable, Sendable {
    public static let minimum = (width: 40, height: 10)

    public var header: Rect
    public var banner: Rect?
    public var incidents: Rect
    public var timers: Rect?
    public var escalation: Rect?
    public var signals: Rect?
    public var nodes: Rect?
    public var footer: Rect

    public static func tooSmall(width: Int, height: Int) -> Bool {
        width < minimum.width || height < minimum.height
    }

    static func visiblePanes(width: Int, height: Int) -> [FocusPane] {
        guard !tooSmall(width: width, height: height) else { return [.incidents] }
        let layout = make(width: width, height: height, banner: false, incidentRows: 0)
        return [.incidents] + (layout.signals != nil ? [.signals] : []) + (layout.nodes != nil ? [.nodes] : [])
    }

    /// `incidentRows` is how many incidents there are to list: the incidents pane grows to show
    /// them, up to about 40% of the screen (half of a tall one), and gives the rest to the
    /// other panes.
    public static func make(width: Int, height: Int, banner: Bool, incidentRows: Int) -> Layout {
        let header = Rect(x: 0, y: 0, width: width, height: 1)
        let bannerRect = banner ? Rect(x: 0, y: 1, width: width, height: 1) : nil
        let top = banner ? 2 : 1
        let footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        let body = height - 1 - top
        var layout = Layout(
            header: header, banner: bannerRect, incidents: Rect(x: 0, y: top, width: width, height: body),
            footer: footer)
        if width >= 80 && height >= 24 {
            // A tall screen gives the incidents a third of the body even when few are listed
            // (the rows show resolved ones, or stay ready for the next), and up to half of it.
            let floor = body >= 36 ? body / 3 : 6
            let incidentsHeight = min(max(floor, incidentRows + 2), max(floor, body * (body >= 36 ? 50 : 40) / 100))
            let rest = body - incidentsHeight
            let middle = rest / 2
            let bottom = rest - middle
            let left = width / 2
            layout.incidents.height = incidentsHeight
            layout.timers = Rect(x: 0, y: top + incidentsHeight, width: left, height: middle)
            layout.escalation = Rect(x: left, y: top + incidentsHeight, width: width - left, height: middle)
            let signalsWidth = width * 56 / 100
            layout.signals = Rect(x: 0, y: top + incidentsHeight + middle, width: signalsWidth, height: bottom)
            layout.nodes = Rect(
                x: signalsWidth, y: top + incidentsHeight + middle, width: width - signalsWidth, height: bottom)
        } else if width >= 60 && body >= 14 {
            let incidentsHeight = min(max(5, incidentRows + 2), max(5, body * 45 / 100))
            let left = width / 2
            layout.incidents.height = incidentsHeight
            layout.timers = Rect(x: 0, y: top + incidentsHeight, width: left, height: body - incidentsHeight)
            layout.escalation = Rect(
                x: left, y: top + incidentsHeight, width: width - left, height: body - incidentsHeight)
        } else if body >= 10 {
            let incidentsHeight = max(4, body / 2)
            layout.incidents.height = incidentsHeight
            layout.timers = Rect(x: 0, y: top + incidentsHeight, width: width, height: body - incidentsHeight)
        }
        return layout
    }
}
