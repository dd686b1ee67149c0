import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Fault-injection suite, items 3 and 11: following without inotify, and two consoles racing
/// to acknowledge one incident.
@Suite("Fault injection: consoles", .serialized)
struct FaultConsoleTests {
    private func openLine(_ n: Int) -> String {
        #"{"event_type":"incident_open","incident_id":"INC-20251121-01\#(n)","severity":"SEV2","title":"external \#(n)","ts":"2025-11-21T10:10:00Z","event_id":"ext-\#(n)"}"#
            + "\n"
    }

    private func append(_ root: FaultRoot, _ text: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: root.journalPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Appends, then rotates the journal by rename and appends to the new one: the console must
    /// end up with every incident, with nothing but its stat pass to notice.
    private func externalChangesAppear(_ root: FaultRoot, _ tmux: Tmux) throws {
        #expect(tmux.waitFor("Incidents (1)").0)
        for n in 10...12 { try append(root, openLine(n)) }
        let (three, screen) = tmux.waitFor("Incidents (4)", timeout: 5)
        #expect(three, "\(screen)")
        try FileManager.default.moveItem(atPath: root.journalPath, toPath: root.journalPath + ".1")
        try (openLine(13) + openLine(14)).write(toFile: root.journalPath, atomically: false, encoding: .utf8)
        let (all, later) = tmux.waitFor("Incidents (6)", timeout: 5)
        #expect(all, "\(later)")
        tmux.send("q")
    }

    @Test("a record written in two pieces seconds apart appears once, when complete, with no warning")
    func recordInTwoPiecesSecondsApart() throws {
        let root = try FaultRoot()
        defer { root.cleanUp() }
        let tmux = try root.console()
        #expect(tmux.waitFor("Incidents (1)").0)
        let record = openLine(20)
        let cut = record.index(record.startIndex, offsetBy: record.count / 2)
        try append(root, String(record[..<cut]))
        Thread.sleep(forTimeInterval: 2.5)
        let waiting = tmux.capture()
        #expect(waiting.contains("Incidents (1)"), "\(waiting)")
        #expect(!waiting.contains("warning"), "a partial line is not malformed")
        try append(root, String(record[cut...]))
        let (shown, screen) = tmux.waitFor("Incidents (2)", timeout: 5)
        #expect(shown, "\(screen)")
        #expect(screen.contains("external 20"))
        #expect(!screen.contains("warning"))
        tmux.send("q")
    }

    @Test("inotify forced off (--no-inotify): the stat pass catches appends and a rotation")
    func noInotify() throws {
        let root = try FaultRoot()
        defer { root.cleanUp() }
        try externalChangesAppear(root, try root.console(extra: "--no-inotify"))
    }

    @Test(
        "inotify watch limit reached (max_inotify_watches 0 in a user namespace): polling catches everything",
        .enabled(if: UserNamespaces.canLimitInotify))
    func inotifyWatchLimitReached() throws {
        let root = try FaultRoot()
        defer { root.cleanUp() }
        let tmux = try root.console(
            before: "exec unshare -U -r sh -c \\\"echo 0 > /proc/sys/user/max_inotify_watches &&", after: "\\\"")
        try externalChangesAppear(root, tmux)
    }

    @Test("two consoles acknowledge one incident in the same second: one ack on disk, the loser told who won")
    func twoConsolesRace() throws {
        let root = try FaultRoot()
        defer { root.cleanUp() }
        let alice = try root.console(operatorName: "alice")
        let bob = try root.console(operatorName: "bob")
        for (tmux, note) in [(alice, "alice here"), (bob, "bob here")] {
            #expect(tmux.waitFor("INC-20251121-0001").0)
            tmux.send("a")
            #expect(tmux.waitFor("Acknowledge").0)
            tmux.type(note)
            #expect(tmux.waitFor(note).0)
        }
        // Both confirm at once (the same --now second, two tmux commands a few ms apart).
        alice.send("Enter")
        bob.send("Enter")
        let (aliceDone, aliceScreen) = alice.waitFor { $0.contains("acknowledged by") }
        let (bobDone, bobScreen) = bob.waitFor { $0.contains("acknowledged by") }
        #expect(aliceDone && bobDone, "\(aliceScreen)\n\(bobScreen)")
        let acks = root.acks(root.journalRecords())
        #expect(acks.count == 1, "one acknowledgment on disk")
        let winner = try #require(acks.first?["ack_by"]?.stringValue)
        let (winnerScreen, loserScreen) = winner == "alice" ? (aliceScreen, bobScreen) : (bobScreen, aliceScreen)
        #expect(winnerScreen.contains("INC-20251121-0001 acknowledged by \(winner)"), "\(winnerScreen)")
        #expect(loserScreen.contains("was already acknowledged by \(winner)"), "\(loserScreen)")
        alice.send("q")
        bob.send("q")
    }
}

enum UserNamespaces {
    /// Whether `unshare -U -r` works here and lets the namespace set its own inotify watch limit.
    static let canLimitInotify: Bool = {
        let result = try? Spawn.run(
            ["unshare", "-U", "-r", "sh", "-c", "echo 0 > /proc/sys/user/max_inotify_watches"], captureOutput: false)
        return result?.status == 0
    }()
}
