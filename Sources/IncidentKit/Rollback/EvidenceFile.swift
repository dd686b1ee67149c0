import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output of a command the wizard ran, kept beside the journal: a header saying what ran,
/// where and for whom, the output as it arrived, and a footer with the exit code. Created new
/// (never overwriting, never through a symbolic link anywhere below the root) and fsynced when the command ends.
public final class EvidenceFile {
    public let path: String
    public let relativePath: String
    private var fd: Int32
    private var failed: String?

    public init(root: String, relativePath: String) throws {
        self.relativePath = relativePath
        path = ArtifactLayout.join(root, relativePath)
        do {
            let (file, directory) = try BeneathRoot.openFile(
                root: root, relative: relativePath, flags: O_WRONLY | O_CREAT | O_EXCL)
            close(directory)
            fd = file
        } catch {
            throw FileWriteError(path: path, message: "cannot create the evidence file: \(error.message)")
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    public func writeHeader(
        incident: String, run: String, step: String, command: String, argv: [String], by: String, startedAt: Date,
        directory: String
    ) {
        let argvJSON = JSONWriter.string(.array(argv.map { .string($0) }))
        append(
            Array(
                """
                # sitrep evidence
                # incident: \(incident)  run: \(run)  step: \(step)
                # command: \(command.replacingOccurrences(of: "\n", with: "\\n"))
                # argv: \(argvJSON)
                # started: \(Timestamp.format(startedAt))  by: \(by)  host: \(ProcessInfo.processInfo.hostName)
                # cwd: \(directory)

                """.utf8))
    }

    /// Output bytes as they arrive. A failure (a full disk) is remembered and reported at the end;
    /// the command is not stopped for it.
    public func append(_ bytes: [UInt8]) {
        guard fd >= 0, failed == nil, !bytes.isEmpty else { return }
        do {
            try FileWrites.writeAll(fd, bytes, path: path)
        } catch {
            failed = error.message
        }
    }

    /// Writes the footer, syncs and closes. Returns why the evidence is incomplete, if it is.
    @discardableResult
    public func finish(exitCode: Int?, interrupted: Bool, duration: Double, endedAt: Date) -> String? {
        let exit = interrupted ? "interrupted" : exitCode.map(String.init) ?? "unknown"
        append(
            Array(
                "\n# exit: \(exit)  duration: \(String(format: "%.3f", duration))s  ended: \(Timestamp.format(endedAt))\n"
                    .utf8))
        if fd >= 0 {
            if fsync(fd) != 0, failed == nil { failed = "fsync failed: \(errnoDescription())" }
            close(fd)
            fd = -1
        }
        return failed
    }
}
