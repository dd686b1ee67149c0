/// The incidents of a picture, most pressing first: the active ones, then the resolved ones.
/// Two arrays rather than one, so a picture made at each instant shares the resolved history
/// with the one before instead of copying it behind the active incidents.
public struct IncidentList: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable {
    public private(set) var active: [IncidentView]
    public private(set) var resolved: [IncidentView]

    public init(active: [IncidentView], resolved: [IncidentView]) {
        self.active = active
        self.resolved = resolved
    }

    /// From one list in order (active ones first).
    public init(_ views: some Sequence<IncidentView>) {
        var active: [IncidentView] = []
        var resolved: [IncidentView] = []
        for view in views {
            if view.incident.isActive { active.append(view) } else { resolved.append(view) }
        }
        self.init(active: active, resolved: resolved)
    }

    public init(arrayLiteral views: IncidentView...) { self.init(views) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { active.count + resolved.count }

    public subscript(position: Int) -> IncidentView {
        get { position < active.count ? active[position] : resolved[position - active.count] }
        set {
            if position < active.count {
                active[position] = newValue
            } else {
                resolved[position - active.count] = newValue
            }
        }
    }
}
