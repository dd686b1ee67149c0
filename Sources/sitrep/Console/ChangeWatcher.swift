import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// inotify on the artifact directories, as a hint that something changed. The loop also runs a
/// periodic stat pass, which catches what inotify misses (queue overflow, network file systems,
/// the watch limit). When inotify is unavailable or forced off, `descriptor` is nil.
final class ChangeWatcher {
    private(set) var descriptor: Int32?
    private var watched: Set<String> = []
    private(set) var exhausted = false

    init(enabled: Bool) {
        guard enabled else { return }
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if fd >= 0 { descriptor = fd }
    }

    deinit { if let descriptor { close(descriptor) } }

    private static let mask: UInt32 = UInt32(
        IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF)

    /// Adds watches for directories not watched yet.
    func watch(_ directories: [String]) {
        guard let fd = descriptor, !exhausted else { return }
        for dir in directories where !watched.contains(dir) {
            if inotify_add_watch(fd, dir, ChangeWatcher.mask) >= 0 {
                watched.insert(dir)
            } else if errno == ENOSPC {
                exhausted = true
                return
            }
        }
    }

    /// Reads and discards pending events; true when there were any.
    func drain() -> Bool {
        guard let fd = descriptor else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var any = false
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            any = true
        }
        if any { watched = watched.filter(ArtifactLayout.isDirectory) }
        return any
    }
}
