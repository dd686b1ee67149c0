/// The names a field goes by, compiled once: plain top-level keys, and dotted paths into nested
/// objects (`health.last_cycle_ok`, `payload.gateway_state.halt_reason`), tried in order.
public struct FieldLookup: Sendable {
    public let names: [String]
    private let steps: [[String]]

    public init(_ names: [String]) {
        self.names = names
        steps = names.map { name in name.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The first present, non-null value, and the name it was found under.
    public func match(in object: JSONObject) -> (name: String, value: JSONValue)? {
        for (index, path) in steps.enumerated() {
            var current: JSONValue? = object[path[0]]
            for key in path.dropFirst() { current = current?[key] }
            if let current, !current.isNull { return (names[index], current) }
        }
        return nil
    }

    public func value(in object: JSONObject) -> JSONValue? { match(in: object)?.value }

    /// The top-level keys these names start with, for the scanner's key set.
    public var topLevelKeys: [String] { steps.map { $0[0] } }
}
