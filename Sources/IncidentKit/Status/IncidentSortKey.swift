/// The orders the incident list can take (`s` in the console cycles them).
public enum IncidentSortKey: String, CaseIterable, Sendable {
    /// Most severe first, then the nearest deadline: the default, most pressing first.
    case severity
    /// The nearest (or most overdue) live timer first, whatever the severity.
    case deadline
    /// The newest incident first.
    case age

    public var next: IncidentSortKey {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
