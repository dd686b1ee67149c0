import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Fault-injection suite, item 7: the console killed with SIGKILL at random moments around an
/// acknowledgment, 200 times. The journal always parses, and every acknowledgment the console
/// reported as written is on disk.
@Suite("Fault injection: kill -9", .serialized)
struct FaultKillTests {
    @Test("kill -9 of the console 200 times during writes: the journal parses, reported acks are on disk")
    func killNineTwoHundredTimes() throws {
        let root = try FaultRoot()
        defer { root.cleanUp() }
        let opening = try #require(FileManager.default.contents(atPath: root.journalPath))
        let tmux = try Tmux(width: 120, height: 30, command: "sleep 3600")
        try tmux.run(["set-option", "-t", tmux.session, "remain-on-exit", "on"])
        // This server respawns its pane 200 times; make sure it goes, whatever happens here.
        let server = try #require(
            Int32(try tmux.run(["display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        defer {
            _ = try? tmux.run(["kill-server"])
            kill(server, SIGKILL)
        }
        var generator = SystemRandomNumberGenerator()
        var reported = 0
        var onDisk = 0
        for round in 1...200 {
            try opening.write(to: URL(fileURLWithPath: root.journalPath))
            try tmux.run([
                "respawn-pane", "-k", "-t", tmux.session,
                // A respawned pane has the server's environment, not the exports `Tmux` adds.
                "SITREP_NO_CHECKPOINT=1 exec '\(SitrepRunner.binary.path)' --root '\(root.root.path)' --now \(FaultRoot.now) --as alice",
            ])
            guard tmux.waitFor("INC-20251121-0001").0, let console = tmux.panePID else {
                Issue.record("round \(round): the console did not start")
                continue
            }
            tmux.send("a")
            tmux.type("round \(round)")
            tmux.send("Enter")
            usleep(UInt32.random(in: 0...20_000, using: &generator))
            kill(console, SIGKILL)
            _ = waitUntil(timeout: 5) {
                (try? tmux.run(["display-message", "-p", "-t", tmux.session, "#{pane_dead}"]))?.hasPrefix("1") == true
            }
            let screen = tmux.capture()
            let records = root.journalRecords()
            let acks = root.acks(records)
            #expect(acks.count <= 1)
            if screen.contains("acknowledged by alice") {
                reported += 1
                #expect(acks.count == 1, "round \(round): reported as written but not on disk")
            }
            if let ack = acks.first {
                onDisk += 1
                #expect(ack["notes"]?.stringValue == "round \(round)")
            }
        }
        // How the kills fell, for the README (not a timing assertion).
        print("kill -9 x200: \(reported) acknowledgments reported before the kill, \(onDisk) on disk")
        #expect(onDisk >= reported)
    }
}
