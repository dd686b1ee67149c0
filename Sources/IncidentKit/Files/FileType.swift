import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `RegularFile`'s open-and-check for the paths whose errors are `FileWriteError`s or
/// `PolicyError`s: writes (the type check on a descriptor opened for appending) and the small
/// text files (policies, runbooks, profiles, themes, config) that are read whole.
public enum FileType {
    public static func requireRegular(_ fd: Int32, path: String) throws(FileWriteError) {
        do throws(RegularFile.Refused) {
            try RegularFile.requireRegular(fd)
        } catch {
            throw FileWriteError(path: path, message: "refused: \(error.message)")
        }
    }

    /// Reads a whole regular file of at most `limit` bytes. A larger file is refused with a
    /// message naming the limit rather than read into memory (a 1 GB policy took 3 GB).
    public static func readSmallFile(_ path: String, limit: Int, followLinks: Bool = true) throws(FileWriteError)
        -> [UInt8]
    {
        do throws(RegularFile.Refused) {
            return try RegularFile.read(path, maxBytes: limit, flags: followLinks ? O_RDONLY : O_RDONLY | O_NOFOLLOW)
        } catch {
            throw FileWriteError(path: path, message: error.code == 0 ? "refused: \(error.message)" : error.message)
        }
    }

    /// The most a policy, runbook, profile, theme or config file may hold: 4 MiB, hundreds of
    /// times the largest real one. A 1 GB policy took 3 GB of memory before it was refused.
    public static let textFileLimit = 4 << 20

    /// A policy, runbook, profile, theme or config file as text, at most `textFileLimit` bytes,
    /// never blocking on a FIFO or device. Errors name the file.
    public static func readText(_ path: String, what: String = "the file") throws(PolicyError) -> String {
        do {
            return String(decoding: try readSmallFile(path, limit: textFileLimit), as: UTF8.self)
        } catch {
            throw PolicyError(file: path, line: nil, field: "", message: "cannot read \(what): \(error.message)")
        }
    }

    /// The first `limit` bytes of a regular file (less if it is shorter), for sniffing a format.
    public static func readPrefix(_ path: String, limit: Int) throws(FileWriteError) -> [UInt8] {
        do throws(RegularFile.Refused) {
            return try RegularFile.prefix(path, maxBytes: limit)
        } catch {
            throw FileWriteError(path: path, message: error.message)
        }
    }
}
