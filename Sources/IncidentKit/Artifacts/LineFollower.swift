#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Follows one append-only JSONL file by (device, inode) and byte offset, returning complete
/// lines only. Truncation restarts at zero; a new inode at the path (rotation) first drains the
/// old descriptor, then reads the new file from zero. Lines over `maxLineBytes` are skipped and
/// reported. With a `DescriptorPool` the descriptor may be closed between polls ("parked"):
/// the file is then watched by `stat` and reopened by path (or at `<path>.1` after a rotation
/// by rename) only when it changed, and only if it is still the same (device, inode). Not
/// thread-safe: one owner polls it.
public final class LineFollower {
    public struct Line {
        /// 1-based line number in the file as it currently exists at the path.
        public var number: Int
        public var bytes: [UInt8]
    }

    public struct Batch {
        public var lines: [Line] = []
        public var warnings: [ArtifactWarning] = []
        /// The file was truncated or replaced since the last poll.
        public var restarted = false
        /// The path no longer exists.
        public var missing = false
    }

    public static let defaultMaxLineBytes = 1 << 20

    public let path: String
    public let maxLineBytes: Int
    private var fd: Int32 = -1
    private var identity: FileIdentity?
    private var offset: Int64 = 0
    private var pending: [UInt8] = []
    private var skippingLongLine = false
    private var longLineStart = 0
    private var lineNumber = 0
    private var reportedUnreadable = false
    /// A file was followed at the path before (it went away since).
    private var hadFile = false
    private let pool: DescriptorPool?
    /// The path's `stat` at the end of the last poll, to tell a parked file is unchanged.
    private var lastSeen: FileIdentity?

    public init(
        path: String, maxLineBytes: Int = LineFollower.defaultMaxLineBytes, pool: DescriptorPool? = nil
    ) {
        self.path = path
        self.maxLineBytes = maxLineBytes
        self.pool = pool
    }

    deinit {
        if fd >= 0 { close(fd) }
        pool?.forget(self)
    }

    /// Closes the descriptor and keeps the file's identity and offset, to reopen it later.
    func park() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    /// Whether the descriptor is closed while the file is still being followed.
    var isParked: Bool { fd < 0 && identity != nil }

    /// Bytes consumed so far in the current file.
    public var position: Int64 { offset }

    /// Where the line being visited starts in the file (valid during a `visit` call), so a
    /// reader can find it again later without keeping it.
    public private(set) var lineStart: Int64 = 0

    /// Size of the followed file at the last poll, for progress.
    public private(set) var knownSize: Int64 = 0

    /// The bytes known to be there but not read yet (a budgeted poll stopped early).
    public var backlog: Int64 { max(0, knownSize - offset) }

    /// Reads whatever complete lines have been appended since the last call.
    public func poll() -> Batch {
        var lines: [Line] = []
        var batch = poll { number, bytes in lines.append(Line(number: number, bytes: Array(bytes))) }
        batch.lines = lines
        return batch
    }

    /// Hands each new complete line to `visit` without copying it (the buffer is only valid
    /// during the call). With a `byteBudget` it stops after about that many bytes and goes on
    /// at the next poll; `backlog` says what is left. The returned batch has no `lines`.
    public func poll(
        byteBudget: Int64 = .max, _ visit: (_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Void
    ) -> Batch {
        var batch = Batch()
        guard let current = FileIdentity.of(path: path) else {
            if isParked { _ = reopenParked() }
            if fd >= 0 { drain(into: &batch, budget: .max, visit) }
            if identity != nil { closeCurrent(into: &batch) }
            knownSize = 0
            lastSeen = nil
            batch.missing = true
            return batch
        }
        defer { lastSeen = current }
        if isParked {
            if current == lastSeen, offset >= current.size {
                knownSize = current.size
                return batch
            }
            // Gone from the path and from `<path>.1`: what was appended to it since the last
            // read cannot be reached any more; the file at the path is read from its start.
            if !reopenParked() { closeCurrent(into: &batch) }
        }
        if fd >= 0, let identity, !identity.isSameFile(as: current) {
            drain(into: &batch, budget: .max, visit)
            closeCurrent(into: &batch)
            batch.restarted = true
        }
        if fd < 0 {
            guard openFile(into: &batch) else { return batch }
        }
        // While the path names the open file, its stat is the descriptor's.
        let now =
            identity.flatMap { $0.isSameFile(as: current) ? current : FileIdentity.of(descriptor: fd) ?? $0 }
            ?? current
        knownSize = now.size
        let before = offset
        if now.size < offset || !stillHoldsWhatWasRead(now) {
            drainRotatedCopy(into: &batch, visit)
            resetPosition()
            batch.restarted = true
        }
        if now.size > offset { drain(into: &batch, budget: byteBudget, visit) }
        if offset != before || batch.restarted {
            rememberFingerprint()
            pool?.used(self)
        }
        return batch
    }

    /// The first and last bytes read so far, and how the file looked when they were taken.
    /// A copytruncate followed by writes past the old offset before the next poll keeps the
    /// inode and leaves the size above the offset; only the content tells that it started over.
    private var fingerprint: (head: [UInt8], tail: [UInt8], seen: FileIdentity)?
    private static let fingerprintSize = 64

    private func rememberFingerprint() {
        guard offset > 0, let seen = FileIdentity.of(descriptor: fd) else {
            fingerprint = nil
            return
        }
        let size = Int(min(offset, Int64(LineFollower.fingerprintSize)))
        fingerprint = (read(at: 0, count: size), read(at: offset - Int64(size), count: size), seen)
    }

    private func stillHoldsWhatWasRead(_ now: FileIdentity, descriptor: Int32? = nil) -> Bool {
        guard let fingerprint, offset > 0 else { return true }
        if now.size == fingerprint.seen.size, now.changedNanoseconds == fingerprint.seen.changedNanoseconds {
            return true
        }
        let size = fingerprint.head.count
        return read(at: 0, count: size, from: descriptor) == fingerprint.head
            && read(at: offset - Int64(size), count: size, from: descriptor) == fingerprint.tail
    }

    /// Where the complete lines read so far end, and in which file: what a checkpoint records.
    /// An incomplete last line (or one being skipped as too long) is left out, to be read again.
    /// Nil when no file is followed, or when the file no longer holds what was read (rewritten
    /// since the last poll), as nothing derived from it may be kept then.
    public struct ResumePoint: Sendable, Equatable {
        public var device: UInt64
        public var inode: UInt64
        public var offset: Int64
        public var lineNumber: Int
    }

    func resumePoint() -> ResumePoint? {
        guard let identity else { return nil }
        var descriptor = fd
        if descriptor < 0 {
            guard let (opened, id) = try? RegularFile.open(path) else { return nil }
            guard id.isSameFile(as: identity) else {
                close(opened)
                return nil
            }
            descriptor = opened
        }
        defer { if descriptor != fd { close(descriptor) } }
        guard let now = FileIdentity.of(descriptor: descriptor), now.size >= offset,
            stillHoldsWhatWasRead(now, descriptor: descriptor)
        else { return nil }
        let unfinished = Int64(skippingLongLine ? longLineStart : pending.count)
        return ResumePoint(
            device: identity.device, inode: identity.inode, offset: offset - unfinished, lineNumber: lineNumber)
    }

    /// Goes on from a checkpoint's point in a follower that has read nothing yet: the file at
    /// the path must be the same one (device, inode) and hold at least `offset` bytes. The
    /// caller has checked what the bytes before it say; from here they are watched as if read.
    func resume(at point: ResumePoint) -> Bool {
        guard identity == nil, fd < 0, point.offset >= 0, point.lineNumber >= 0 else { return false }
        guard let (opened, id) = try? openCounted(path) else { return false }
        guard id.device == point.device, id.inode == point.inode, id.size >= point.offset else {
            close(opened)
            return false
        }
        fd = opened
        identity = id
        hadFile = true
        pool?.opened(self)
        resetPosition()
        offset = point.offset
        lineNumber = point.lineNumber
        knownSize = id.size
        rememberFingerprint()
        return true
    }

    private func read(at position: Int64, count: Int, from descriptor: Int32? = nil) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(descriptor ?? fd, $0.baseAddress, count, off_t(position)) }
        return n == count ? bytes : []
    }

    /// logrotate's copytruncate copies the file to `<path>.1`, then truncates it: lines appended
    /// between the last poll and the copy exist only in the copy. When the copy starts with what
    /// was read and holds it up to the offset, its remaining lines are read from there.
    private func drainRotatedCopy(into batch: inout Batch, _ visit: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let fingerprint, offset > 0 else { return }
        guard let (copy, id) = try? RegularFile.open(path + ".1") else { return }
        defer { close(copy) }
        guard id.size > offset,
            read(at: 0, count: fingerprint.head.count, from: copy) == fingerprint.head,
            read(at: offset - Int64(fingerprint.tail.count), count: fingerprint.tail.count, from: copy)
                == fingerprint.tail
        else { return }
        let current = fd
        fd = copy
        drain(into: &batch, budget: .max, visit)
        fd = current
    }

    private func openFile(into batch: inout Batch) -> Bool {
        let opened: Int32
        let id: FileIdentity
        do {
            (opened, id) = try openCounted(path)
        } catch {
            if !reportedUnreadable {
                batch.warnings.append(ArtifactWarning(path: path, message: error.message))
                reportedUnreadable = true
            }
            return false
        }
        // A file that was missing or unreadable before is a fresh start: what was reported
        // about the path (a file that is gone, "cannot open") no longer holds.
        if hadFile || reportedUnreadable { batch.restarted = true }
        reportedUnreadable = false
        hadFile = true
        fd = opened
        identity = id
        pool?.opened(self)
        resetPosition()
        return true
    }

    /// Opens a file to follow; out of descriptors, the pool closes another follower's and the
    /// open is tried again.
    private func openCounted(_ file: String) throws(RegularFile.Refused) -> (descriptor: Int32, identity: FileIdentity)
    {
        do {
            return try RegularFile.open(file)
        } catch {
            guard error.code == EMFILE || error.code == ENFILE, let pool, pool.outOfDescriptors(self) else {
                throw error
            }
            return try RegularFile.open(file)
        }
    }

    /// Reopens the parked file where it is now: at the path, or renamed to `<path>.1`.
    private func reopenParked() -> Bool {
        guard let identity else { return false }
        for candidate in [path, path + ".1"] {
            guard let (opened, id) = try? openCounted(candidate) else { continue }
            if id.isSameFile(as: identity) {
                fd = opened
                pool?.opened(self)
                return true
            }
            close(opened)
        }
        return false
    }

    private func resetPosition() {
        offset = 0
        fingerprint = nil
        pending.removeAll(keepingCapacity: false)
        skippingLongLine = false
        lineNumber = 0
    }

    private func closeCurrent(into batch: inout Batch) {
        if !pending.isEmpty || skippingLongLine {
            batch.warnings.append(
                ArtifactWarning(
                    path: path, line: lineNumber + 1,
                    message: "the file was replaced with an incomplete last line; it was skipped"))
        }
        if fd >= 0 {
            close(fd)
            pool?.closed(self)
        }
        fd = -1
        identity = nil
        resetPosition()
    }

    private func drain(
        into batch: inout Batch, budget: Int64, _ visit: (Int, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let chunk = ReadBuffer.current.bytes
        let size = chunk.count
        var read: Int64 = 0
        while read < budget {
            if skippingLongLine { skipHole() }
            let n = pread(fd, chunk.baseAddress, size, off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                batch.warnings.append(ArtifactWarning(path: path, message: "read failed: \(errnoDescription())"))
                return
            }
            if n == 0 { return }
            offset += Int64(n)
            read += Int64(n)
            split(UnsafeBufferPointer(rebasing: chunk[0..<n]), into: &batch, visit)
        }
    }

    /// Inside a line already too long to keep, a hole of a sparse file (`truncate -s 3G`) holds
    /// only zeros, so no newline: it is jumped over with `SEEK_DATA` instead of read, and counted
    /// as part of the skipped line. Without holes (or their support) this finds none.
    /// `SEEK_DATA`, which Glibc's module map leaves out (it needs `_GNU_SOURCE`).
    #if os(Linux)
        private static let seekData: Int32 = 3
    #else
        private static let seekData: Int32 = 4
    #endif

    private func skipHole() {
        let data = lseek(fd, off_t(offset), LineFollower.seekData)
        let end: Int64
        if data >= 0 {
            end = Int64(data)
        } else if errno == ENXIO, let size = FileIdentity.of(descriptor: fd)?.size {
            // No data after the offset: the rest of the file is a hole.
            end = size
        } else {
            return
        }
        guard end > offset else { return }
        longLineStart += Int(end - offset)
        offset = end
    }

    private func split(
        _ bytes: UnsafeBufferPointer<UInt8>, into batch: inout Batch, _ visit: (Int, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard let base = bytes.baseAddress else { return }
        let chunkStart = offset - Int64(bytes.count)
        var start = 0
        while start < bytes.count {
            guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
                let rest = UnsafeBufferPointer(start: base + start, count: bytes.count - start)
                if skippingLongLine {
                    longLineStart += rest.count
                    return
                }
                if pending.count + rest.count > maxLineBytes {
                    startSkipping(size: pending.count + rest.count)
                } else {
                    pending.append(contentsOf: rest)
                }
                return
            }
            let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            lineNumber += 1
            let piece = UnsafeBufferPointer(start: base + start, count: newline - start)
            if skippingLongLine {
                warnLongLine(size: longLineStart + piece.count, into: &batch)
                skippingLongLine = false
            } else if pending.count + piece.count > maxLineBytes {
                warnLongLine(size: pending.count + piece.count, into: &batch)
                pending.removeAll(keepingCapacity: false)
            } else if pending.isEmpty {
                lineStart = chunkStart + Int64(start)
                visit(lineNumber, LineFollower.withoutCarriageReturn(piece))
            } else {
                lineStart = chunkStart + Int64(start) - Int64(pending.count)
                pending.append(contentsOf: piece)
                pending.withUnsafeBufferPointer { visit(lineNumber, LineFollower.withoutCarriageReturn($0)) }
                pending.removeAll(keepingCapacity: true)
            }
            start = newline + 1
        }
    }

    private static func withoutCarriageReturn(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let last = line.last, last == 0x0D else { return line }
        return UnsafeBufferPointer(rebasing: line.dropLast())
    }

    private func warnLongLine(size: Int, into batch: inout Batch) {
        batch.warnings.append(
            ArtifactWarning(
                path: path, line: lineNumber,
                message: "line longer than \(maxLineBytes / 1024) KiB (\(size) bytes) skipped"))
    }

    private func startSkipping(size: Int) {
        skippingLongLine = true
        longLineStart = size
        pending.removeAll(keepingCapacity: false)
    }
}
