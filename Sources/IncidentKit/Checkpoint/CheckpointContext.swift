import Foundation

/// What a checkpoint's summaries depend on besides the files: the program that derived them,
/// the root, and how its fields are read (the profile, with the policy's aliases). A checkpoint
/// written under any other context is not used.
public struct CheckpointContext: Sendable, Equatable {
    /// Bumped whenever what the checkpoint holds, or how the store derives it, changes shape.
    public static let format = 1

    /// The root's real path (symbolic links resolved), so two spellings share one checkpoint.
    public let root: String
    public let profileName: String
    /// A digest of everything above plus the build and the field names: equal or discarded.
    public let digest: String

    /// `build` names the binary (its version and, where known, its file's identity), so that
    /// another build's reading of the same lines is never taken for this one's.
    public init(root: String, profile: SourceProfile, fieldNames: FieldNames, build: String) {
        self.root = CheckpointContext.realPath(root)
        profileName = profile.name
        let text = [
            "format \(CheckpointContext.format)", "build \(build)", "root \(self.root)",
            "profile \(CanonicalText.of(profile))", "fields \(CanonicalText.of(fieldNames))",
        ].joined(separator: "\n")
        digest = SHA256.hex(Array(text.utf8))
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The checkpoint's file name: a digest of the root's real path and the profile, so each
    /// root (read as one family) has one file, and a name says nothing about the root.
    public var fileName: String {
        String(SHA256.hex(Array("\(root)\n\(profileName)".utf8)).prefix(32)) + ".checkpoint.json"
    }

    /// The binary's identity, for `build`: the version, and the size and change time of the
    /// executable, so a rebuilt development binary does not reuse its predecessor's checkpoint.
    public static func build(version: String) -> String {
        guard let exe = FileIdentity.of(path: "/proc/self/exe") ?? FileIdentity.of(path: CommandLine.arguments[0])
        else { return version }
        return "\(version) \(exe.device):\(exe.inode):\(exe.size):\(exe.changedNanoseconds)"
    }
}

/// A text of a value that is the same in every process that holds an equal value: reflection,
/// with dictionary and set entries sorted (their iteration order is seeded per process).
enum CanonicalText {
    static func of(_ value: Any) -> String {
        // Its identifier is what a zone is; its reflection holds a cache.
        if let zone = value as? TimeZone { return "TimeZone(\(zone.identifier))" }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return "nil" }
            return of(wrapped)
        case .dictionary, .set:
            return "{" + mirror.children.map { of($0.value) }.sorted().joined(separator: ",") + "}"
        case .collection:
            return "[" + mirror.children.map { of($0.value) }.joined(separator: ",") + "]"
        case .tuple:
            return "(" + mirror.children.map { "\($0.label ?? ""):\(of($0.value))" }.joined(separator: ",") + ")"
        case .struct, .class, .enum:
            guard !mirror.children.isEmpty else { return String(reflecting: value).debugDescription }
            return "\(mirror.subjectType)("
                + mirror.children.map { "\($0.label ?? ""):\(of($0.value))" }
                .joined(separator: ",") + ")"
        default:
            return String(reflecting: value).debugDescription
        }
    }
}
