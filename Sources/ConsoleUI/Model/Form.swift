import Foundation
import IncidentKit

/// A journal write the user asked for; the loop carries it out and reports back.
public enum WriteRequest: Equatable, Sendable {
    case acknowledge(id: String, by: String, notes: String)
    case update(id: String, by: String, message: String)
    case escalate(id: String, level: Int, by: String, reason: String)
    case mitigate(id: String, by: String, notes: String)
    case resolve(id: String, by: String, rootCause: String)
    case declare(severity: String, title: String, runID: String?, by: String, source: String, subject: String)
}

/// An overlay form. Nothing is written until it is submitted with Enter.
public struct Form: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case acknowledge(incident: String)
        case update(incident: String)
        case escalate(incident: String)
        case mitigate(incident: String)
        case resolve(incident: String)
        case declare(signalKey: String, runID: String?, source: String, subject: String)
        /// The report file: one field, its path, shown in full; it must stay under `root`.
        case report(incident: String, root: String)
    }

    public struct Field: Equatable, Sendable {
        public var label: String
        public var input: TextField
        public var required: Bool
        public var numeric: Bool

        public init(_ label: String, _ value: String = "", required: Bool = false, numeric: Bool = false) {
            self.label = label
            self.input = TextField(value)
            self.required = required
            self.numeric = numeric
        }
    }

    public var kind: Kind
    public var title: String
    public var subtitle: String
    public var fields: [Field]
    public var focused: Int
    public var error: String?

    public init(kind: Kind, title: String, subtitle: String, fields: [Field], focused: Int = 0) {
        self.kind = kind
        self.title = title
        self.subtitle = subtitle
        self.fields = fields
        self.focused = min(focused, max(0, fields.count - 1))
    }

    func value(_ index: Int) -> String { fields[index].input.text.trimmingCharacters(in: .whitespaces) }

    /// What Enter asks the loop to do, or an error naming the field to fix.
    func request() -> Result<Effect, FormError> {
        for (i, field) in fields.enumerated() {
            if field.required, value(i).isEmpty {
                return .failure(FormError(field: i, message: "\(field.label) is required"))
            }
            if field.numeric, Int(value(i)) == nil {
                return .failure(FormError(field: i, message: "\(field.label) must be a number"))
            }
        }
        switch kind {
        case .acknowledge(let id): return .success(.write(.acknowledge(id: id, by: value(0), notes: value(1))))
        case .update(let id): return .success(.write(.update(id: id, by: value(0), message: value(1))))
        case .escalate(let id):
            return .success(.write(.escalate(id: id, level: Int(value(1))!, by: value(0), reason: value(2))))
        case .mitigate(let id): return .success(.write(.mitigate(id: id, by: value(0), notes: value(1))))
        case .resolve(let id): return .success(.write(.resolve(id: id, by: value(0), rootCause: value(1))))
        case .declare(_, let runID, let source, let subject):
            return .success(
                .write(
                    .declare(
                        severity: value(1), title: value(2), runID: runID, by: value(0), source: source,
                        subject: subject)))
        case .report(let id, let root):
            let prefix = root.hasSuffix("/") ? root : root + "/"
            let path = value(0)
            let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
            guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains(".."), relative.hasSuffix(".md")
            else {
                return .failure(
                    FormError(
                        field: 0,
                        message:
                            "A report goes under \(root) as a .md file (elsewhere: sitrep report \(id) --output FILE)"
                    ))
            }
            return .success(.writeReport(incident: id, relativePath: relative))
        }
    }
}

struct FormError: Error, Equatable {
    var field: Int
    var message: String
}
