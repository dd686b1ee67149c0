import Foundation

/// What checking an audit log's hash chain found at one line.
public struct AuditChainFinding: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A link does not hold: evidence of tampering or loss.
        case broken
        /// The canonical form Python hashed cannot be reproduced from this line, so the link is
        /// neither confirmed nor denied.
        case cannotVerify
    }

    public var kind: Kind
    public var path: String
    public var line: Int
    public var message: String
}

/// Checks the trading bot's audit hash chain (`utils/audit_log.py`): across the files in name
/// order, each entry's `previous_hash` is the one before's `entry_hash` (64 zeros first), its
/// `sequence_number` the one before's plus one, and its `entry_hash` the SHA-256 of
/// `json.dumps({timestamp, event_type, data, sequence_number, previous_hash}, sort_keys=True,
/// separators=(",", ":"))`. Files are read as they grow; a file replaced or cut short is
/// checked again from its start, with every file after it.
final class AuditChainVerifier {
    static let genesis = String(repeating: "0", count: 64)
    /// Lines longer than this are not checked (the scanner caps lines similarly).
    static let maxLine = 4 << 20
    /// The most one refresh reads, across all files: the console refreshes on its loop thread,
    /// and an audit log grown by gigabytes (`truncate -s 16G`) must not hold up its keys. What is
    /// left is read by the next refreshes.
    static let bytesPerRefresh = 4 * maxLine
    /// At least one piece is read per refresh; a piece holds the longest line checked.
    let pieceSize: Int
    let bytesPerRefresh: Int

    private struct FileState {
        var identity: FileIdentity
        var offset: Int64 = 0
        /// The last line checked, to tell an append from a rewrite that kept the inode.
        var lastLine: [UInt8] = []
        var skippingLongLine = false
        var line = 0
        var findings: [AuditChainFinding] = []
        var verified = 0
        /// The chain as it stands at `offset`: the last entry's hash and sequence number.
        var lastHash: String?
        var lastSequence: Int?
        var startHash: String?
        var startSequence: Int?
    }

    private var files: [(path: String, state: FileState)] = []
    let root: String

    init(
        root: String, pieceSize: Int = AuditChainVerifier.maxLine,
        bytesPerRefresh: Int = AuditChainVerifier.bytesPerRefresh
    ) {
        self.root = root
        self.pieceSize = pieceSize
        self.bytesPerRefresh = bytesPerRefresh
    }

    var findings: [AuditChainFinding] { files.flatMap(\.state.findings) }
    var verifiedEntries: Int { files.reduce(0) { $0 + $1.state.verified } }

    /// Brings the check up to date with `paths` (relative, in chain order).
    func refresh(paths: [String]) {
        var budget = bytesPerRefresh
        var carryHash: String? = AuditChainVerifier.genesis
        var carrySequence: Int? = 0
        var invalidated = false
        var next: [(path: String, state: FileState)] = []
        for (index, path) in paths.enumerated() {
            guard let identity = FileIdentity.of(path: ArtifactLayout.join(root, path)), identity.isRegularFile else {
                continue
            }
            var state: FileState
            if !invalidated, index < files.count, files[index].path == path,
                files[index].state.identity.inode == identity.inode,
                files[index].state.identity.device == identity.device, identity.size >= files[index].state.offset,
                identity.size > files[index].state.identity.size || identity == files[index].state.identity,
                files[index].state.startHash == carryHash, files[index].state.startSequence == carrySequence,
                stillEnds(path, with: files[index].state)
            {
                state = files[index].state
                state.identity = identity
            } else {
                invalidated = true
                state = FileState(identity: identity)
                state.startHash = carryHash
                state.startSequence = carrySequence
                state.lastHash = carryHash
                state.lastSequence = carrySequence
            }
            if identity.size > state.offset, !read(path, &state, budget: &budget) {
                // Not read to its end this time: the files after it are checked against where it
                // will end, so they keep their state until the next refresh (no false break).
                next.append((path, state))
                next += files.dropFirst(index + 1)
                files = next
                return
            }
            carryHash = state.lastHash
            carrySequence = state.lastSequence
            next.append((path, state))
        }
        files = next
    }

    /// The bytes before where reading stopped are still the last line checked.
    private func stillEnds(_ path: String, with state: FileState) -> Bool {
        guard state.offset > 0, !state.skippingLongLine else { return true }
        let length = Int64(state.lastLine.count + 1)
        guard length <= state.offset, let handle = RegularFile.handle(ArtifactLayout.join(root, path)) else {
            return false
        }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(state.offset - length))) != nil,
            let data = try? handle.read(upToCount: Int(length))
        else { return false }
        return [UInt8](data) == state.lastLine + [0x0A]
    }

    /// Reads on from `state.offset`, at most `budget` bytes; false when the budget ran out first.
    private func read(_ path: String, _ state: inout FileState, budget: inout Int) -> Bool {
        guard let handle = RegularFile.handle(ArtifactLayout.join(root, path)) else { return true }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(state.offset))
            while true {
                guard budget > 0 else { return false }
                guard let chunk = try handle.read(upToCount: pieceSize), !chunk.isEmpty else { break }
                budget -= chunk.count
                let bytes = [UInt8](chunk)
                var start = 0
                while let newline = bytes[start...].firstIndex(of: 0x0A) {
                    if state.skippingLongLine {
                        state.skippingLongLine = false
                    } else {
                        state.line += 1
                        state.lastLine = Array(bytes[start..<newline])
                        check(state.lastLine, path: path, &state)
                    }
                    start = newline + 1
                }
                if start == 0, bytes.count == pieceSize || state.skippingLongLine {
                    // No newline in a whole chunk: a line too long to check; skip to its end.
                    if !state.skippingLongLine {
                        state.line += 1
                        state.findings.append(
                            AuditChainFinding(
                                kind: .cannotVerify, path: path, line: state.line,
                                message: "cannot verify: line longer than \(pieceSize) bytes"))
                        state.lastHash = nil
                        state.lastSequence = nil
                        state.lastLine = []
                        state.skippingLongLine = true
                    }
                    start = bytes.count
                }
                // A partial last line waits for its newline.
                guard start > 0 else { break }
                state.offset += Int64(start)
                try handle.seek(toOffset: UInt64(state.offset))
            }
        } catch {
            return true
        }
        return true
    }

    private func check(_ line: [UInt8], path: String, _ state: inout FileState) {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        func finding(_ kind: AuditChainFinding.Kind, _ message: String) {
            if state.findings.count < 100 {
                state.findings.append(AuditChainFinding(kind: kind, path: path, line: state.line, message: message))
            }
        }
        let parsed: PythonCanonicalJSON.Value
        do {
            parsed = try PythonCanonicalJSON.parse(line)
        } catch let error as PythonCanonicalJSON.Unreproducible {
            // Python's loader would still chain through it; we cannot say whether it holds.
            finding(.cannotVerify, "cannot verify: \(error.reason)")
            state.lastHash = entryField(line, "entry_hash")
            state.lastSequence = nil
            return
        } catch {
            // The trading bot's loader skips lines it cannot parse; so does the chain.
            return
        }
        guard case .object(let entries) = parsed else { return }
        let fields = Dictionary(entries, uniquingKeysWith: { _, last in last })
        guard case .string(let entryHash)? = fields["entry_hash"],
            case .string(let previous)? = fields["previous_hash"],
            case .number(let sequenceText)? = fields["sequence_number"], let sequence = Int(sequenceText),
            case .string(let timestamp)? = fields["timestamp"], let type = fields["event_type"],
            let data = fields["data"]
        else {
            finding(
                .broken, "audit entry without entry_hash, previous_hash, sequence_number, timestamp, event_type or data"
            )
            state.lastHash = nil
            state.lastSequence = nil
            return
        }
        defer {
            state.lastHash = entryHash
            state.lastSequence = sequence
        }
        if let expected = state.lastHash, previous != expected {
            finding(
                .broken,
                "chain broken at sequence \(sequence): previous_hash \(previous.prefix(12))… is not the entry before's \(expected.prefix(12))…"
            )
            return
        }
        if let last = state.lastSequence, sequence != last + 1 {
            finding(.broken, "sequence_number \(sequence) follows \(last)")
            return
        }
        guard AuditChainVerifier.isPythonISOFormat(timestamp) else {
            finding(.cannotVerify, "cannot verify: timestamp \(timestamp) is not as Python's isoformat() writes it")
            return
        }
        let canonical = PythonCanonicalJSON.Value.object([
            ("timestamp", .string(timestamp)), ("event_type", type), ("data", data),
            ("sequence_number", .number(sequenceText)), ("previous_hash", .string(previous)),
        ])
        do {
            let bytes = try PythonCanonicalJSON.serialize(canonical)
            if SHA256.hex(bytes) == entryHash.lowercased() {
                state.verified += 1
            } else {
                finding(.broken, "entry_hash of sequence \(sequence) does not match its content")
            }
        } catch let error as PythonCanonicalJSON.Unreproducible {
            finding(.cannotVerify, "cannot verify sequence \(sequence): \(error.reason)")
        } catch {
            finding(.cannotVerify, "cannot verify sequence \(sequence)")
        }
    }

    private func entryField(_ line: [UInt8], _ key: String) -> String? {
        (try? JSONParser.parse(line))?[key]?.stringValue
    }

    /// `datetime.isoformat()`: `YYYY-MM-DDTHH:MM:SS`, optional `.ffffff`, optional `+HH:MM`.
    static func isPythonISOFormat(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func digit(_ i: Int) -> Bool { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
        let shape: [Int] = [0, 1, 2, 3, -0x2D, 5, 6, -0x2D, 8, 9, -0x54, 11, 12, -0x3A, 14, 15, -0x3A, 17, 18]
        guard b.count >= 19 else { return false }
        for (i, s) in shape.enumerated() {
            if s < 0 { if b[i] != UInt8(-s) { return false } } else if !digit(i) { return false }
        }
        var i = 19
        if i < b.count, b[i] == 0x2E {
            guard (20..<26).allSatisfy(digit) else { return false }
            i = 26
        }
        if i < b.count {
            guard b.count == i + 6, b[i] == 0x2B || b[i] == 0x2D, digit(i + 1), digit(i + 2), b[i + 3] == 0x3A,
                digit(i + 4), digit(i + 5)
            else { return false }
        }
        return true
    }
}
