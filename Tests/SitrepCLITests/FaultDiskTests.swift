import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Fault-injection suite, item 6: the journal cannot take the acknowledgment at the moment it is
/// written (a full file system, the file size limit, a read-only file system). The user is told,
/// the journal keeps its bytes, and nothing is reported as written.
@Suite("Fault injection: disk", .serialized)
struct FaultDiskTests {
    /// Pads the journal with an event of an unknown type (kept, ignored) to exactly `size` bytes,
    /// so that any append needs a new page or block.
    private func pad(_ root: FaultRoot, to size: Int) throws {
        let current = try #require(FileManager.default.contents(atPath: root.journalPath)).count
        let bare = #"{"event_type":"padding","pad":""}"#.utf8.count + 1
        let line = #"{"event_type":"padding","pad":""# + String(repeating: "p", count: size - current - bare) + "\"}\n"
        let handle = try #require(FileHandle(forWritingAtPath: root.journalPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.close()
        #expect(try #require(FileManager.default.contents(atPath: root.journalPath)).count == size)
    }

    /// Acknowledges through the console and checks: an error on screen, no success message, the
    /// journal byte for byte as before.
    private func acknowledgmentIsRefused(_ root: FaultRoot, _ tmux: Tmux, expecting reason: String) throws {
        #expect(tmux.waitFor("INC-20251121-0001").0)
        let before = FileManager.default.contents(atPath: root.journalPath)
        acknowledgeSelected(tmux, note: "disk trouble")
        let (failed, screen) = tmux.waitFor("Write failed, nothing recorded")
        #expect(failed, "\(screen)")
        #expect(screen.contains(reason), "\(screen)")
        #expect(!screen.contains("acknowledged by alice"))
        #expect(!screen.contains("ACKED"))
        #expect(FileManager.default.contents(atPath: root.journalPath) == before, "the journal is unchanged")
        tmux.send("q")
    }

    @Test("a full file system (a 64 KiB tmpfs) at the moment of the write", .enabled(if: Mounts.permitted))
    func fullFileSystem() throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sitrep-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        try Mounts.mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.path])
        defer { Mounts.unmount(mountPoint.path) }
        let root = try FaultRoot(base: mountPoint.path)
        try pad(root, to: 4096)
        // Fill the rest of the file system.
        let filler = open(mountPoint.appendingPathComponent("filler").path, O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(filler, $0.baseAddress, 4096) }) > 0 {}
        #expect(errno == ENOSPC)
        close(filler)
        let tmux = try root.console()
        try acknowledgmentIsRefused(root, tmux, expecting: "No space left on device")
    }

    @Test("the file size limit (ulimit -f) reached: EFBIG, not death by SIGXFSZ")
    func fileSizeLimit() throws {
        let root = try FaultRoot()
        defer { root.cleanUp() }
        try pad(root, to: 4096)
        // /bin/sh's ulimit -f counts 512-byte blocks: 8 blocks are exactly the journal.
        let tmux = try root.console(before: "ulimit -f 8;")
        try acknowledgmentIsRefused(root, tmux, expecting: "File too large")
    }

    @Test("a read-only file system under the journal", .enabled(if: Mounts.permitted))
    func readOnlyFileSystem() throws {
        let root = try FaultRoot()
        defer { root.cleanUp() }
        let incidents = root.root.appendingPathComponent("incidents").path
        try Mounts.mount(["--bind", incidents, incidents])
        defer { Mounts.unmount(incidents) }
        try Mounts.mount(["-o", "remount,bind,ro", incidents])
        let tmux = try root.console()
        try acknowledgmentIsRefused(root, tmux, expecting: "Read-only file")
    }
}

/// mount(8) for the disk cases; they need the right to mount (root in CI here).
enum Mounts {
    static let permitted: Bool = {
        guard geteuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-mount-probe-\(getpid())")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? mount(["-t", "tmpfs", "-o", "size=4k", "tmpfs", probe.path])) != nil else { return false }
        unmount(probe.path)
        return true
    }()

    static func mount(_ args: [String]) throws {
        let result = try Spawn.run(["mount"] + args, captureOutput: false)
        guard result.status == 0 else { throw RunnerError(message: "mount \(args) failed: \(result.status)") }
    }

    static func unmount(_ path: String) { _ = try? Spawn.run(["umount", "-l", path], captureOutput: false) }
}
