import Foundation

/// Where a fact came from: a file, and a line or a field in it.
public struct Evidence: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var field: String?
    public var value: String?

    public init(path: String, line: Int? = nil, field: String? = nil, value: String? = nil) {
        self.path = path
        self.line = line
        self.field = field
        self.value = value
    }

    public var description: String {
        var s = path
        if let line { s += ":\(line)" }
        if let field { s += " \(field)" }
        if let value { s += "=\(value)" }
        return s
    }
}

public enum NodeHealth: String, Sendable {
    case ok, degraded, unhealthy, unknown

    public init(text: String?) {
        switch text?.lowercased() {
        case nil: self = .unknown
        case "ok", "healthy", "up", "green", "pass", "passing", "running", "ready", "true": self = .ok
        case "degraded", "warning", "warn", "yellow", "partial": self = .degraded
        default: self = .unhealthy
        }
    }
}

/// One node's state from a `node_state.json`.
public struct NodeState: Sendable {
    public var id: String
    public var path: String
    public var health: NodeHealth
    public var rawHealth: String?
    public var lastHeartbeat: Date?
    public var uptimeRatio: Double?
    public var lastCycleOK: Bool?
    public var failingSmokeStep: String?
    public var fields: JSONObject
    /// The field the health was read from; nil when the profile derived it (then `rawHealth`
    /// says why, e.g. `last_cycle_ok=false`).
    public var healthField: String?
    public var lastError: String?
    /// The node's own cycle interval in seconds, when its runner's config (or the profile)
    /// says; its heartbeat is late after the profile's number of intervals.
    public var cycleInterval: TimeInterval?
}

/// A running summary of a reconciliation stream (orders or positions) of one run.
public struct ReconciliationSummary: Sendable, Equatable, Codable {
    public var kind: String
    public var runID: String
    public var path: String
    public var total = 0
    public var passed = 0
    /// Consecutive mismatches at the end of the stream.
    public var streak = 0
    /// Clean checks since the last mismatch.
    public var cleanSinceMismatch = 0
    public var streakStartedAt: Date?
    public var lastAt: Date?
    public var lastMismatchLine: Int?
    public var lastMismatchIDs: [String] = []
    /// The writer recommends halting trading (trading-bot's `halt_recommended`).
    public var haltRecommended = false
    public var haltReason: String?
    /// Runs whose check could not fetch anything to compare.
    public var fetchFailures = 0
    public var lastError: String?

    public var passRate: Double? { total == 0 ? nil : Double(passed) / Double(total) }
}

/// The latest evaluation of one SLO in one run.
public struct SLOReading: Sendable, Equatable, Codable {
    public var slo: String
    public var runID: String
    public var path: String
    public var line: Int
    public var at: Date?
    public var value: Double?
    public var target: Double?
    public var breached: Bool
    public var severity: String?
    public var message: String?
}

/// The latest data quality cycle of one run.
public struct DataQualityReading: Sendable, Equatable, Codable {
    public var runID: String
    public var path: String
    public var line: Int?
    public var at: Date?
    public var errors: Int?
    public var staleWarnings: Int?
}

/// The gateway's kill switch / trading halt state.
public struct GatewayState: Sendable {
    public var path: String
    /// An explicit kill-switch flag, when the file has one.
    public var killSwitch: Bool?
    public var reason: String?
    public var haltedUntil: Date?
    public var since: Date?
    /// When the file last stated this (its own timestamp).
    public var asOf: Date?
    /// Halted only while `haltedUntil` is ahead (see `SourceProfile.haltRequiresUntil`).
    public var requiresUntil = false
    public var reasonField: String?

    /// Engaged: the flag says so, or (without a flag) a halt reason whose end has not passed.
    public func isEngaged(at now: Date) -> Bool {
        if let killSwitch { return killSwitch }
        if requiresUntil { return haltedUntil.map { $0 > now } ?? false }
        guard reason != nil || haltedUntil != nil else { return false }
        return haltedUntil.map { $0 > now } ?? true
    }
}

/// Audit events of one type seen in one audit log.
public struct AuditSummary: Sendable, Equatable, Codable {
    public var type: String
    public var path: String
    public var count = 0
    public var lastLine = 0
    public var lastAt: Date?
    public var lastMessage: String?
}
