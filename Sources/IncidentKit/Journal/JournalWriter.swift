import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends one JSON record to a JSONL file following DESIGN.md §3: O_APPEND|O_NOFOLLOW, an
/// exclusive `flock`, a newline first if a writer died mid-line, the record and its newline in
/// one `write` (looping on short writes), `fsync`, unlock. Nothing is reported as written that
/// was not.
public enum JournalWriter {
    /// Decides under the lock whether the record may still be written, given the file's
    /// complete lines as they are now. Throwing aborts the write.
    public typealias Precondition = (_ existingLines: [[UInt8]]) throws -> Void

    public static func append(_ record: JSONValue, to path: String, precondition: Precondition? = nil) throws {
        let line = JSONWriter.string(record)
        guard !line.contains("\n") else { throw JournalWriteError(path: path, message: "record contains a newline") }
        try createParentDirectory(of: path)
        // O_RDWR rather than DESIGN.md's O_WRONLY: the last byte must be read through the very
        // descriptor that is locked and appended to, not through the path, which may be swapped.
        // O_NONBLOCK and the type check: a FIFO planted at the path must not hang the writer.
        let fd: Int32
        do {
            fd = try RegularFile.open(path, flags: O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW, mode: 0o640).descriptor
        } catch {
            let reason = error.code != 0 ? errnoDescription(error.code) : error.message
            throw JournalWriteError(path: path, message: "cannot open for appending: \(reason)")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw JournalWriteError(path: path, message: "cannot lock: \(errnoDescription())")
            }
        }
        defer { flock(fd, LOCK_UN) }

        if let precondition { try precondition(completeLines(try readAll(path: path))) }
        guard let sizeBefore = FileIdentity.of(descriptor: fd)?.size else {
            throw JournalWriteError(path: path, message: "cannot stat: \(errnoDescription())")
        }
        var bytes: [UInt8] = []
        if sizeBefore > 0, lastByte(fd, size: sizeBefore) != 0x0A { bytes.append(0x0A) }
        bytes.append(contentsOf: Array(line.utf8))
        bytes.append(0x0A)
        try writeAll(fd, bytes, path: path, sizeBefore: sizeBefore)
        guard fsync(fd) == 0 else {
            throw JournalWriteError(path: path, message: "fsync failed: \(errnoDescription())")
        }
    }

    private static func lastByte(_ fd: Int32, size: Int64) -> UInt8? {
        var byte: UInt8 = 0
        return pread(fd, &byte, 1, off_t(size - 1)) == 1 ? byte : nil
    }

    /// A failed write (a full disk) may leave part of the record behind; cut it off again so
    /// the journal is as it was, unless another writer appended meanwhile.
    private static func undoPartialWrite(_ fd: Int32, sizeBefore: Int64, written: Int) {
        guard written > 0, FileIdentity.of(descriptor: fd)?.size == sizeBefore + Int64(written) else { return }
        _ = ftruncate(fd, off_t(sizeBefore))
    }

    private static func createParentDirectory(of path: String) throws {
        try FileWrites.createDirectory((path as NSString).deletingLastPathComponent)
    }

    private static func readAll(path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { throw JournalWriteError(path: path, message: "cannot read: \(errnoDescription())") }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalWriteError(path: path, message: "cannot read: \(errnoDescription())")
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    static func completeLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            lines.append(Array(bytes[start..<i]))
            start = i + 1
        }
        return lines
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String, sizeBefore: Int64) throws {
        do {
            try FileWrites.writeAll(fd, bytes, path: path)
        } catch {
            undoPartialWrite(fd, sizeBefore: sizeBefore, written: error.written)
            throw FileWriteError(path: path, message: "\(error.message); nothing was written")
        }
    }
}
