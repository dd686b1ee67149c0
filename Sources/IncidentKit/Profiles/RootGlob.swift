#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Expands a profile's location pattern under a root: segments are matched one directory level
/// at a time with `fnmatch` (`*` never crosses a `/`), hidden entries are skipped, results are
/// sorted.
enum RootGlob {
    static func expand(_ pattern: String, root: String, list: (String) -> [DirectoryCache.Entry]) -> [String] {
        var found = [""]
        let segments = pattern.split(separator: "/").map(String.init)
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            // By byte: `String.contains(String)` goes through Foundation's locale-aware search,
            // which was an eighth of a stat pass over a thousand node directories.
            let wild = segment.utf8.contains {
                $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[")
            }
            var next: [String] = []
            for prefix in found {
                let entries = list(prefix.isEmpty ? root : ArtifactLayout.join(root, prefix))
                for entry in entries where !entry.name.hasPrefix(".") && (last || entry.isDirectory) {
                    let hit = wild ? fnmatch(segment, entry.name, 0) == 0 : entry.name == segment
                    if hit { next.append(prefix.isEmpty ? entry.name : prefix + "/" + entry.name) }
                }
            }
            found = next
            if found.isEmpty { break }
        }
        return found.sorted()
    }
}

extension RootGlob {
    /// Whether a relative path matches a pattern, segment by segment.
    static func matches(_ path: String, _ pattern: String) -> Bool {
        let a = path.split(separator: "/").map(String.init)
        let b = pattern.split(separator: "/").map(String.init)
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { fnmatch($1, $0, 0) == 0 }
    }
}
