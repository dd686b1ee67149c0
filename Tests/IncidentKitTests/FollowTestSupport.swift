import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary directory for one test (`FileManager.default.temporaryDirectory/sitrep-follow-<UUID>`),
/// with small helpers to write artifact files the way their writers do: appends and in-place
/// rewrites keep the inode, `rename` and `remove` change it. Use it through `withFollowScratch`,
/// which removes the directory at the end.
final class FollowScratch {
    let root: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        root = url.path
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    private func makeParent(_ relative: String) throws {
        let parent = (path(relative) as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    }

    private func writeBytes(_ relative: String, _ bytes: [UInt8], flags: Int32) throws {
        try makeParent(relative)
        let fd = open(path(relative), O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o644)
        guard fd >= 0 else { throw ScratchError("open \(relative): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard n > 0 else { throw ScratchError("write \(relative): \(String(cString: strerror(errno)))") }
            written += n
        }
    }

    /// Appends to the file (creating it), keeping its inode, as a JSONL writer does.
    func append(_ relative: String, _ text: String) throws {
        try writeBytes(relative, Array(text.utf8), flags: O_APPEND)
    }

    func append(_ relative: String, bytes: [UInt8]) throws { try writeBytes(relative, bytes, flags: O_APPEND) }

    /// Rewrites the file in place (`O_TRUNC`, same inode), as a non-atomic writer does.
    func rewrite(_ relative: String, _ text: String) throws {
        try writeBytes(relative, Array(text.utf8), flags: O_TRUNC)
    }

    /// Writes a temporary file and renames it over the target: a new inode at the path.
    func replace(_ relative: String, _ text: String) throws {
        try writeBytes(relative + ".tmp", Array(text.utf8), flags: O_TRUNC)
        try rename(relative + ".tmp", to: relative)
    }

    func rename(_ relative: String, to other: String) throws {
        try makeParent(other)
        guard posixRename(path(relative), path(other)) == 0 else {
            throw ScratchError("rename \(relative): \(String(cString: strerror(errno)))")
        }
    }

    func truncate(_ relative: String, to size: Int = 0) throws {
        guard posixTruncate(path(relative), off_t(size)) == 0 else {
            throw ScratchError("truncate \(relative): \(String(cString: strerror(errno)))")
        }
    }

    /// Sets the access and modification times, as `touch -r`, `cp -p` or `rsync --times` do.
    func setModificationTime(_ relative: String, _ time: timespec) throws {
        let times = [time, time]
        guard utimensat(AT_FDCWD, path(relative), times, 0) == 0 else {
            throw ScratchError("utimensat \(relative): \(String(cString: strerror(errno)))")
        }
    }

    func remove(_ relative: String) throws { try FileManager.default.removeItem(atPath: path(relative)) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    func bytes(_ relative: String) -> [UInt8]? { FileManager.default.contents(atPath: path(relative)).map(Array.init) }

    func text(_ relative: String) -> String? { bytes(relative).map { String(decoding: $0, as: UTF8.self) } }

    /// The file's lines, without their newlines (a trailing partial line included).
    func lines(_ relative: String) -> [String] {
        guard let text = text(relative) else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Removes the directory, first making everything in it writable again.
    func removeAll() {
        if let enumerator = FileManager.default.enumerator(atPath: root) {
            chmod(root, 0o755)
            for case let relative as String in enumerator {
                var st = stat()
                if lstat(path(relative), &st) == 0, (st.st_mode & S_IFMT) != S_IFLNK { chmod(path(relative), 0o755) }
            }
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}

private func posixRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
private func posixTruncate(_ path: String, _ size: off_t) -> Int32 { truncate(path, size) }

struct ScratchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` with a fresh temporary directory and removes it afterwards, whatever happens.
func withFollowScratch<T>(_ body: (FollowScratch) throws -> T) throws -> T {
    let scratch = try FollowScratch()
    defer { scratch.removeAll() }
    return try body(scratch)
}

/// Runs `body` with file permissions checked as an unprivileged user. Tests run as root in some
/// containers, and root's CAP_DAC_OVERRIDE ignores mode bits; `setfsuid` changes only the
/// calling thread's filesystem uid (and drops those capabilities while it is not 0), so other
/// tests running in parallel are not affected. `body` must not suspend.
@discardableResult
func withUnprivilegedFileAccess<T>(_ body: () throws -> T) rethrows -> T {
    guard geteuid() == 0, let setfsuid = FSUID.setfsuid else { return try body() }
    _ = setfsuid(65534)
    defer { _ = setfsuid(0) }
    return try body()
}

private enum FSUID {
    typealias Function = @convention(c) (UInt32) -> Int32
    static let setfsuid: Function? = {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid") else { return nil }
            return unsafeBitCast(symbol, to: Function.self)
        #else
            return nil
        #endif
    }()
}

/// The process umask, read without changing it (Linux: /proc/self/status); 022 elsewhere.
func currentUmask() -> mode_t {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
        let value = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
    {
        return value
    }
    return 0o022
}

/// The permission bits of a path (not following a symlink).
func permissionBits(_ path: String) -> mode_t? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    return st.st_mode & 0o7777
}

/// Parses one line into a JSON object, failing the test when it is not one.
func parseObject(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONObject {
    try #require(try JSONParser.parse(line).objectValue, sourceLocation: sourceLocation)
}

let followRunbookPolicyName = "incident-runbook"

func runbookPolicy() throws -> Policy {
    try #require(try BuiltinPolicies.policy(named: followRunbookPolicyName))
}
