#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A digest of what was read of a followed file, to tell at restore that the bytes before the
/// offset are still those the summaries came from: SHA-256 of the offset, the first 4 KiB and
/// the last 16 KiB before the offset (the whole of a file read up to 20 KiB).
///
/// Why those: a copytruncate or a file written again from the start differs in its first bytes;
/// a writer that rewrites its last records in place differs just before the offset. Hashing
/// every byte would cost as much as reading the history, which is what a checkpoint avoids;
/// 20 KiB of each of the large root's 800 followed files is 16 MB, under a tenth of a second.
/// A rewrite confined to the middle of a file, keeping its inode and size, is not seen: the
/// same blind spot the live follower has between two polls.
enum ReadDigest {
    static let headBytes = 4 << 10
    static let tailBytes = 16 << 10

    /// The digest of the file open at `descriptor` up to `offset`; nil when it cannot be read
    /// that far.
    static func of(descriptor fd: Int32, offset: Int64) -> String? {
        guard offset >= 0 else { return nil }
        var hasher = SHA256()
        hasher.update(Array("sitrep-read \(offset)\n".utf8))
        let headEnd = min(offset, Int64(headBytes))
        let tailStart = max(headEnd, offset - Int64(tailBytes))
        for (start, end) in [(Int64(0), headEnd), (tailStart, offset)] where end > start {
            let count = Int(end - start)
            var bytes = [UInt8](repeating: 0, count: count)
            var filled = 0
            while filled < count {
                let n = bytes.withUnsafeMutableBytes {
                    pread(fd, $0.baseAddress! + filled, count - filled, off_t(start + Int64(filled)))
                }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return nil }
                filled += n
            }
            bytes.withUnsafeBytes { hasher.update($0) }
        }
        let digits = Array("0123456789abcdef")
        return String(hasher.finish().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }

    /// The digest of the regular file at `path`, if it is still the file (device, inode) and
    /// holds `offset` bytes, with the file's identity as it was read.
    static func of(path: String, device: UInt64, inode: UInt64, offset: Int64) -> (String, FileIdentity)? {
        guard let (fd, identity) = try? RegularFile.open(path) else { return nil }
        defer { close(fd) }
        guard identity.device == device, identity.inode == inode, identity.size >= offset,
            let digest = of(descriptor: fd, offset: offset)
        else { return nil }
        return (digest, identity)
    }
}
