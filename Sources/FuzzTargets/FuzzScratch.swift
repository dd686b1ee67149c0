import Foundation

/// A per-process scratch directory for targets that need a real file, and a way to cut an input
/// into pieces that depends only on the input (so a crash reproduces).
enum FuzzScratch {
    private static let directory: String = {
        let dir = NSTemporaryDirectory() + "sitrep-fuzz-\(getpid())"
        mkdir(dir, 0o700)
        return dir
    }()

    static func path(_ name: String) -> String { directory + "/" + name }

    /// Up to four pieces; the cut points come from the first bytes of the input.
    static func pieces(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        guard bytes.count > 4 else { return [bytes[...]] }
        var cuts = bytes.prefix(3).map { Int($0) * bytes.count / 256 }
        cuts.append(bytes.count)
        cuts.sort()
        var pieces: [ArraySlice<UInt8>] = []
        var start = 0
        for cut in cuts where cut > start {
            pieces.append(bytes[start..<cut])
            start = cut
        }
        return pieces
    }
}
