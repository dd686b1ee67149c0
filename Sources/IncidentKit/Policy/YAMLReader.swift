import Foundation
import Yams

/// Typed access to a YAML node that remembers where it came from, so every error names the
/// file, the line and the dotted field path.
public struct YAMLReader {
    let node: Node
    public let file: String
    public let path: String

    public var line: Int? { node.mark?.line }

    public static let emptyMessage = "the file is empty"

    public func error(_ message: String) -> PolicyError {
        PolicyError(file: file, line: line, field: path, message: message)
    }

    public static func load(text: String, file: String) throws -> YAMLReader {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PolicyError(file: file, line: 1, field: "", message: emptyMessage)
            }
            return YAMLReader(node: node, file: file, path: "")
        } catch let error as PolicyError {
            throw error
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            // Yams rejects repeated keys before `mapping(allowed:)` sees them; keep the line and key.
            throw PolicyError(
                file: file, line: context.mark.line, field: duplicates.joined(separator: ", "), message: "appears twice"
            )
        } catch let error as YamlError {
            throw PolicyError(
                file: file, line: YAMLReader.line(of: error), field: "", message: "not valid YAML: \(error)")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    /// A required key missing from this mapping: names the key's path, at the mapping's line.
    public func missing(_ key: String, _ message: String) -> PolicyError {
        PolicyError(file: file, line: line, field: path.isEmpty ? key : "\(path).\(key)", message: message)
    }

    private func child(_ node: Node, _ name: String) -> YAMLReader {
        YAMLReader(node: node, file: file, path: path.isEmpty ? name : "\(path).\(name)")
    }

    /// The mapping's entries, rejecting keys the caller does not know (typos must not pass
    /// silently); `allowed: nil` takes any key.
    public func mapping(allowed: Set<String>?) throws -> [String: YAMLReader] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping") }
        var out: [String: YAMLReader] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error("keys must be text") }
            let reader = child(value, name)
            if let allowed, !allowed.contains(name) {
                throw YAMLReader(node: key, file: file, path: reader.path).error(
                    "unknown field (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard out[name] == nil else { throw reader.error("appears twice") }
            out[name] = reader
        }
        return out
    }

    public func sequence() throws -> [YAMLReader] {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { child($1, "[\($0)]").withPath("\(path)[\($0)]") }
    }

    private func withPath(_ p: String) -> YAMLReader { YAMLReader(node: node, file: file, path: p) }

    /// A list, or a single scalar read as a one-item list.
    public func stringList() throws -> [String] {
        if case .scalar = node { return [try string()] }
        return try sequence().map { try $0.string() }
    }

    public func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected text") }
        return scalar.string
    }

    public func int() throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw error("expected a whole number")
        }
        return value
    }

    public func double() throws -> Double {
        guard case .scalar(let scalar) = node else { throw error("expected a number") }
        var text = scalar.string.trimmingCharacters(in: .whitespaces)
        var percent = false
        if text.hasSuffix("%") {
            text.removeLast()
            percent = true
        }
        guard let value = Double(text) else { throw error("expected a number") }
        // Dividing keeps 95% at the double nearest 0.95 (95 * 0.01 is not).
        return percent ? value / 100 : value
    }

    public func bool() throws -> Bool {
        guard let value = node.bool else { throw error("expected true or false") }
        return value
    }

    public func duration() throws -> PolicyDuration {
        guard let d = PolicyDuration.parse(try string()) else {
            throw error("expected a duration like 90s, 15m, 4h or 2d, at most \(PolicyDuration.maxDays)d")
        }
        return d
    }

    /// `HH:MM` as minutes after midnight.
    public func timeOfDay() throws -> Int {
        let text = try string()
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h),
            (0..<60).contains(m),
            h * 60 + m <= 24 * 60
        else { throw error("expected a time like 09:00") }
        return h * 60 + m
    }
}
