import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A write to a file that failed; nothing of it is reported as done.
public struct FileWriteError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    /// Bytes that reached the file before the failure.
    public var written = 0

    public init(path: String, message: String, written: Int = 0) {
        self.path = path
        self.message = message
        self.written = written
    }

    public var description: String { "\(path): \(message)" }
}

public typealias JournalWriteError = FileWriteError

/// The low-level pieces of DESIGN.md §3's writing protocol, shared by the journal writer and
/// anything else that writes into a root.
public enum FileWrites {
    /// Writes every byte, looping on short writes and EINTR.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileWriteError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, message: "write failed: \(errnoDescription())", written: written)
            }
            written += n
        }
    }

    /// Creates a directory and its parents (mode 0750) unless it exists.
    static func createDirectory(_ directory: String) throws(FileWriteError) {
        guard !directory.isEmpty, !ArtifactLayout.isDirectory(directory) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw FileWriteError(path: directory, message: "cannot create the directory: \(error.localizedDescription)")
        }
    }

    /// Whole-file state: a new `O_EXCL` temporary file in the same directory, `fsync`, `rename`
    /// over the target, `fsync` of the directory. Readers see the old file or the new one.
    public static func replaceAtomically(_ bytes: [UInt8], at path: String) throws(FileWriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        try createDirectory(directory)
        let temporary = "\(directory)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard fd >= 0 else { throw FileWriteError(path: temporary, message: "cannot create: \(errnoDescription())") }
        do throws(FileWriteError) {
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else {
                throw FileWriteError(path: temporary, message: "fsync failed: \(errnoDescription())")
            }
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoDescription()
            unlink(temporary)
            throw FileWriteError(path: path, message: "cannot rename into place: \(reason)")
        }
        let dirFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }
}
