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
    /// A few resolved views placed among `resolved` without copying it, by their position in
    /// the resolved part of the list, ascending.
    private var placed: [(position: Int, view: IncidentView)] = []

    public init(active: [IncidentView], resolved: [ResolvedView]) {
        self.active = active
        self.resolved = resolved
    }

    /// `resolved` with `extra` (most pressing first) placed where `isMorePressing` puts them,
    /// after their equals; the shared `resolved` array is not copied.
    public init(
        active: [IncidentView], resolved: [ResolvedView], placing extra: [IncidentView],
        by isMorePressing: (IncidentView, IncidentView) -> Bool
    ) {
        self.init(active: active, resolved: resolved)
        for (rank, view) in extra.enumerated() {
            var low = 0
            var high = resolved.count
            while low < high {
                let middle = (low + high) / 2
                if isMorePressing(view, resolved[middle].view) { high = middle } else { low = middle + 1 }
            }
            placed.append((low + rank, view))
        }
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
    public var endIndex: Int { active.count + resolved.count + placed.count }

    public subscript(position: Int) -> IncidentView {
        get {
            if position < active.count { return active[position] }
            switch locate(position - active.count) {
            case .placed(let index): return placed[index].view
            case .shared(let index): return resolved[index].view
            }
        }
        set {
            if position < active.count {
                active[position] = newValue
                return
            }
            switch locate(position - active.count) {
            case .placed(let index): placed[index].view = newValue
            case .shared(let index): resolved[index] = ResolvedView(newValue)
            }
        }
    }

    private enum Slot { case placed(Int), shared(Int) }

    /// Where the resolved part's `position` is: a placed view, or the shared array's index.
    private func locate(_ position: Int) -> Slot {
        guard !placed.isEmpty else { return .shared(position) }
        var low = 0
        var high = placed.count
        while low < high {
            let middle = (low + high) / 2
            if placed[middle].position < position { low = middle + 1 } else { high = middle }
        }
        if low < placed.count, placed[low].position == position { return .placed(low) }
        return .shared(position - low)
    }
}
