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
    /// A path the caller names outright; writes below an artifact root use the `root:` form.
    public static func replaceAtomically(_ bytes: [UInt8], at path: String) throws(FileWriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        try createDirectory(directory)
        try replaceAtomically(
            bytes, root: directory.isEmpty ? "." : directory, relative: (path as NSString).lastPathComponent)
    }

    /// The same, for `relative` below `root`: every directory on the way is opened without
    /// following links (`BeneathRoot`), and the file is created and renamed inside that
    /// directory's descriptor, so a link planted anywhere under the root is refused.
    public static func replaceAtomically(_ bytes: [UInt8], root: String, relative: String) throws(FileWriteError) {
        let path = ArtifactLayout.join(root, relative)
        let name = (relative as NSString).lastPathComponent
        let temporaryName = ".\(name).\(getpid()).tmp"
        let temporary = ArtifactLayout.join((path as NSString).deletingLastPathComponent, temporaryName)
        let (fd, dirFD) = try BeneathRoot.openFile(
            root: root, relative: ArtifactLayout.join((relative as NSString).deletingLastPathComponent, temporaryName),
            flags: O_WRONLY | O_CREAT | O_EXCL, replacing: true)
        defer { close(dirFD) }
        do throws(FileWriteError) {
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else {
                throw FileWriteError(path: temporary, message: "fsync failed: \(errnoDescription())")
            }
            close(fd)
        } catch {
            close(fd)
            unlinkat(dirFD, temporaryName, 0)
            throw error
        }
        var st = stat()
        if fstatat(dirFD, name, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT == S_IFDIR {
            unlinkat(dirFD, temporaryName, 0)
            throw FileWriteError(path: path, message: "refused: \(path) is a directory")
        }
        guard renameat(dirFD, temporaryName, dirFD, name) == 0 else {
            let reason = errnoDescription()
            unlinkat(dirFD, temporaryName, 0)
            throw FileWriteError(path: path, message: "cannot rename into place: \(reason)")
        }
        _ = fsync(dirFD)
    }
}
