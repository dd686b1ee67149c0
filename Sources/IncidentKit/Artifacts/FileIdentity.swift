#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat` says about a path: which file it is (device, inode) and how it last looked.
public struct FileIdentity: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modifiedNanoseconds: Int64
    /// The inode change time. Unlike mtime it cannot be set back (`touch -r`, `cp -p`,
    /// `rsync --times`), so an in-place rewrite of the same size is still told apart.
    public var changedNanoseconds: Int64
    public var isRegularFile: Bool
    /// The file type bits of `st_mode` (`S_IFMT`).
    public var type: UInt32

    init(_ st: stat) {
        type = UInt32(st.st_mode) & UInt32(S_IFMT)
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        #if canImport(Darwin)
            modifiedNanoseconds = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
            changedNanoseconds = Int64(st.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(st.st_ctimespec.tv_nsec)
            isRegularFile = (st.st_mode & S_IFMT) == S_IFREG
        #else
            modifiedNanoseconds = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            changedNanoseconds = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
            isRegularFile = (st.st_mode & S_IFMT) == S_IFREG
        #endif
    }

    public static func of(path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileIdentity(st)
    }

    public static func of(descriptor fd: Int32) -> FileIdentity? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return FileIdentity(st)
    }

    /// What kind of file this is, for a message ("FIFO", "character device").
    public var typeName: String {
        switch type {
        case UInt32(S_IFREG): "regular file"
        case UInt32(S_IFDIR): "directory"
        case UInt32(S_IFIFO): "FIFO"
        case UInt32(S_IFCHR): "character device"
        case UInt32(S_IFBLK): "block device"
        case UInt32(S_IFSOCK): "socket"
        case UInt32(S_IFLNK): "symbolic link"
        default: "unknown type"
        }
    }

    public func isSameFile(as other: FileIdentity) -> Bool { device == other.device && inode == other.inode }
}

public func errnoDescription(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
