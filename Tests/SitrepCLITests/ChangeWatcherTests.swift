import Foundation
import Testing

@testable import sitrep

/// inotify is used while watches last; the directories left over are the stat pass's.
@Suite struct ChangeWatcherTests {
    private func directories(_ count: Int) throws -> (String, [String]) {
        let root = NSTemporaryDirectory() + "sitrep-watch-\(UUID().uuidString)"
        let dirs = (0..<count).map { "\(root)/d\($0)" }
        for dir in dirs { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        return (root, dirs)
    }

    private func drained(_ watcher: ChangeWatcher) -> Bool {
        // Events are queued by the kernel as the write returns; a short wait keeps it honest.
        usleep(20_000)
        return watcher.drain()
    }

    @Test func watchesRunningOutLeaveTheRestToTheStatPass() throws {
        let (root, dirs) = try directories(3)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = ChangeWatcher(enabled: true, maxWatches: 2)
        try #require(watcher.descriptor != nil)
        watcher.watch(dirs)
        #expect(watcher.exhausted)
        #expect(watcher.watchCount == 2)
        #expect(!watcher.isWatching(dirs[2]))
        _ = FileManager.default.createFile(atPath: dirs[2] + "/x.jsonl", contents: Data("{}\n".utf8))
        #expect(!drained(watcher), "the unwatched directory raises no event")
        _ = FileManager.default.createFile(atPath: dirs[0] + "/x.jsonl", contents: Data("{}\n".utf8))
        #expect(drained(watcher))
    }

    @Test func aDeletedDirectoryFreesItsWatchForOthers() throws {
        let (root, dirs) = try directories(2)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = ChangeWatcher(enabled: true, maxWatches: 1)
        watcher.watch(dirs)
        #expect(watcher.isWatching(dirs[0]) && watcher.exhausted)
        try FileManager.default.removeItem(atPath: dirs[0])
        #expect(drained(watcher))
        #expect(watcher.watchCount == 0 && !watcher.exhausted)
        watcher.watch([dirs[1]])
        #expect(watcher.isWatching(dirs[1]))
    }

    @Test func disabledMeansNoDescriptorAndNoEvents() throws {
        let (root, dirs) = try directories(1)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = ChangeWatcher(enabled: false)
        watcher.watch(dirs)
        #expect(watcher.descriptor == nil && watcher.watchCount == 0)
        _ = FileManager.default.createFile(atPath: dirs[0] + "/x.jsonl", contents: Data())
        #expect(!drained(watcher))
    }

    /// The console stats the files only as a safety net while every directory is watched; any
    /// directory left unwatched brings the per-interval stat pass back.
    @Test func everyDirectoryWatchedIsWhatLetsTheStatPassSlowDown() throws {
        let (root, dirs) = try directories(3)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = ChangeWatcher(enabled: true, maxWatches: 8)
        try #require(watcher.descriptor != nil)
        watcher.watch(dirs)
        #expect(watcher.coversAll)
        watcher.watch(dirs + [root + "/not-there"])
        #expect(!watcher.coversAll, "a directory that could not be watched")
        let short = ChangeWatcher(enabled: true, maxWatches: 2)
        short.watch(dirs)
        #expect(!short.coversAll, "watches ran out")
        #expect(!ChangeWatcher(enabled: false).coversAll)
    }

    /// inotify on a network or FUSE mount sees only this machine's writes: such a directory
    /// never counts as covered. The type is read with glibc's `statfs` through a raw buffer,
    /// so its layout is checked against file systems whose type is known.
    @Test func theFileSystemTypeIsReadAndRemoteOnesAreKnown() {
        #expect(RemoteFileSystem.type(of: "/proc") == 0x9FA0, "PROC_SUPER_MAGIC")
        #expect(RemoteFileSystem.type(of: "/sys") == 0x6265_6572, "SYSFS_MAGIC")
        #expect(RemoteFileSystem.type(of: "/no/such/directory") == nil)
        #expect(!RemoteFileSystem.contains("/proc"))
        #expect(RemoteFileSystem.magics.contains(0x6969), "NFS")
        #expect(RemoteFileSystem.magics.contains(0x6573_5546), "FUSE")
    }
}
