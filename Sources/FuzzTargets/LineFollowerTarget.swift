import Foundation
import IncidentKit

extension FuzzTarget {
    /// Appends the input to a file in pieces (split points taken from the input) and polls a
    /// `LineFollower` after each piece: the lines it returns must be exactly the complete lines of
    /// the input, with over-long ones skipped and reported. When the first byte's top bit is set,
    /// the file is copytruncated (copied to `.1`, truncated) after the second piece, which is
    /// appended without a poll: its lines must still be read, from the copy.
    public static let lineFollower = FuzzTarget(
        name: "line-follower", summary: "LineFollower over a file appended in pieces, with copytruncate"
    ) { bytes throws(FuzzViolation) in
        let maxLine = 64
        let path = FuzzScratch.path("follow.jsonl")
        unlink(path)
        unlink(path + ".1")
        let pieces = FuzzScratch.pieces(of: bytes)
        let rotate = (bytes.first ?? 0) & 0x80 != 0 && pieces.count >= 3
        let follower = LineFollower(path: path, maxLineBytes: maxLine)
        var lines: [[UInt8]] = []
        var warnings = 0
        var restarts = 0
        for (index, piece) in pieces.enumerated() {
            if rotate, index == 2 {
                guard FuzzScratch.copy(path, to: path + ".1"), truncate(path, 0) == 0 else {
                    throw FuzzViolation("copytruncate failed")
                }
            }
            guard FuzzScratch.append(piece, to: path) else { throw FuzzViolation("cannot append to \(path)") }
            if rotate, index == 1 { continue }
            let batch = follower.poll()
            if batch.restarted { restarts += 1 }
            lines += batch.lines.map(\.bytes)
            warnings += batch.warnings.count
        }
        let before = rotate ? Array(pieces[0..<2].joined()) : bytes
        let after = rotate ? Array(pieces[2...].joined()) : []
        if rotate, !FuzzScratch.restartIsVisible(read: Array(pieces[0]), now: Array(pieces[2])) {
            return  // the new content repeats what was read: no follower can tell (documented)
        }
        let first = FuzzScratch.completeLines(before, max: maxLine)
        let second = FuzzScratch.completeLines(after, max: maxLine)
        let expected = (lines: first.lines + second.lines, skipped: first.skipped + second.skipped)
        guard restarts == (rotate ? 1 : 0) else {
            throw FuzzViolation("\(restarts) restarts, expected \(rotate ? 1 : 0)")
        }
        guard lines == expected.lines else {
            throw FuzzViolation("follower returned \(lines.count) lines, the input has \(expected.lines.count)")
        }
        guard warnings == expected.skipped else {
            throw FuzzViolation("\(warnings) warnings for \(expected.skipped) long lines")
        }
    }
}
