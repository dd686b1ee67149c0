/// The effective keys of every action: the defaults, with the actions the config file names
/// bound to its keys instead. `translate` runs before a key reaches `Update`, so `Update`
/// keeps matching the default keys whatever the user bound.
public struct KeyBindings: Equatable, Sendable {
    public private(set) var keys: [KeyAction: [Key]]
    private var actionOfKey: [Key: KeyAction]

    public static let defaults = KeyBindings()

    public init() {
        keys = Dictionary(uniqueKeysWithValues: KeyAction.allCases.map { ($0, $0.defaultKeys) })
        actionOfKey = KeyBindings.index(keys)
    }

    /// Replaces the keys of some actions. Returns the key that two actions would share, if any.
    public init(overrides: [KeyAction: [Key]]) throws(KeyConflict) {
        var keys = Dictionary(uniqueKeysWithValues: KeyAction.allCases.map { ($0, $0.defaultKeys) })
        for (action, bound) in overrides { keys[action] = bound }
        for action in KeyAction.allCases {
            for key in keys[action] ?? [] {
                if let other = KeyAction.allCases.first(where: { $0 != action && keys[$0]?.contains(key) == true }) {
                    throw KeyConflict(key: key, actions: [action, other])
                }
            }
        }
        self.keys = keys
        actionOfKey = KeyBindings.index(keys)
    }

    private static func index(_ keys: [KeyAction: [Key]]) -> [Key: KeyAction] {
        var out: [Key: KeyAction] = [:]
        for (action, bound) in keys { for key in bound { out[key] = action } }
        return out
    }

    public func action(for key: Key) -> KeyAction? { actionOfKey[key] }

    /// The key `Update` should see. In forms, the filter line, the help (any key closes it) and
    /// the rollback wizard and its picker (their keys are fixed, see `KeyAction.rollback`) keys
    /// pass unchanged; elsewhere a bound key becomes its action's canonical key, a default
    /// key that is no longer bound to anything is dropped, and other keys pass.
    public func translate(_ key: Key, in state: AppState) -> Key? {
        if key == .ctrl("c") || state.filterInput != nil { return key }
        switch state.overlay {
        case .form?, .help?, .picker?, .wizard?: return key
        case .detail?, .nodeDetail?, nil: break
        }
        if let action = actionOfKey[key] { return action.canonicalKey }
        if KeyAction.allCases.contains(where: { $0.defaultKeys.contains(key) }) { return nil }
        return key
    }

    /// The first bound key's name, for the footer ("a ack").
    public func label(_ action: KeyAction) -> String {
        (keys[action]?.first).map(KeyName.display) ?? "unbound"
    }

    /// Every bound key's name, for the help ("k Up").
    public func labels(_ action: KeyAction) -> String {
        let names = (keys[action] ?? []).map(KeyName.display)
        return names.isEmpty ? "unbound" : names.joined(separator: " ")
    }
}

/// Two actions bound to one key.
public struct KeyConflict: Error, Equatable {
    public var key: Key
    public var actions: [KeyAction]
}
