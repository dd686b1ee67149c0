#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Directory listings that are read again only when the directory changed, so a stat pass over
/// a root of 1,000 nodes and 200 runs costs one `stat` per directory instead of one per file
/// it might hold. A directory's mtime moves when an entry is added, removed or renamed (not
/// when a file in it grows). A listing taken within the timestamp granularity of a change is
/// "racily clean" (as git calls it) and is read again next time.
final class DirectoryCache {
    struct Entry: Equatable {
        var name: String
        var isDirectory: Bool
    }

    private struct Listing {
        var identity: FileIdentity
        var entries: [Entry]
        var racy: Bool
    }

    private var listings: [String: Listing] = [:]
    let racyWindowNanoseconds: Int64
    /// How many times a directory was actually read (for tests of the cache).
    private(set) var listingsRead = 0

    init(racyWindowNanoseconds: Int64 = 2_000_000_000) {
        self.racyWindowNanoseconds = racyWindowNanoseconds
    }

    /// The visible entries of a directory, sorted by name; empty when it is missing.
    func entries(_ path: String) -> [Entry] {
        guard let identity = FileIdentity.of(path: path), !identity.isRegularFile else {
            listings[path] = nil
            return []
        }
        if let cached = listings[path], !cached.racy, cached.identity == identity { return cached.entries }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let nowNanoseconds = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        let racy =
            nowNanoseconds - max(identity.modifiedNanoseconds, identity.changedNanoseconds)
            < racyWindowNanoseconds
        let entries = DirectoryCache.read(path)
        listingsRead += 1
        listings[path] = Listing(identity: identity, entries: entries, racy: racy)
        return entries
    }

    func names(_ path: String) -> [String] { entries(path).map(\.name) }

    func subdirectories(_ path: String) -> [String] { entries(path).filter(\.isDirectory).map(\.name) }

    private static func read(_ path: String) -> [Entry] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            guard !name.hasPrefix(".") else { continue }
            let type = entry.pointee.d_type
            let isDirectory: Bool
            if type == UInt8(DT_DIR) {
                isDirectory = true
            } else if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                var st = stat()
                isDirectory = stat(path + "/" + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            } else {
                isDirectory = false
            }
            entries.append(Entry(name: name, isDirectory: isDirectory))
        }
        return entries.sorted { $0.name < $1.name }
    }
}
