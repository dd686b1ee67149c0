import Foundation
import IncidentKit

extension FuzzTarget {
    /// Appends the input to a file in pieces (split points taken from the input) and polls a
    /// `LineFollower` after each piece: the lines it returns must be exactly the complete lines of
    /// the input, with over-long ones skipped and reported.
    public static let lineFollower = FuzzTarget(
        name: "line-follower", summary: "LineFollower over a file appended in pieces"
    ) { bytes throws(FuzzViolation) in
        let maxLine = 64
        let path = FuzzScratch.path("follow.jsonl")
        unlink(path)
        guard let handle = fopen(path, "w") else { throw FuzzViolation("cannot create \(path)") }
        defer { fclose(handle) }
        let follower = LineFollower(path: path, maxLineBytes: maxLine)
        var lines: [[UInt8]] = []
        var warnings = 0
        for piece in FuzzScratch.pieces(of: bytes) {
            _ = piece.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
            fflush(handle)
            let batch = follower.poll()
            guard !batch.restarted else { throw FuzzViolation("restart reported on a file that only grew") }
            lines += batch.lines.map(\.bytes)
            warnings += batch.warnings.count
        }
        var expected: [[UInt8]] = []
        var skipped = 0
        let complete = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        for line in complete {
            if line.count > maxLine {
                skipped += 1
            } else {
                expected.append(line.last == 0x0D ? Array(line.dropLast()) : Array(line))
            }
        }
        guard lines == expected else {
            throw FuzzViolation("follower returned \(lines.count) lines, the input has \(expected.count)")
        }
        guard warnings == skipped else { throw FuzzViolation("\(warnings) warnings for \(skipped) long lines") }
    }
}
