import Foundation

/// A whole-file JSON artifact (node state, metrics, gateway stats). Re-read when `stat` says it
/// changed; a version that fails to parse keeps the last good value and raises a warning, so a
/// file caught mid-rewrite never blanks the screen.
public final class SnapshotFile {
    public static let maxBytes = 8 << 20

    public let path: String
    public private(set) var value: JSONValue?
    public private(set) var warning: ArtifactWarning?
    /// When the last good value was read (the file's modification time).
    public private(set) var modifiedAt: Date?
    /// Goes up whenever `value`, `warning` or `modifiedAt` is set, so what is derived from the
    /// file can be kept until it changes.
    public private(set) var version = 0
    private var seen: FileIdentity?
    /// `seen` was taken so soon after a change that a further same-size change could still
    /// carry the same timestamps (coarse filesystem clocks): read again next time ("racily
    /// clean", as git calls it).
    private var seenIsRacy = false
    static let racyWindowNanoseconds: Int64 = 2_000_000_000

    public init(path: String) { self.path = path }

    /// Re-reads the file if it changed. Returns true when `value` or `warning` changed.
    @discardableResult
    public func refresh() -> Bool {
        guard let identity = FileIdentity.of(path: path) else {
            guard seen != nil || warning != nil else { return false }
            seen = nil
            let gone = ArtifactWarning(path: path, message: "the file disappeared; showing its last good content")
            if value != nil, warning != gone {
                warning = gone
                version += 1
                return true
            }
            return false
        }
        if identity == seen, !seenIsRacy { return false }
        seen = identity
        seenIsRacy =
            Int64(Date().timeIntervalSince1970 * 1e9) - identity.modifiedNanoseconds
            < SnapshotFile.racyWindowNanoseconds
        guard identity.isRegularFile else { return fail("not a regular file (\(identity.typeName))") }
        guard identity.size <= SnapshotFile.maxBytes else {
            return fail("larger than \(SnapshotFile.maxBytes >> 20) MiB; not read")
        }
        // The path may have been swapped for a FIFO or a device since the stat: the open and
        // the read cannot block, and the type is checked again on the descriptor.
        let data: [UInt8]
        do {
            data = try RegularFile.read(path, maxBytes: SnapshotFile.maxBytes)
        } catch {
            return fail(error.message)
        }
        do {
            let parsed = try JSONParser.parse(data)
            let changed = parsed != value || warning != nil
            value = parsed
            warning = nil
            modifiedAt = Date(timeIntervalSince1970: Double(identity.modifiedNanoseconds) / 1e9)
            version += 1
            return changed
        } catch {
            let reason = data.isEmpty ? "empty file" : "not valid JSON (\(error))"
            return fail(value == nil ? reason : "\(reason); showing its last good content")
        }
    }

    private func fail(_ message: String) -> Bool {
        let new = ArtifactWarning(path: path, message: message)
        guard new != warning else { return false }
        warning = new
        version += 1
        return true
    }
}
