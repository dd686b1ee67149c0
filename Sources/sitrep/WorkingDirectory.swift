import Foundation
import IncidentKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The current directory as the kernel says it is. When it has been deleted, `getcwd` fails
/// and Foundation's `currentDirectoryPath` answers as if it were `/`: `declare` then wrote
/// `/incidents/…` and `report --output report.md` wrote `/report.md`. A relative path is
/// refused instead; `/` is written only when the user names it.
enum WorkingDirectory {
    static func current() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else {
            throw CLIError(
                "the current directory is gone (\(errnoDescription())); cd to a directory that exists, or pass an absolute path or --root DIR"
            )
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `path` made absolute against the current directory, which must still exist.
    static func absolute(_ path: String) throws -> String {
        if path.hasPrefix("/") { return path }
        let current = try current()
        return current == "/" ? "/" + path : current + "/" + path
    }
}
