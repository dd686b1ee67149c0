import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The type check every new reading or writing path makes on its descriptor (opened with
/// `O_NONBLOCK`) before touching the bytes: a FIFO or a device planted under the root would
/// block a read or a write forever.
public enum FileType {
    public static func requireRegular(_ fd: Int32, path: String) throws(FileWriteError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw FileWriteError(path: path, message: "cannot stat: \(errnoDescription())")
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw FileWriteError(path: path, message: "refused: not a regular file (\(FileIdentity(st).typeName))")
        }
    }

    /// Reads a whole regular file of at most `limit` bytes, opened with `O_NONBLOCK|O_NOFOLLOW`
    /// and checked with `fstat` first. A larger file is refused with a message naming the limit
    /// rather than read into memory (a 1 GB policy took 3 GB).
    public static func readSmallFile(_ path: String, limit: Int, followLinks: Bool = true) throws(FileWriteError)
        -> [UInt8]
    {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { throw FileWriteError(path: path, message: errnoDescription()) }
        defer { close(fd) }
        try requireRegular(fd, path: path)
        var st = stat()
        _ = fstat(fd, &st)
        guard Int64(st.st_size) <= Int64(limit) else {
            throw FileWriteError(
                path: path,
                message: "refused: \(st.st_size) bytes, more than the \(limit >> 20) MiB a file of this kind may have")
        }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, message: "cannot read: \(errnoDescription())")
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
            guard out.count <= limit else {
                throw FileWriteError(path: path, message: "refused: it grew past \(limit >> 20) MiB while being read")
            }
        }
    }

    /// The most a policy, runbook, profile, theme or config file may hold: 4 MiB, hundreds of
    /// times the largest real one. A 1 GB policy took 3 GB of memory before it was refused.
    public static let textFileLimit = 4 << 20

    /// A policy, runbook, profile, theme or config file as text, at most `textFileLimit` bytes,
    /// never blocking on a FIFO or device. Errors name the file.
    public static func readText(_ path: String, what: String = "the file") throws(PolicyError) -> String {
        do {
            return String(decoding: try readSmallFile(path, limit: textFileLimit), as: UTF8.self)
        } catch {
            throw PolicyError(file: path, line: nil, field: "", message: "cannot read \(what): \(error.message)")
        }
    }

    /// The first `limit` bytes of a regular file (less if it is shorter), opened with
    /// `O_NONBLOCK` and checked with `fstat`, for sniffing a format.
    public static func readPrefix(_ path: String, limit: Int) throws(FileWriteError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: path, message: errnoDescription()) }
        defer { close(fd) }
        try requireRegular(fd, path: path)
        var out = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, limit - filled) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return out
    }
}
