import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public typealias DemoWriteError = FileWriteError

/// How the demo writes into the root, following DESIGN.md §3: snapshots through a temporary
/// file and `rename` in the same directory, JSONL records through `JournalWriter.append`, and
/// telemetry streams rotated to `NAME.1` past a size so a long-running demo stays bounded.
enum DemoFileWriter {
    /// Replaces a whole file atomically: a new `O_EXCL` temporary file beside it, `fsync`,
    /// `rename` over the target, `fsync` of the directory.
    static func writeSnapshot(_ value: JSONValue, to path: String) throws {
        try FileWrites.replaceAtomically(Array((JSONWriter.string(value, pretty: true) + "\n").utf8), at: path)
    }

    /// Appends one record to a telemetry stream, first rotating the stream to `NAME.1` when it
    /// has grown past `rotateAbove` bytes (readers follow the rename as a rotation).
    static func appendRecord(_ record: JSONValue, to path: String, rotateAbove limit: Int) throws {
        if let size = FileIdentity.of(path: path)?.size, size > Int64(limit) {
            guard rename(path, path + ".1") == 0 else {
                throw DemoWriteError(path: path, message: "cannot rotate: \(errnoDescription())")
            }
        }
        try JournalWriter.append(record, to: path)
    }

    /// Appends one line of plain text with a single `O_APPEND` write.
    static func appendText(_ line: String, to path: String) throws {
        try FileWrites.createDirectory((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw DemoWriteError(path: path, message: "cannot open for appending: \(errnoDescription())")
        }
        defer { close(fd) }
        try FileWrites.writeAll(fd, Array((line + "\n").utf8), path: path)
    }
}
