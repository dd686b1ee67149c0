import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens artifacts so that nothing planted at their path can block the caller: `O_NONBLOCK`
/// keeps `open` from waiting for a FIFO's writer, and the type is checked with `fstat` on the
/// descriptor (not `stat` on the path, which can be swapped in between), so a FIFO, a device or
/// a socket is refused before a read could wait on it.
public enum RegularFile {
    public struct Refused: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        /// The `errno` of a failed open, else 0.
        public var code: Int32 = 0
        public var description: String { message }
    }

    static let readFlags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY

    /// A descriptor on the regular file at `path`, opened with `flags` plus `O_NONBLOCK`,
    /// `O_CLOEXEC` and `O_NOCTTY`; the caller closes it.
    public static func open(_ path: String, flags: Int32 = O_RDONLY, mode: mode_t = 0) throws(Refused)
        -> (descriptor: Int32, identity: FileIdentity)
    {
        let fd = Glibc.open(path, flags | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, mode)
        guard fd >= 0 else { throw Refused(message: "cannot open: \(errnoDescription())", code: errno) }
        do throws(Refused) {
            try requireRegular(fd)
        } catch {
            close(fd)
            throw error
        }
        return (fd, FileIdentity.of(descriptor: fd)!)
    }

    /// The whole file, refused when it is larger than `maxBytes` (checked on the descriptor and
    /// again while reading, as the file may grow), or when a read would block (`/proc/kmsg`).
    public static func read(_ path: String, maxBytes: Int, flags: Int32 = O_RDONLY) throws(Refused) -> [UInt8] {
        let (fd, identity) = try open(path, flags: flags)
        defer { close(fd) }
        guard identity.size <= Int64(maxBytes) else {
            throw Refused(message: "larger than \(RegularFile.sizeText(maxBytes)); not read")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    throw Refused(message: "reading would block; not read")
                }
                throw Refused(message: "cannot read: \(errnoDescription())")
            }
            if n == 0 { return bytes }
            guard bytes.count + n <= maxBytes else {
                throw Refused(message: "larger than \(RegularFile.sizeText(maxBytes)); not read")
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// The first `maxBytes` of the file (less when it is shorter), for sniffing a format.
    public static func prefix(_ path: String, maxBytes: Int) throws(Refused) -> [UInt8] {
        let (fd, _) = try open(path)
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: maxBytes)
        var filled = 0
        while filled < maxBytes {
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, maxBytes - filled) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return out
    }

    /// Whether an already open descriptor is a regular file; the refusal names what it is.
    public static func requireRegular(_ fd: Int32) throws(Refused) {
        guard let identity = FileIdentity.of(descriptor: fd) else {
            throw Refused(message: "cannot stat: \(errnoDescription())")
        }
        guard identity.isRegularFile else { throw Refused(message: "not a regular file (\(identity.typeName))") }
    }

    /// A `FileHandle` on the regular file at `path` (opened as `open` does), or nil.
    public static func handle(_ path: String) -> FileHandle? {
        guard let (fd, _) = try? open(path) else { return nil }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
