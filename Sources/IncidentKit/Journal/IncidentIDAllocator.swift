import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Incident ids are unique across every journal of a root. Each journal has its own lock, so
/// two `declare`s into `incidents/` and `results/runs/r1/` both saw the same highest number
/// and announced the same id. Allocation now happens under one root-wide lock,
/// `.sitrep/incident-ids`, whose content is the last id handed out; the open record is
/// appended while the lock is held (lock order: this lock, then the journal's).
public enum IncidentIDAllocator {
    public static let lockFile = ".sitrep/incident-ids"

    /// Picks `<prefix>NNNN`, one above every number in `known` and the last one allocated, and
    /// calls `write` with it under the lock. The id is recorded only when `write` succeeds.
    public static func allocate(
        root: String, prefix: String, known: [String], write: (String) throws -> Void
    ) throws -> String {
        let path = ArtifactLayout.join(root, lockFile)
        let (fd, directory) = try BeneathRoot.openFile(
            root: root, relative: lockFile, flags: O_RDWR | O_CREAT | O_NONBLOCK)
        close(directory)
        defer { close(fd) }
        try FileType.requireRegular(fd, path: path)
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw FileWriteError(path: path, message: "cannot lock: \(errnoDescription())")
            }
        }
        defer { flock(fd, LOCK_UN) }

        var buffer = [UInt8](repeating: 0, count: 256)
        let n = max(0, pread(fd, &buffer, buffer.count, 0))
        let last = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let numbers = (known + [last]).compactMap { id -> Int? in
            guard id.hasPrefix(prefix), let n = Int(id.dropFirst(prefix.count)), n >= 0, n < 1_000_000 else {
                return nil
            }
            return n
        }
        let chosen = prefix + String(format: "%04d", (numbers.max() ?? 0) + 1)
        try write(chosen)
        let bytes = Array((chosen + "\n").utf8)
        if ftruncate(fd, 0) == 0 {
            _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        return chosen
    }
}
