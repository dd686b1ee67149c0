import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where checkpoints live: `$XDG_CACHE_HOME/sitrep`, else `~/.cache/sitrep`, made 0700 when
/// missing. A directory that is a symbolic link, is not the user's, or that others may write is
/// refused: what is read from it decides what the console skips reading. Files in it are read
/// and written through the directory's descriptor without following links.
public struct CheckpointDirectory: Sendable, Equatable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The directory the environment names, or nil when checkpoints are off
    /// (`SITREP_NO_CHECKPOINT` set to anything but empty or `0`) or no cache home is known
    /// (`XDG_CACHE_HOME` must be absolute, as the XDG spec says; else `$HOME/.cache`).
    public static func fromEnvironment(_ environment: [String: String]) -> CheckpointDirectory? {
        if let off = environment["SITREP_NO_CHECKPOINT"], !off.isEmpty, off != "0" { return nil }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return CheckpointDirectory(path: ArtifactLayout.join(xdg, "sitrep"))
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return CheckpointDirectory(path: ArtifactLayout.join(home, ".cache/sitrep"))
    }

    public struct Refused: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// A descriptor on the directory, created (with its parents, 0700) when `create` is set.
    func open(create: Bool) throws(Refused) -> Int32 {
        if create, !ArtifactLayout.isDirectory(path) {
            let parent = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(
                atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if mkdir(path, 0o700) != 0, errno != EEXIST {
                throw Refused(message: "cannot create \(path): \(errnoDescription())")
            }
        }
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw Refused(message: "cannot open \(path): \(errnoDescription())") }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_uid == geteuid(), st.st_mode & 0o022 == 0 else {
            close(fd)
            throw Refused(message: "\(path) is not the user's own directory (or others may write it); not used")
        }
        return fd
    }

    /// The checkpoint named `name`, or nil when there is none. Refused when it is a link, not a
    /// regular file, not the user's, or larger than `maxBytes`.
    func read(_ name: String, maxBytes: Int) throws(Refused) -> [UInt8]? {
        let dir = try open(create: false)
        defer { close(dir) }
        let fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw Refused(message: "cannot open the checkpoint: \(errnoDescription())")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == geteuid() else {
            throw Refused(message: "the checkpoint is not the user's regular file")
        }
        guard Int64(st.st_size) <= Int64(maxBytes) else { throw Refused(message: "the checkpoint is too large") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw Refused(message: "cannot read the checkpoint: \(errnoDescription())") }
            if n == 0 { return bytes }
            guard bytes.count + n <= maxBytes else { throw Refused(message: "the checkpoint is too large") }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Replaces the checkpoint `name` at once: a new 0600 file beside it, then `rename`. A
    /// link planted at the temporary name is not followed (`O_EXCL | O_NOFOLLOW`).
    func write(_ bytes: [UInt8], as name: String) throws(Refused) {
        let dir = try open(create: true)
        defer { close(dir) }
        let temporary = ".\(name).\(getpid()).tmp"
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        var fd = openat(dir, temporary, flags, 0o600)
        if fd < 0, errno == EEXIST {
            // Left by a process of this pid that died mid-write.
            unlinkat(dir, temporary, 0)
            fd = openat(dir, temporary, flags, 0o600)
        }
        guard fd >= 0 else { throw Refused(message: "cannot write a checkpoint: \(errnoDescription())") }
        do {
            try FileWrites.writeAll(fd, bytes, path: temporary)
        } catch {
            close(fd)
            unlinkat(dir, temporary, 0)
            throw Refused(message: "cannot write a checkpoint: \(error.message)")
        }
        close(fd)
        guard renameat(dir, temporary, dir, name) == 0 else {
            let reason = errnoDescription()
            unlinkat(dir, temporary, 0)
            throw Refused(message: "cannot put the checkpoint in place: \(reason)")
        }
    }

    /// Removes the checkpoint `name`, if any (it was found wrong).
    func remove(_ name: String) {
        guard let dir = try? open(create: false) else { return }
        defer { close(dir) }
        unlinkat(dir, name, 0)
    }
}
