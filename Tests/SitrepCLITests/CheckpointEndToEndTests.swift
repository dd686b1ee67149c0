import Foundation
import Testing

/// The real console, quit and started again on the same root with a cache directory of the
/// test's own: the second start takes the history from the checkpoint the first one wrote.
@Suite("Checkpoint end to end", .serialized)
struct CheckpointEndToEndTests {
    func console(_ runner: SitrepRunner, cache: URL, extra: String = "") throws -> Tmux {
        try Tmux(
            width: 160, height: 40,
            command:
                "'\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --now 2025-11-21T16:10:00Z --as alice --read-only \(extra); echo CONSOLE-EXITED; sleep 30",
            environment: ["XDG_CACHE_HOME": cache.path, "SITREP_NO_CHECKPOINT": ""])
    }

    @Test("quit and start again: the footer says the history came from the checkpoint")
    func restartUsesTheCheckpoint() throws {
        guard Tmux.available else { return }
        let runner = try SitrepRunner(fixture: "trading-ops")
        defer { runner.cleanUp() }
        let cache = runner.root.deletingLastPathComponent().appendingPathComponent("cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }

        let first = try console(runner, cache: cache)
        let (read, screen) = first.waitFor("History read")
        #expect(read, "\(screen)")
        first.send("q")
        #expect(first.waitFor("CONSOLE-EXITED").0)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: cache.path + "/sitrep")) ?? []
        #expect(files.filter { $0.hasSuffix(".checkpoint.json") }.count == 1, "\(files)")

        let second = try console(runner, cache: cache)
        let (restored, again) = second.waitFor("History from checkpoint")
        #expect(restored, "\(again)")
        second.send("q")
        #expect(second.waitFor("CONSOLE-EXITED").0)

        // --no-checkpoint reads the history as if there were none.
        let third = try console(runner, cache: cache, extra: "--no-checkpoint")
        let (plain, last) = third.waitFor("History read")
        #expect(plain, "\(last)")
        third.send("q")
    }
}
