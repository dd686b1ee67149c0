#if canImport(Glibc)
    import Glibc
#endif

/// Restores the terminal on every way out. The terminal modes are saved before curses starts;
/// fatal signals (a crash) restore them with async-signal-safe calls only and re-raise, and
/// quit-like signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT) are turned into bytes on a self-pipe
/// so the loop can leave curses cleanly.
enum TerminalGuard {
    nonisolated(unsafe) private static var savedModes = termios()
    nonisolated(unsafe) private static var haveSavedModes = false
    nonisolated(unsafe) static var pipeWrite: Int32 = -1
    private(set) nonisolated(unsafe) static var pipeRead: Int32 = -1

    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    static func install() {
        if tcgetattr(STDIN_FILENO, &savedModes) == 0 { haveSavedModes = true }
        var fds: [Int32] = [0, 0]
        if pipe(&fds) == 0 {
            pipeRead = fds[0]
            pipeWrite = fds[1]
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        for sig in quitSignals {
            signal(sig) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(TerminalGuard.pipeWrite, &byte, 1)
            }
        }
        signal(SIGPIPE, SIG_IGN)
        // Over the file size limit a write must fail with EFBIG, shown to the user, instead of
        // the default SIGXFSZ killing the console with the terminal still raw.
        signal(SIGXFSZ, SIG_IGN)
        for sig in fatalSignals {
            signal(sig) { received in
                TerminalGuard.restoreRaw()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// Async-signal-safe: terminal modes back, attributes reset, cursor shown, alternate screen left.
    static func restoreRaw() {
        if haveSavedModes { _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedModes) }
        let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
        _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
    }

    /// The quit signals received since the last call.
    static func drainSignals() -> [Int32] {
        var out: [Int32] = []
        var byte: UInt8 = 0
        while pipeRead >= 0, read(pipeRead, &byte, 1) == 1 { out.append(Int32(byte)) }
        return out
    }

    /// After curses has been left: die by the signal that asked us to, as the shell expects.
    static func reraise(_ sig: Int32) -> Never {
        signal(sig, SIG_DFL)
        raise(sig)
        exit(128 + sig)
    }
}
