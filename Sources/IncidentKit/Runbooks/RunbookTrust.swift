import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether commands may run from a runbook file, decided as OpenSSH's StrictModes decides for
/// key files: the file must be a regular file (not a symbolic link) owned by the user or root,
/// and neither it nor its directory may be writable by group or others, nor the directory
/// owned by someone else. A refused runbook can still be shown; its commands cannot run.
public enum RunbookTrust {
    /// What was checked and read: the file's identity and bytes at load time, so a file swapped
    /// or edited afterwards is caught before anything runs.
    public struct Stamp: Sendable, Equatable {
        public var path: String
        public var device: UInt64
        public var inode: UInt64
        public var bytes: [UInt8]
    }

    public struct Checked: Sendable {
        public var bytes: [UInt8]
        public var stamp: Stamp?
        /// Why commands may not run from it; nil when they may.
        public var refusal: String?
    }

    /// Reads a runbook file through a descriptor that is checked to be the file that was
    /// inspected. Display is always allowed; `refusal` says why execution is not.
    public static func read(path: String, user: uid_t = geteuid()) throws -> Checked {
        var before = stat()
        guard lstat(path, &before) == 0 else {
            throw PolicyError(
                file: path, line: nil, field: "", message: "cannot read: \(String(cString: strerror(errno)))")
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        var refusal = problem(path: path, status: before, user: user)
        guard fd >= 0 else {
            if (before.st_mode & S_IFMT) == S_IFLNK {
                // Shown, never run: read through the link, bounded and never blocking.
                return Checked(bytes: Array(try FileType.readText(path).utf8), stamp: nil, refusal: refusal)
            }
            throw PolicyError(
                file: path, line: nil, field: "", message: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else {
            throw PolicyError(
                file: path, line: nil, field: "", message: "cannot stat: \(String(cString: strerror(errno)))")
        }
        if opened.st_dev != before.st_dev || opened.st_ino != before.st_ino {
            refusal = refusal ?? "\(path) was replaced while it was being checked"
        }
        guard (opened.st_mode & S_IFMT) == S_IFREG else {
            throw PolicyError(file: path, line: nil, field: "", message: "not a regular file")
        }
        let bytes = try readAll(fd, path: path)
        let stamp = Stamp(path: path, device: UInt64(opened.st_dev), inode: UInt64(opened.st_ino), bytes: bytes)
        return Checked(bytes: bytes, stamp: stamp, refusal: refusal)
    }

    /// Checks again, just before a command runs, that the file is still the one that was
    /// loaded, with the same content, and still safe. Returns why not, or nil.
    public static func recheck(_ stamp: Stamp, user: uid_t = geteuid()) -> String? {
        guard let again = try? read(path: stamp.path, user: user) else {
            return "\(stamp.path) can no longer be read"
        }
        if let refusal = again.refusal { return refusal }
        guard let now = again.stamp, now.device == stamp.device, now.inode == stamp.inode else {
            return "\(stamp.path) was replaced since it was loaded; restart the console to load it again"
        }
        guard now.bytes == stamp.bytes else {
            return "\(stamp.path) changed since it was loaded; restart the console to load it again"
        }
        return nil
    }

    static func problem(path: String, status: stat, user: uid_t) -> String? {
        if (status.st_mode & S_IFMT) == S_IFLNK {
            return "\(path) is a symbolic link; commands run only from the file itself"
        }
        if let why = unsafe(status, name: path, user: user) { return why }
        let directory = (path as NSString).deletingLastPathComponent
        var parent = stat()
        guard stat(directory.isEmpty ? "." : directory, &parent) == 0 else {
            return "cannot check the directory of \(path)"
        }
        return unsafe(parent, name: directory.isEmpty ? "." : directory, user: user)
    }

    private static func unsafe(_ status: stat, name: String, user: uid_t) -> String? {
        if status.st_uid != user && status.st_uid != 0 {
            return "\(name) is owned by uid \(status.st_uid), not by you (uid \(user)) or root"
        }
        let mode = status.st_mode & 0o7777
        if mode & 0o022 != 0 {
            let who =
                mode & 0o020 != 0 && mode & 0o002 != 0 ? "group and others" : mode & 0o020 != 0 ? "group" : "others"
            return "\(name) is writable by \(who) (mode \(String(mode, radix: 8))); `chmod go-w` it to run its commands"
        }
        return nil
    }

    private static func readAll(_ fd: Int32, path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PolicyError(
                    file: path, line: nil, field: "", message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > FileType.textFileLimit {
                throw PolicyError(file: path, line: nil, field: "", message: "refused: larger than 4 MiB")
            }
        }
    }
}
