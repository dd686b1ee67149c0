#if canImport(Glibc)
    import Glibc

    /// glibc's `statfs`, which the Glibc module leaves out (it is in `<sys/statfs.h>`). Its
    /// first field, on every 64-bit Linux, is the file system's type (`f_type`, a long).
    @_silgen_name("statfs")
    private func glibcStatfs(_ path: UnsafePointer<CChar>, _ buffer: UnsafeMutableRawPointer) -> Int32
#endif

/// File systems whose files other machines write (NFS, SMB, FUSE mounts such as sshfs, 9p,
/// cluster file systems): inotify there reports only this machine's writes, so the stat pass
/// stays the console's eye on them.
enum RemoteFileSystem {
    /// `f_type` values from linux/magic.h (and Lustre's, GFS2's and OCFS2's own headers).
    static let magics: Set<Int> = [
        0x6969,  // NFS
        0x517B,  // SMB
        0xFE53_4D42,  // SMB2
        0xFF53_4D42,  // CIFS
        0x6573_5546,  // FUSE (sshfs, and other user-space mounts)
        0x0102_1997,  // 9p
        0x5346_414F, 0x6B41_4653,  // AFS
        0x7375_7245,  // Coda
        0x00C3_6400,  // Ceph
        0x0BD0_0BD0,  // Lustre
        0x0116_1970,  // GFS2
        0x7461_636F,  // OCFS2
    ]

    /// The type of the file system `path` is on, if it can be asked.
    static func type(of path: String) -> Int? {
        #if canImport(Glibc) && _pointerBitWidth(_64)
            // `struct statfs` is 120 bytes on x86-64 and arm64; the buffer leaves room.
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
            defer { buffer.deallocate() }
            guard glibcStatfs(path, buffer) == 0 else { return nil }
            return Int(truncatingIfNeeded: buffer.load(as: Int.self))
        #else
            return nil
        #endif
    }

    static func contains(_ path: String) -> Bool { type(of: path).map(magics.contains) ?? false }
}
