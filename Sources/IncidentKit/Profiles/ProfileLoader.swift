import Foundation

/// Reads a source profile from YAML, naming file, line and field for every error (the
/// `PolicyError` of policies). A profile may `extend` a built-in one: its lists of locations
/// and field names go in front of the base's, its single values replace the base's.
public enum ProfileLoader {
    public static func load(path: String) throws -> SourceProfile {
        try parse(text: try FileType.readText(path), file: path)
    }

    public static func parse(text: String, file: String, builtins: [String: SourceProfile] = BuiltinProfiles.byName)
        throws -> SourceProfile
    {
        let root = try YAMLReader.load(text: text, file: file)
        let top = try root.mapping(allowed: [
            "name", "description", "extends", "naive_timezone", "journal_dialect", "recognize", "files", "fields",
            "reconciliation", "health", "staleness", "host_time_fields", "host_timezone", "halt", "policy",
        ])
        guard let nameNode = top["name"] else { throw root.missing("name", "the profile needs a `name`") }
        var profile: SourceProfile
        if let extendsNode = top["extends"] {
            let base = try extendsNode.string()
            guard var found = builtins[base] else {
                throw extendsNode.error(
                    "unknown profile \"\(base)\" (built-in: \(builtins.keys.sorted().joined(separator: ", ")))")
            }
            found.recognize = []
            profile = found
        } else {
            profile = SourceProfile(name: "")
        }
        profile.name = try nameNode.string()
        profile.description = try top["description"]?.string()
        if let policy = top["policy"] { profile.defaultPolicy = try policy.string() }
        profile.file = file.hasPrefix("builtin:") ? nil : file
        if let zone = top["naive_timezone"] {
            let id = try zone.string()
            guard let tz = TimeZone(identifier: id) else { throw zone.error("unknown time zone \"\(id)\"") }
            profile.naiveZone = tz
        }
        if let fields = top["host_time_fields"] { profile.hostTimeFields = try fields.stringList() }
        if let zone = top["host_timezone"] {
            let id = try zone.string()
            if id == "local" {
                profile.hostZone = .current
            } else {
                guard let tz = TimeZone(identifier: id) else { throw zone.error("unknown time zone \"\(id)\"") }
                profile.hostZone = tz
            }
        }
        if let halt = top["halt"] {
            let f = try halt.mapping(allowed: ["requires_until"])
            if let v = f["requires_until"] { profile.haltRequiresUntil = try paths(v) }
        }
        if let dialect = top["journal_dialect"] {
            let raw = try dialect.string()
            guard let known = JournalDialect(rawValue: raw) else {
                throw dialect.error(
                    "unknown journal dialect \"\(raw)\" (known: \(JournalDialect.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            profile.journalDialect = known
        }
        if let recognize = top["recognize"] { profile.recognize = try paths(recognize) + profile.recognize }
        if let files = top["files"] { try parseFiles(files, into: &profile.files) }
        if let fields = top["fields"] {
            for (key, value) in try fields.mapping(allowed: nil) {
                let names = try value.stringList()
                guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                    throw value.error("expected one or more field names")
                }
                profile.fields[key] = names + (profile.fields[key] ?? []).filter { !names.contains($0) }
            }
        }
        if let node = top["reconciliation"] {
            let f = try node.mapping(allowed: ["streak", "halt", "halt_reason", "fetch_failed_status"])
            if let v = f["streak"] { profile.reconciliation.streakField = try v.string() }
            if let v = f["halt"] { profile.reconciliation.haltField = try v.string() }
            if let v = f["halt_reason"] { profile.reconciliation.haltReasonField = try v.string() }
            if let v = f["fetch_failed_status"] { profile.reconciliation.fetchFailedStatuses = try v.stringList() }
        }
        if let node = top["health"] {
            let f = try node.mapping(allowed: ["unhealthy_when_false", "unhealthy_when_set", "degraded_below"])
            if let v = f["unhealthy_when_false"] { profile.health.unhealthyWhenFalse = try v.stringList() }
            if let v = f["unhealthy_when_set"] { profile.health.unhealthyWhenSet = try v.stringList() }
            if let v = f["degraded_below"] {
                let ratio = try v.double()
                guard (0...1).contains(ratio) else {
                    throw v.error("expected a ratio between 0 and 1 (or a percentage)")
                }
                profile.health.degradedBelow = ratio
            }
        }
        if let node = top["staleness"] {
            let f = try node.mapping(allowed: ["interval_field", "default_interval", "intervals"])
            if let v = f["interval_field"] { profile.staleness.intervalField = try v.string() }
            if let v = f["default_interval"] {
                profile.staleness.defaultInterval = Double(try v.duration().wallSeconds)
            }
            if let v = f["intervals"] {
                let n = try v.double()
                guard n > 0, n <= 1000 else { throw v.error("expected a number of intervals above 0") }
                profile.staleness.intervals = n
            }
        }
        return profile
    }

    private static let fileKeys: Set<String> = [
        "node_states", "node_metrics", "node_config", "pilot_metrics", "runner_log", "runs", "journal", "root_journal",
        "order_reconciliation", "position_reconciliation", "slo_events", "data_quality_events", "data_quality_latest",
        "gateway", "audit", "incident_log", "audit_chain",
    ]

    private static func parseFiles(_ node: YAMLReader, into files: inout SourceProfile.Files) throws {
        let f = try node.mapping(allowed: fileKeys)
        func list(_ key: String, _ target: inout [String]) throws {
            if let v = f[key] {
                let added = try paths(v)
                target = added + target.filter { !added.contains($0) }
            }
        }
        func one(_ key: String, _ target: inout String) throws {
            if let v = f[key] { target = try paths(v, single: true)[0] }
        }
        func optional(_ key: String, _ target: inout String?) throws {
            if let v = f[key] { target = try paths(v, single: true)[0] }
        }
        func name(_ key: String, _ target: inout String) throws {
            guard let v = f[key] else { return }
            let text = try v.string()
            guard !text.isEmpty, !text.contains("/"), text != ".", text != ".." else {
                throw v.error("expected a file name (no directory)")
            }
            target = text
        }
        try list("node_states", &files.nodeStates)
        try list("node_metrics", &files.nodeMetrics)
        try optional("node_config", &files.nodeConfig)
        try list("pilot_metrics", &files.pilotMetrics)
        try optional("runner_log", &files.runnerLog)
        try one("runs", &files.runs)
        try name("journal", &files.journal)
        try one("root_journal", &files.rootJournal)
        try name("order_reconciliation", &files.orderReconciliation)
        try name("position_reconciliation", &files.positionReconciliation)
        try name("slo_events", &files.sloEvents)
        try name("data_quality_events", &files.dataQualityEvents)
        try name("data_quality_latest", &files.dataQualityLatest)
        try list("gateway", &files.gateway)
        try list("audit", &files.audit)
        try optional("incident_log", &files.incidentLog)
        try list("audit_chain", &files.auditChain)
    }

    /// Relative paths inside the root: no leading `/`, no `..` segment.
    private static func paths(_ node: YAMLReader, single: Bool = false) throws -> [String] {
        let values = single ? [try node.string()] : try node.stringList()
        for value in values {
            let segments = value.split(separator: "/", omittingEmptySubsequences: false)
            guard !value.isEmpty, !value.hasPrefix("/"), !segments.contains(".."), !segments.contains("") else {
                throw node.error("\"\(value)\" is not a relative path inside the root")
            }
        }
        return values
    }
}
