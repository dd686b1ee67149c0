import Foundation

/// What one family of artifact writers puts where, and what its values mean: file locations,
/// the names (and nested paths) of fields, the time zone of naive timestamps, how a node's
/// health and staleness are derived, and the dialect of its incident journal. Built-in
/// profiles are YAML in `BuiltinProfiles`, read by the same `ProfileLoader` as a team's own.
public struct SourceProfile: Sendable, Equatable {
    /// Where the files are, relative to the root. Lists hold globs whose `*` matches within one
    /// path segment; the stream names are file names inside each run directory.
    public struct Files: Sendable, Equatable {
        public var nodeStates: [String] = []
        /// Per-node metrics files read as nodes (a cohort's `pilot/nodes/*/pilot_metrics.json`).
        public var nodeMetrics: [String] = []
        /// A runner config naming the node's state, metrics and log files and its cycle interval.
        public var nodeConfig: String?
        public var pilotMetrics: [String] = []
        public var runnerLog: String?
        public var runs = "results/runs"
        public var journal = "incident_events.jsonl"
        public var rootJournal = "incidents/incident_events.jsonl"
        public var orderReconciliation = "order_reconciliation_events.jsonl"
        public var positionReconciliation = "position_reconciliation_events.jsonl"
        public var sloEvents = "ops_slo_events.jsonl"
        public var dataQualityEvents = "data_quality_events.jsonl"
        public var dataQualityLatest = "data_quality_latest.json"
        public var gateway: [String] = []
        public var audit: [String] = []
        /// A read-only incident log (`pilot/incident_log.json`) whose open incidents are shown.
        public var incidentLog: String?
        /// Audit logs whose entries form one hash chain, in file name order (see
        /// `AuditChainVerifier`); empty when the writer keeps none.
        public var auditChain: [String] = []

        public init() {}
    }

    /// What a reconciliation record's values mean.
    public struct Reconciliation: Sendable, Equatable {
        /// A field holding the writer's own count of consecutive mismatching runs; when a record
        /// has it, it is the streak (and `status` then says whether the fetch worked, not
        /// whether the books matched).
        public var streakField: String?
        public var haltField: String?
        public var haltReasonField: String?
        /// `status` values meaning the check itself failed (nothing was compared).
        public var fetchFailedStatuses: [String] = []

        public init() {}
    }

    /// How a node's health is derived when its file has no health field.
    public struct Health: Sendable, Equatable {
        /// Canonical fields whose `false` makes a node unhealthy (`last_cycle_ok`).
        public var unhealthyWhenFalse: [String] = []
        /// Canonical fields whose non-empty text makes a node unhealthy (`last_error`).
        public var unhealthyWhenSet: [String] = []
        /// An uptime ratio below this makes a node degraded.
        public var degradedBelow: Double?

        public init() {}
    }

    /// When a node's heartbeat is late: after `intervals` of its own cycle interval.
    public struct Staleness: Sendable, Equatable {
        /// The config field holding a node's cycle interval in seconds.
        public var intervalField: String?
        /// The interval the writer uses when its config names none.
        public var defaultInterval: Double?
        public var intervals: Double = 2

        public init() {}
    }

    public var name: String
    public var description: String?
    /// The file it was read from; nil for a built-in.
    public var file: String?
    public var naiveZone: TimeZone = TimeZone(identifier: "UTC")!
    /// Canonical fields the writer stamps with its host's local clock (`datetime.now()`), read
    /// in `hostZone` when naive.
    public var hostTimeFields: [String] = []
    /// The writer's host zone: by default this machine's (Sitrep usually runs beside the writer).
    public var hostZone: TimeZone = .current
    /// Gateway files (patterns) whose halt holds only while `halted_until` is in the future (a
    /// halt reason left behind after the window means nothing), as trading-bot's gateway decides.
    public var haltRequiresUntil: [String] = []
    public var journalDialect: JournalDialect = .sitrep
    public var files = Files()
    /// Canonical field name → the names (or dotted paths) writers use, tried in order.
    public var fields: [String: [String]] = [:]
    public var reconciliation = Reconciliation()
    public var health = Health()
    public var staleness = Staleness()
    /// Globs whose presence under a root marks it as written by this family.
    public var recognize: [String] = []
    /// The policy a root of this family uses when nothing names one (`--policy`, the config
    /// file, the root's `.sitrep/policy.yaml`): the preset carrying the family's runbook.
    public var defaultPolicy: String?

    public init(name: String) { self.name = name }
}
