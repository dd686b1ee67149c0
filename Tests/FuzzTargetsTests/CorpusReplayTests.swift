import Foundation
import FuzzTargets
import Testing

/// Replays every saved input of every fuzz target (seeds and the crashes fuzzing found), so a
/// fixed crash stays fixed. `scripts/fuzz` runs the same targets under libFuzzer.
@Suite struct CorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func inputs(of target: String) -> [URL] {
        let dir = corpus.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTargets.all.map(\.name))
    func savedInputsPass(target: String) throws {
        let fuzzTarget = try #require(FuzzTargets.named(target))
        let inputs = Self.inputs(of: target)
        #expect(!inputs.isEmpty, "no seed inputs for \(target) in Tests/FuzzTargetsTests/Corpus")
        for url in inputs {
            let bytes = [UInt8](try Data(contentsOf: url))
            #expect(throws: Never.self, "\(url.lastPathComponent)") { try fuzzTarget.run(bytes) }
        }
    }

    @Test func everyCorpusDirectoryNamesATarget() throws {
        let dirs = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
        #expect(Set(dirs).isSubset(of: Set(FuzzTargets.all.map(\.name))))
    }
}
