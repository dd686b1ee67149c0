import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every write below the artifact root goes through here. Others on a shared host may write the
/// root, so `incidents/reports` may be a symbolic link to someone's home; `O_NOFOLLOW` guards
/// only the last component. This walks from the root one component at a time with
/// `openat(O_NOFOLLOW|O_DIRECTORY)`, creating missing directories with `mkdirat`, and refuses a
/// link anywhere on the way with a message naming it. The root itself is the user's choice and
/// may be reached through links.
public enum BeneathRoot {
    /// Opens the directory `relative` below `root` (creating it and its parents, mode 0750,
    /// when `create`), returning a descriptor the caller closes.
    public static func openDirectory(root: String, relative: String, create: Bool = true) throws(FileWriteError)
        -> Int32
    {
        var fd = open(root.isEmpty ? "." : root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: root, message: "cannot open the root: \(errnoDescription())") }
        var walked = root
        for component in try components(relative, root: root) {
            walked = ArtifactLayout.join(walked, component)
            var next = openat(fd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT, create {
                if mkdirat(fd, component, 0o750) != 0, errno != EEXIST {
                    let reason = errnoDescription()
                    close(fd)
                    throw FileWriteError(path: walked, message: "cannot create the directory: \(reason)")
                }
                next = openat(fd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            if next < 0 {
                let failure = refusal(at: walked, parent: fd, name: component)
                close(fd)
                throw failure
            }
            close(fd)
            fd = next
        }
        return fd
    }

    /// Opens the file `relative` below `root` with `flags` (plus `O_NOFOLLOW|O_CLOEXEC`),
    /// creating its directories. Returns the file's descriptor and its parent directory's,
    /// both for the caller to close.
    /// `replacing` removes a leftover of the same name first (a temporary file of a dead process).
    public static func openFile(
        root: String, relative: String, flags: Int32, mode: mode_t = 0o640, replacing: Bool = false
    ) throws(FileWriteError) -> (file: Int32, directory: Int32) {
        let parent = (relative as NSString).deletingLastPathComponent
        let name = (relative as NSString).lastPathComponent
        let path = ArtifactLayout.join(root, relative)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw FileWriteError(path: path, message: "not a file name")
        }
        let directory = try openDirectory(root: root, relative: parent)
        if replacing { unlinkat(directory, name, 0) }
        let fd = openat(directory, name, flags | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let failure = refusal(at: path, parent: directory, name: name)
            close(directory)
            throw failure
        }
        return (fd, directory)
    }

    /// A path under the root split into components; `..` is refused (it could climb out),
    /// empty and `.` components are dropped.
    static func components(_ relative: String, root: String) throws(FileWriteError) -> [String] {
        var out: [String] = []
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            guard part != ".." else {
                throw FileWriteError(
                    path: ArtifactLayout.join(root, relative), message: "refused: the path climbs out with ..")
            }
            out.append(String(part))
        }
        return out
    }

    /// Why `openat` failed, saying so plainly when the component is a symbolic link.
    private static func refusal(at path: String, parent: Int32, name: String) -> FileWriteError {
        let reason = errnoDescription()
        var st = stat()
        if fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT == S_IFLNK {
            return FileWriteError(
                path: path, message: "refused: \(path) is a symbolic link (another user may have planted it)")
        }
        if fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT != S_IFDIR,
            st.st_mode & S_IFMT != S_IFREG
        {
            return FileWriteError(path: path, message: "refused: \(path) is not a regular file or directory")
        }
        return FileWriteError(path: path, message: "cannot open: \(reason)")
    }

    /// The root and the path below it, for a path the user named that may lie under the root
    /// (`report --output`): (root, relative) when it does, else (its directory, its name).
    /// Lexical only: resolving links here would let a planted link move the path out of the root.
    public static func split(_ path: String, root: String) -> (root: String, relative: String) {
        let standardRoot = lexical(root)
        let standard = lexical(path)
        if standardRoot == "/" || standard.hasPrefix(standardRoot + "/") {
            return (standardRoot, String(standard.dropFirst(standardRoot == "/" ? 1 : standardRoot.count + 1)))
        }
        return ((standard as NSString).deletingLastPathComponent, (standard as NSString).lastPathComponent)
    }

    /// `a/./b//c/../d` as `a/b/d`, without looking at the disk.
    static func lexical(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
