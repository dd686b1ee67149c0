/// A resolved incident's view, held by reference: the resolved history is one array of
/// pointers that pictures share, so placing a newly resolved incident copies pointers, not the
/// views.
public final class ResolvedView: Sendable {
    public let view: IncidentView

    public init(_ view: IncidentView) { self.view = view }
}

/// The incidents of a picture, most pressing first: the active ones, then the resolved ones.
/// Two arrays rather than one, so a picture made at each instant shares the resolved history
/// with the one before instead of copying it behind the active incidents.
public struct IncidentList: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable {
    public private(set) var active: [IncidentView]
    private var resolved: [ResolvedView]

    public init(active: [IncidentView], resolved: [ResolvedView]) {
        self.active = active
        self.resolved = resolved
    }

    /// From one list in order (active ones first).
    public init(_ views: some Sequence<IncidentView>) {
        var active: [IncidentView] = []
        var resolved: [ResolvedView] = []
        for view in views {
            if view.incident.isActive { active.append(view) } else { resolved.append(ResolvedView(view)) }
        }
        self.init(active: active, resolved: resolved)
    }

    public init(arrayLiteral views: IncidentView...) { self.init(views) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { active.count + resolved.count }

    public subscript(position: Int) -> IncidentView {
        get { position < active.count ? active[position] : resolved[position - active.count].view }
        set {
            if position < active.count {
                active[position] = newValue
            } else {
                resolved[position - active.count] = ResolvedView(newValue)
            }
        }
    }
}
