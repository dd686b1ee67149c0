#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

public struct DemoWriteError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// How the demo writes into the root, following DESIGN.md §3: snapshots through a temporary
/// file and `rename` in the same directory, JSONL records through `JournalWriter.append`, and
/// telemetry streams rotated to `NAME.1` past a size so a long-running demo stays bounded.
enum DemoFileWriter {
    /// Replaces a whole file atomically: a new `O_EXCL` temporary file beside it, `fsync`,
    /// `rename` over the target, `fsync` of the directory.
    static func writeSnapshot(_ value: JSONValue, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try createDirectory(directory)
        let temporary = "\(directory)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard fd >= 0 else { throw DemoWriteError(path: temporary, message: "cannot create: \(errnoDescription())") }
        var bytes = Array(JSONWriter.string(value, pretty: true).utf8)
        bytes.append(0x0A)
        do {
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw DemoWriteError(path: temporary, message: "fsync failed: \(errnoDescription())") }
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoDescription()
            unlink(temporary)
            throw DemoWriteError(path: path, message: "cannot rename into place: \(reason)")
        }
        syncDirectory(directory)
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
        try createDirectory((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw DemoWriteError(path: path, message: "cannot open for appending: \(errnoDescription())") }
        defer { close(fd) }
        try writeAll(fd, Array((line + "\n").utf8), path: path)
    }

    static func createDirectory(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw DemoWriteError(path: directory, message: "cannot create the directory: \(error.localizedDescription)")
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DemoWriteError(path: path, message: "write failed: \(errnoDescription())")
            }
            written += n
        }
    }

    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
