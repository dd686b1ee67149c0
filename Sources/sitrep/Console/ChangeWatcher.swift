import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// inotify on the artifact directories, as a hint that something changed. The loop also runs a
/// periodic stat pass, which catches what inotify misses (queue overflow, network file systems)
/// and covers the directories left unwatched once the watches run out (`exhausted`: the
/// kernel's limit, ENOSPC, or `maxWatches`). When inotify is unavailable or forced off,
/// `descriptor` is nil and the stat pass does everything.
final class ChangeWatcher {
    private(set) var descriptor: Int32?
    private var watched: [String: Int32] = [:]
    private var paths: [Int32: String] = [:]
    private(set) var exhausted = false
    private let maxWatches: Int

    init(enabled: Bool, maxWatches: Int = .max) {
        self.maxWatches = maxWatches
        guard enabled else { return }
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if fd >= 0 { descriptor = fd }
    }

    deinit { if let descriptor { close(descriptor) } }

    private static let mask: UInt32 = UInt32(
        IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF)

    var watchCount: Int { watched.count }

    func isWatching(_ directory: String) -> Bool { watched[directory] != nil }

    /// Directories on a file system where inotify sees only this machine's writes.
    private var remote: Set<String> = []

    /// Every directory last asked for is watched, on a file system where inotify sees every
    /// write: a change anywhere in them wakes the loop.
    private(set) var coversAll = false

    /// Adds watches for directories not watched yet, while watches last.
    func watch(_ directories: [String]) {
        defer {
            coversAll =
                descriptor != nil && !exhausted
                && directories.allSatisfy { watched[$0] != nil && !remote.contains($0) }
        }
        guard let fd = descriptor, !exhausted else { return }
        for dir in directories where watched[dir] == nil {
            guard watched.count < maxWatches else {
                exhausted = true
                return
            }
            let wd = inotify_add_watch(fd, dir, ChangeWatcher.mask)
            if wd >= 0 {
                watched[dir] = wd
                paths[wd] = dir
                if RemoteFileSystem.contains(dir) { remote.insert(dir) }
            } else if errno == ENOSPC {
                exhausted = true
                return
            }
        }
    }

    /// Reads pending events; true when there were any. A watch the kernel dropped (its
    /// directory was deleted) is forgotten, so the directory is watched again if it comes back.
    func drain() -> Bool {
        guard let fd = descriptor else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var any = false
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            any = true
            forgetDroppedWatches(buffer[0..<n])
        }
        return any
    }

    private func forgetDroppedWatches(_ events: ArraySlice<UInt8>) {
        let header = MemoryLayout<inotify_event>.size
        var offset = events.startIndex
        while offset + header <= events.endIndex {
            let (wd, mask, length) = events.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let base = offset - events.startIndex
                return (
                    raw.loadUnaligned(fromByteOffset: base, as: Int32.self),
                    raw.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self),
                    Int(raw.loadUnaligned(fromByteOffset: base + 12, as: UInt32.self))
                )
            }
            if mask & UInt32(IN_IGNORED) != 0, let path = paths.removeValue(forKey: wd) {
                watched[path] = nil
                remote.remove(path)
                exhausted = false
            }
            offset += header + length
        }
    }
}
