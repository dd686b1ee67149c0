import Foundation
import Testing

@testable import IncidentKit

/// SLO and data quality streams are consumed a piece at a time (only each SLO's last reading
/// and the run's last data quality record are read whole): the result must be what reading
/// them one line at a time gives.
@Suite struct ArtifactStorePieceTests {
    /// The lines of an SLO stream and a data quality stream of run `r1`.
    private func lines() -> (slo: [String], quality: [String]) {
        var slo: [String] = []
        var quality: [String] = []
        let names = ["latency", "errors", "Breach_Rate"]
        for i in 0..<400 {
            let stamp = "2025-11-21T10:\(String(format: "%02d", i / 60 % 60)):\(String(format: "%02d", i % 60))Z"
            // Some records name no SLO (their type names it) and state a breach only by status.
            if i % 7 == 0 {
                slo.append(#"{"ts":"\#(stamp)","event_type":"SLO_Breach","value":\#(i),"status":"FAILED"}"#)
            } else {
                slo.append(
                    #"{"ts":"\#(stamp)","event_type":"slo_evaluation","slo":"\#(names[i % 3])","value":\#(i),"target":5,"breached":\#(i % 5 == 0)}"#
                )
            }
            quality.append(#"{"ts":"\#(stamp)","errors":\#(i % 11),"stale_warnings":\#(i % 3)}"#)
            if i % 13 == 0 { quality.append(#"{"ts":"\#(stamp)","stale_warnings":1}"#) }
        }
        return (slo, quality)
    }

    @Test func piecesGiveWhatLineByLineReadingGives() throws {
        let root = NSTemporaryDirectory() + "sitrep-piece-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/results/runs/r1"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let (slo, quality) = lines()
        let sloPath = dir + "/ops_slo_events.jsonl"
        let qualityPath = dir + "/data_quality_events.jsonl"
        try Data().write(to: URL(fileURLWithPath: sloPath))
        try Data().write(to: URL(fileURLWithPath: qualityPath))
        // Written and read a line at a time: every piece holds one record.
        let stepped = ArtifactStore(root: root)
        for (path, line) in slo.map({ (sloPath, $0) }) + quality.map({ (qualityPath, $0) }) {
            let handle = try #require(FileHandle(forWritingAtPath: path))
            handle.seekToEndOfFile()
            handle.write(Data((line + "\n").utf8))
            handle.closeFile()
            stepped.refresh()
        }
        let whole = ArtifactStore(root: root)
        whole.refresh()
        #expect(whole.sloReadings.count == 4)
        #expect(whole.sloReadings == stepped.sloReadings)
        #expect(whole.dataQuality == stepped.dataQuality)
        #expect(whole.trends.series == stepped.trends.series)
        #expect(whole.trends.values(.dataQualityErrors, "r1").count == RecentValues.capacity)
        #expect(whole.sloReadings["r1/slo_breach"]?.breached == true)
    }
}
