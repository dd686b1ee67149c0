import Foundation

/// Saves and restores one store's checkpoint (see `CheckpointDocument`): at restore the file is
/// read with a size cap, decoded, checked against the context and its bounds, and each followed
/// file in it is verified (same device and inode, at least as long, same `ReadDigest`) before
/// its state is taken up; anything else is read as if there were no checkpoint. Bytes appended
/// after the checkpoint are read as usual. Not thread-safe: its store's owner uses it.
public final class Checkpointer {
    public let directory: CheckpointDirectory
    public let context: CheckpointContext
    /// Digests of files unchanged since the last save (same inode, offset and change time) are
    /// not taken again: a periodic save then reads only what grew.
    private var digests: [String: (key: DigestKey, digest: String)] = [:]

    private struct DigestKey: Equatable {
        var device: UInt64
        var inode: UInt64
        var offset: Int64
        var changed: Int64
    }

    public init(directory: CheckpointDirectory, context: CheckpointContext) {
        self.directory = directory
        self.context = context
    }

    /// What a restore did: files and bytes taken from the checkpoint, files found changed (read
    /// again from their start), and why the whole checkpoint was not used, if it was not.
    public struct Restored: Sendable, Equatable {
        public var files = 0
        public var bytes: Int64 = 0
        public var refused = 0
        public var discarded: String?
    }

    /// Restores `store` (which has read nothing yet) from its checkpoint, if there is a usable one.
    public func restore(into store: ArtifactStore) -> Restored {
        var outcome = Restored()
        let bytes: [UInt8]
        do {
            guard let read = try directory.read(context.fileName, maxBytes: CheckpointDocument.Limit.bytes) else {
                return outcome
            }
            bytes = read
        } catch {
            outcome.discarded = error.message
            return outcome
        }
        guard let document = try? JSONDecoder().decode(CheckpointDocument.self, from: Data(bytes)),
            document.isWithinLimits
        else {
            outcome.discarded = "the checkpoint is not readable"
            directory.remove(context.fileName)
            return outcome
        }
        guard document.format == CheckpointContext.format, document.context == context.digest,
            document.root == context.root
        else {
            outcome.discarded = "the checkpoint was written by another build or for another profile"
            return outcome
        }
        digests = [:]
        let result = store.restore(document.files) { file in
            guard
                let (digest, identity) = ReadDigest.of(
                    path: ArtifactLayout.join(store.root, file.path), device: file.device, inode: file.inode,
                    offset: file.offset), digest == file.digest
            else { return false }
            // The save once the history is in need not hash this file again if it did not change.
            let key = DigestKey(
                device: file.device, inode: file.inode, offset: file.offset, changed: identity.changedNanoseconds)
            digests[file.path] = (key, digest)
            return true
        }
        outcome.files = result.restored
        outcome.bytes = result.bytes
        outcome.refused = result.refused
        return outcome
    }

    /// Writes the store's checkpoint in place of the last one.
    public func save(_ store: ArtifactStore, at now: Date) throws(CheckpointDirectory.Refused) {
        var used: [String: (key: DigestKey, digest: String)] = [:]
        let files = store.checkpointFiles { path, point in
            let full = ArtifactLayout.join(store.root, path)
            guard let (fd, identity) = try? RegularFile.open(full) else { return nil }
            defer { close(fd) }
            guard identity.device == point.device, identity.inode == point.inode, identity.size >= point.offset
            else { return nil }
            let key = DigestKey(
                device: point.device, inode: point.inode, offset: point.offset, changed: identity.changedNanoseconds)
            if let known = digests[path], known.key == key {
                used[path] = known
                return known.digest
            }
            guard let digest = ReadDigest.of(descriptor: fd, offset: point.offset) else { return nil }
            used[path] = (key, digest)
            return digest
        }
        digests = used
        let document = CheckpointDocument(
            format: CheckpointContext.format, context: context.digest, root: context.root, written: now, files: files)
        let encoded: Data
        do {
            encoded = try JSONEncoder().encode(document)
        } catch {
            throw CheckpointDirectory.Refused(message: "cannot encode the checkpoint: \(error)")
        }
        guard encoded.count <= CheckpointDocument.Limit.bytes else {
            throw CheckpointDirectory.Refused(message: "the checkpoint would be too large; not written")
        }
        try directory.write(Array(encoded), as: context.fileName)
    }
}
