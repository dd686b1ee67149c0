import Foundation

/// A tmux server of its own (a private socket) running one pane, for driving the real console
/// in a real terminal and reading the screen back.
final class Tmux {
    let socket = "sitrep-test-\(UUID().uuidString.prefix(8))"
    let session = "t"

    init(width: Int, height: Int, command: String, environment: [String: String] = [:]) throws {
        // No checkpoint in the user's cache: a test that wants one names a cache of its own.
        var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "SITREP_USER": "tester", "SITREP_NO_CHECKPOINT": "1"]
        for (k, v) in environment { env[k] = v }
        let exports = env.map { "export \($0.key)='\($0.value)';" }.joined(separator: " ")
        // The server that new-session starts inherits the client's output: give it none, or
        // reading that output would wait for the server to exit.
        try run(
            [
                "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                "sh -c \"\(exports) \(command)\"",
            ], capture: false)
    }

    deinit { _ = try? run(["kill-server"]) }

    @discardableResult
    func run(_ args: [String], capture: Bool = true) throws -> String {
        try Spawn.run(["tmux", "-L", socket, "-f", "/dev/null"] + args, captureOutput: capture).output
    }

    func capture() -> String { (try? run(["capture-pane", "-p", "-t", session])) ?? "" }

    func send(_ keys: String...) { _ = try? run(["send-keys", "-t", session] + keys) }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) { _ = try? run(["send-keys", "-t", session, "-l", text]) }

    func resize(width: Int, height: Int) {
        _ = try? run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    var panePID: Int32? {
        Int32(
            (try? run(["display-message", "-p", "-t", session, "#{pane_pid}"]))?.trimmingCharacters(
                in: .whitespacesAndNewlines) ?? "")
    }

    /// Waits until the screen satisfies a condition; returns the last screen either way.
    @discardableResult
    func waitFor(timeout: TimeInterval = 10, _ condition: (String) -> Bool) -> (Bool, String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while Date() < deadline {
            if condition(screen) { return (true, screen) }
            Thread.sleep(forTimeInterval: 0.05)
            screen = capture()
        }
        return (condition(screen), screen)
    }

    func waitFor(_ text: String, timeout: TimeInterval = 10) -> (Bool, String) {
        waitFor(timeout: timeout) { $0.contains(text) }
    }

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }
}

/// The first child process of a pid (the console under the pane's shell).
func childPID(of parent: Int32) -> Int32? {
    guard let text = try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8) else {
        return nil
    }
    return text.split(separator: " ").first.flatMap { Int32($0) }
}

func waitUntil(timeout: TimeInterval = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
}
