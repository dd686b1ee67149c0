/// A problem with one artifact file, shown on screen and in `status --json` with its place.
public struct ArtifactWarning: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
    }
}
