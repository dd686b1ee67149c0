/// The last few values of one measure, oldest first: what a sparkline draws.
public struct RecentValues: Equatable, Sendable {
    public static let capacity = 32
    public private(set) var values: [Double] = []

    public init() {}

    public mutating func append(_ value: Double) {
        guard value.isFinite else { return }
        values.append(value)
        if values.count > Self.capacity { values.removeFirst(values.count - Self.capacity) }
    }
}

/// Recent values per subject, appended as the artifact store reads them: each reconciliation
/// record (1 passed, 0 mismatched), each new uptime ratio of a node, each data-quality cycle's
/// error count. Bounded: `RecentValues.capacity` per subject.
public struct Trends: Sendable {
    public enum Measure: String, Sendable {
        case reconciliation, uptime, dataQualityErrors
    }

    public private(set) var series: [String: RecentValues] = [:]

    public init() {}

    public static func key(_ measure: Measure, _ subject: String) -> String { "\(measure.rawValue):\(subject)" }

    public mutating func record(_ measure: Measure, _ subject: String, _ value: Double) {
        series[Self.key(measure, subject), default: RecentValues()].append(value)
    }

    /// Many values of one subject at once (a slice of a history), with one lookup.
    public mutating func record(_ measure: Measure, _ subject: String, _ values: [Double]) {
        guard !values.isEmpty else { return }
        let key = Self.key(measure, subject)
        var ring = series[key] ?? RecentValues()
        for value in values.suffix(RecentValues.capacity) { ring.append(value) }
        series[key] = ring
    }

    public func values(_ measure: Measure, _ subject: String) -> [Double] {
        series[Self.key(measure, subject)]?.values ?? []
    }
}
