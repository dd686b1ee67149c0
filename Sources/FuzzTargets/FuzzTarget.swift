/// One fuzz target: a name the runner selects it by and a body that feeds arbitrary bytes to one
/// parser. A body throws `FuzzViolation` when a property fails; a crash or hang inside the code
/// under test is caught by the fuzzer itself.
public struct FuzzTarget: Sendable {
    public let name: String
    public let summary: String
    public let run: @Sendable ([UInt8]) throws(FuzzViolation) -> Void

    public init(name: String, summary: String, run: @escaping @Sendable ([UInt8]) throws(FuzzViolation) -> Void) {
        self.name = name
        self.summary = summary
        self.run = run
    }
}

public struct FuzzViolation: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public enum FuzzTargets {
    /// Every target `scripts/fuzz` runs. Adding a target is one line here.
    public static let all: [FuzzTarget] = [
        .jsonLine,
        .lineFollower,
        .policyLoader,
        .runbookYAML,
        .markdownImporter,
        .sanitizer,
        .commandArgv,
        .byteScanner,
        .picture,
        .policyInUse,
        .profileLoader,
        .auditCanonical,
    ]

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}
