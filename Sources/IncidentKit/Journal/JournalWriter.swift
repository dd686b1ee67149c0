import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends one JSON record to a JSONL file following DESIGN.md §3: O_APPEND|O_NOFOLLOW, an
/// exclusive `flock`, a newline first if a writer died mid-line, the record and its newline in
/// one `write` (looping on short writes), `fsync`, unlock. Nothing is reported as written that
/// was not. Below an artifact root, every directory on the way is opened without following
/// links (`BeneathRoot`).
public enum JournalWriter {
    /// Decides under the lock whether the record may still be written, given the complete lines
    /// at the file's tail (the last `tailWindow` bytes; the caller has folded everything before).
    /// Throwing aborts the write.
    public typealias Precondition = (_ recentLines: [[UInt8]]) throws -> Void

    /// How much of the journal a precondition sees. The caller's fold has read the file already;
    /// under the lock only what was appended since can matter, and that is near the end. Reading
    /// the whole of a 500 MB journal under the lock blocked every other writer for seconds.
    public static let tailWindow: Int64 = 4 << 20

    /// How long the file's end must stay the same, without a newline, before its last line counts
    /// as torn (see `needsSeparator`).
    static let quietPeriod: TimeInterval = 0.1

    /// A path the caller names outright: its directory is created if missing.
    public static func append(_ record: JSONValue, to path: String, precondition: Precondition? = nil) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileWrites.createDirectory(directory)
        try append(
            record, root: directory.isEmpty ? "." : directory, relative: (path as NSString).lastPathComponent,
            precondition: precondition)
    }

    /// `relative` below the artifact `root`, walked without following links.
    public static func append(
        _ record: JSONValue, root: String, relative: String, precondition: Precondition? = nil
    ) throws {
        let path = ArtifactLayout.join(root, relative)
        let line = JSONWriter.string(record)
        guard !line.contains("\n") else { throw JournalWriteError(path: path, message: "record contains a newline") }
        // O_RDWR rather than DESIGN.md's O_WRONLY: the tail must be read through the very
        // descriptor that is locked and appended to, not through the path, which may be swapped.
        let (fd, directory) = try BeneathRoot.openFile(
            root: root, relative: relative, flags: O_RDWR | O_APPEND | O_CREAT | O_NONBLOCK)
        close(directory)
        defer { close(fd) }
        try FileType.requireRegular(fd, path: path)
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw JournalWriteError(path: path, message: "cannot lock: \(errnoDescription())")
            }
        }
        defer { flock(fd, LOCK_UN) }

        if let precondition { try precondition(completeLines(try readTail(fd, path: path))) }
        guard let sizeBefore = FileIdentity.of(descriptor: fd)?.size else {
            throw JournalWriteError(path: path, message: "cannot stat: \(errnoDescription())")
        }
        var bytes: [UInt8] = []
        if needsSeparator(fd, size: sizeBefore) { bytes.append(0x0A) }
        bytes.append(contentsOf: Array(line.utf8))
        bytes.append(0x0A)
        try writeAll(fd, bytes, path: path, sizeBefore: sizeBefore)
        guard fsync(fd) == 0 else {
            throw JournalWriteError(path: path, message: "fsync failed: \(errnoDescription())")
        }
    }

    /// Whether the file ends in a torn line that our record must not be glued to. Writers that
    /// do not lock (Python's `f.write`, as real tools do) append while we hold our lock, and the
    /// kernel grows the size page by page during one `write`: a last byte read at that moment is
    /// the middle of a line that is about to be completed. A newline added then would follow
    /// that line's own newline and make an empty line. So a missing newline counts only when
    /// the end of the file stays exactly the same for `quietPeriod`; any growth meanwhile means
    /// a live writer, and the check starts again at the new end. A line that is really torn
    /// (its writer died) does not move, and is repaired.
    static func needsSeparator(_ fd: Int32, size initial: Int64) -> Bool {
        var size = initial
        while size > 0, lastByte(fd, size: size) != 0x0A {
            let deadline = Date().addingTimeInterval(quietPeriod)
            var moved = false
            while Date() < deadline {
                usleep(5_000)
                guard let now = FileIdentity.of(descriptor: fd)?.size else { return true }
                if now != size {
                    size = now
                    moved = true
                    break
                }
            }
            if !moved { return true }
        }
        return false
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

    /// The last `tailWindow` bytes, starting after the first newline in them unless they start
    /// at the beginning of the file (a line cut by the window is not a line).
    private static func readTail(_ fd: Int32, path: String) throws -> [UInt8] {
        guard let size = FileIdentity.of(descriptor: fd)?.size else {
            throw JournalWriteError(path: path, message: "cannot stat: \(errnoDescription())")
        }
        let start = max(0, size - tailWindow)
        var out = [UInt8](repeating: 0, count: Int(size - start))
        var filled = 0
        while filled < out.count {
            let n = out.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + filled, $0.count - filled, off_t(start) + off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalWriteError(path: path, message: "cannot read: \(errnoDescription())")
            }
            if n == 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        if start > 0, let newline = out.firstIndex(of: 0x0A) { out.removeSubrange(...newline) }
        return out
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
