import Foundation

/// A per-process scratch directory for targets that need a real file, a way to cut an input
/// into pieces that depends only on the input (so a crash reproduces), and the line arithmetic
/// the follower target checks against.
enum FuzzScratch {
    private static let directory: String = {
        let dir = NSTemporaryDirectory() + "sitrep-fuzz-\(getpid())"
        mkdir(dir, 0o700)
        return dir
    }()

    static func path(_ name: String) -> String { directory + "/" + name }

    /// Up to four pieces; the cut points come from the first bytes of the input.
    static func pieces(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        guard bytes.count > 4 else { return [bytes[...]] }
        var cuts = bytes.prefix(3).map { Int($0) * bytes.count / 256 }
        cuts.append(bytes.count)
        cuts.sort()
        var pieces: [ArraySlice<UInt8>] = []
        var start = 0
        for cut in cuts where cut > start {
            pieces.append(bytes[start..<cut])
            start = cut
        }
        return pieces
    }

    static func append(_ bytes: ArraySlice<UInt8>, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    static func copy(_ from: String, to: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: from) else { return false }
        unlink(to)
        return append(ArraySlice(data), to: to)
    }

    /// The complete lines of `bytes` (CR before LF dropped), those over `max` bytes skipped.
    static func completeLines(_ bytes: [UInt8], max: Int) -> (lines: [[UInt8]], skipped: Int) {
        var lines: [[UInt8]] = []
        var skipped = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            if line.count > max {
                skipped += 1
            } else {
                lines.append(line.last == 0x0D ? Array(line.dropLast()) : Array(line))
            }
        }
        return (lines, skipped)
    }

    /// Whether a follower that read `read` can see that the file now holding `now` started over:
    /// it is shorter, or its first or last-read bytes differ (LineFollower's fingerprint).
    static func restartIsVisible(read: [UInt8], now: [UInt8]) -> Bool {
        guard now.count >= read.count else { return true }
        let size = min(read.count, 64)
        return read.prefix(size) != now.prefix(size)
            || read[(read.count - size)...] != now[(read.count - size)..<read.count]
    }
}
