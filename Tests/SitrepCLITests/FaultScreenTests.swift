import ConsoleUI
import Foundation
import IncidentKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Fault-injection suite, item 8: hostile text in every field of the artifact files that reaches
/// the screen. It shows as placeholders, rows keep their width, and the terminal (window title,
/// clipboard, screen contents) is untouched.
@Suite("Fault injection: hostile text", .serialized)
struct FaultScreenTests {
    /// Every sequence of the issue's list: OSC 0 title, clear screen, OSC 52 clipboard, OSC 8
    /// hyperlink, CR, backspace, C1 CSI (U+009B), RTL override, zero-width joiner, CJK, emoji.
    static let hostile =
        "\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\"
        + "cr\rbs\u{08}\u{9B}31m\u{202E}exe.txt\u{200D}zwj中文😀|"
    /// The same for a file name (no `/`).
    static let hostileName = "n\u{1B}]0;PWNED\u{07}\u{1B}[2J\r\u{08}\u{9B}\u{202E}\u{200D}中😀"

    private func write(_ root: URL, _ relative: String, _ bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// A JSON string literal.
    private func q(_ text: String) -> String { JSONWriter.string(.string(text)) }

    private func hostileRoot() throws -> SitrepRunner {
        let runner = try SitrepRunner()
        let root = runner.root
        let h = q(Self.hostile)
        let id = q("INC-\u{1B}[2J\u{9B}1\u{202E}9")
        var journal = """
            {"event_type":"incident_open","incident_id":\(id),"severity":"SEV-1","title":\(h),"ts":"2025-11-21T10:00:00Z","event_id":"h1","by":\(h)}
            {"event_type":"incident_ack","incident_id":\(id),"ack_by":\(h),"notes":\(h),"ts":"2025-11-21T10:01:00Z","event_id":"h2"}

            """.utf8.map { UInt8($0) }
        // An update whose message carries the raw byte 0x9B (invalid UTF-8) as well.
        let update: String =
            #"{"event_type":"incident_update","incident_id":"# + id
            + #","by":"x","ts":"2025-11-21T10:02:00Z","event_id":"h3","message":"raw "#
        journal += Array(update.utf8)
        journal.append(0x9B)
        journal += Array("31m \"}\n".utf8)
        try write(root, "incidents/incident_events.jsonl", journal)
        let node = """
            {"node_id":\(q(Self.hostileName)),"health":\(h),"last_heartbeat":"2025-11-21T10:29:00Z","uptime_ratio":0.5,"last_cycle_ok":false,"failing_smoke_step":\(h)}
            """
        try write(root, "nodes/\(Self.hostileName)/node_state.json", Array(node.utf8))
        // A run whose directory name is hostile, with a malformed line: the warning shows its path.
        try write(root, "results/runs/\(Self.hostileName)/ops_slo_events.jsonl", Array("{broken \u{1B}[2J\n".utf8))
        return runner
    }

    /// Rows that end in a box border are exactly the terminal's width: nothing shifted a column.
    private func expectAligned(_ screen: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        for row in screen.split(separator: "\n") where row.hasSuffix("│") || row.hasSuffix("┐") || row.hasSuffix("┘") {
            #expect(CharacterWidth.of(String(row)) == width, "misaligned row: \(row)", sourceLocation: sourceLocation)
        }
    }

    private func expectTerminalUntouched(_ tmux: Tmux, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let title = try tmux.run(["display-message", "-p", "-t", tmux.session, "#{pane_title}"])
        #expect(!title.contains("PWNED"), "window title changed: \(title)", sourceLocation: sourceLocation)
        let buffers = try tmux.run(["list-buffers"])
        #expect(buffers.isEmpty, "OSC 52 reached the clipboard: \(buffers)", sourceLocation: sourceLocation)
    }

    @Test("hostile text in titles, ids, names, notes, updates, node fields and file paths")
    func hostileTextEverywhere() throws {
        let runner = try hostileRoot()
        defer { runner.cleanUp() }
        let tmux = try Tmux(
            width: 160, height: 50,
            command:
                "'\(SitrepRunner.binary.path)' --root '\(runner.root.path)' --policy pilot-playbook --now 2025-11-21T10:30:00Z; sleep 30"
        )
        // A leaked OSC 52 would create a tmux buffer.
        try tmux.run(["set-option", "-s", "set-clipboard", "on"])
        let (shown, screen) = tmux.waitFor { $0.contains("Incidents (1)") && $0.contains("file warning") }
        #expect(shown, "\(screen)")
        #expect(screen.contains("␛]0;PWNED␇␛[2J"), "the title shows its escapes as placeholders")
        #expect(screen.contains("INC-␛[2J"), "the id too")
        #expect(screen.contains("中"), "CJK text is kept")
        #expect(screen.hasPrefix(" Sitrep"), "the header was not cleared or moved")
        expectAligned(screen, width: 160)
        try expectTerminalUntouched(tmux)

        tmux.send("Enter")
        let (detail, detailScreen) = tmux.waitFor("raw")
        #expect(detail, "\(detailScreen)")
        #expect(detailScreen.contains("raw �31m"), "the raw 0x9B byte is a replacement character")
        #expect(detailScreen.contains("␍bs␈"), "CR and backspace are visible")
        #expect(detailScreen.contains("␦exe.txt␦zwj"), "the RTL override and ZWJ are placeholders")
        expectAligned(detailScreen, width: 160)
        try expectTerminalUntouched(tmux)
        tmux.send("Escape")
        tmux.send("q")
    }
}
