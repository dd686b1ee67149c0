import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A runbook command running under the console: spawned directly from its argv (no shell unless
/// the argv is `/bin/sh -c …`), in its own process group so an interrupt reaches everything it
/// started, stdin from /dev/null, stdout and stderr into one non-blocking pipe the loop polls.
final class CommandRunner {
    static let readLimit = 1 << 20

    let pid: pid_t
    /// The read end of the output pipe; -1 once the output has ended.
    private(set) var output: Int32
    private(set) var exitStatus: Int32?
    private(set) var interruptedAt: Date?

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `argv` in `directory` (the console's own when nil) with `variables` added to the
    /// console's environment: the run's shell context.
    init(argv: [String], directory: String? = nil, variables: [String: String] = [:]) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
        // The loop is the only thread that spawns, so no other spawn can inherit these meanwhile.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGWINCH, SIGTSTP] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // The directory is entered by a trampoline that then execs the argv unchanged (its words
        // are passed as "$@", never re-read): posix_spawn's chdir action is not portable.
        let argv =
            directory.map { ["/bin/sh", "-c", "cd -- \"$1\" || exit 127; shift; exec \"$@\"", "sh", $0] + argv } ?? argv
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var child: pid_t = 0
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in variables { environment[name] = value }
        var cEnvironment: [UnsafeMutablePointer<CChar>?] =
            environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for entry in cEnvironment { free(entry) } }
        let result = posix_spawnp(&child, argv[0], &actions, &attributes, &cArgs, &cEnvironment)
        close(fds[1])
        guard result == 0 else {
            close(fds[0])
            throw SpawnError(description: "\(argv[0]): \(String(cString: strerror(result)))")
        }
        pid = child
        output = fds[0]
        _ = fcntl(output, F_SETFL, fcntl(output, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if output >= 0 { close(output) }
    }

    /// What the pipe holds now; nil once it has ended (every writer closed it).
    func readAvailable() -> [UInt8]? {
        guard output >= 0 else { return nil }
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress, $0.count) }
            if n > 0 {
                collected.append(contentsOf: buffer[0..<n])
                if collected.count >= Self.readLimit { return collected }
                continue
            }
            if n < 0, errno == EINTR { continue }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK { return collected }
            close(output)
            output = -1
            return collected.isEmpty ? nil : collected
        }
    }

    /// Whether the process has exited (without blocking); its status is kept.
    func poll() -> Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { exitStatus = status }
        return exitStatus != nil
    }

    /// Interrupts the whole process group: SIGINT first, SIGKILL if it is still there later.
    func interrupt(now: Date) {
        if let first = interruptedAt, now.timeIntervalSince(first) >= 3 {
            kill(-pid, SIGKILL)
            return
        }
        interruptedAt = interruptedAt ?? now
        kill(-pid, SIGINT)
    }

    /// Ends it for good (the console is closing): TERM, a moment's grace, then KILL.
    func terminate() {
        interruptedAt = interruptedAt ?? Date()
        kill(-pid, SIGTERM)
        for _ in 0..<20 {
            if poll() { return }
            usleep(50_000)
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        if waitpid(pid, &status, 0) == pid { exitStatus = status }
    }

    /// The exit code, or 128 + signal as a shell reports it.
    var exitCode: Int? {
        guard let status = exitStatus else { return nil }
        if status & 0x7f == 0 { return Int((status >> 8) & 0xff) }
        return 128 + Int(status & 0x7f)
    }
}
