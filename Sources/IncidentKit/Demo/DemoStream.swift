import Foundation

/// The recurring JSONL records of the demo run, one file each.
enum DemoStream: CaseIterable {
    case orderReconciliation, positionReconciliation, sloEvaluations, dataQuality

    var period: Double {
        switch self {
        case .orderReconciliation: return DemoScenario.orderCheckPeriod
        case .positionReconciliation: return DemoScenario.positionCheckPeriod
        case .sloEvaluations: return DemoScenario.sloPeriod
        case .dataQuality: return DemoScenario.dataQualityPeriod
        }
    }

    var fileName: String {
        switch self {
        case .orderReconciliation: return ArtifactLayout.orderReconciliation
        case .positionReconciliation: return ArtifactLayout.positionReconciliation
        case .sloEvaluations: return ArtifactLayout.sloEvents
        case .dataQuality: return ArtifactLayout.dataQualityEvents
        }
    }

    /// The records of the `occurrence`-th run of this stream (0 at t=0), stamped through
    /// `instant`, which maps simulated seconds to the wall clock.
    func records(occurrence: Int, instant: (Double) -> Date) -> [JSONValue] {
        let t = Double(occurrence) * period
        let ts = instant(t)
        switch self {
        case .orderReconciliation: return [DemoRecords.orderCheck(occurrence + 1, at: t, ts: ts)]
        case .positionReconciliation: return [DemoRecords.positionCheck(occurrence + 1, ts: ts)]
        case .sloEvaluations: return DemoRecords.sloEvaluations(at: t, ts: ts)
        case .dataQuality: return [DemoRecords.dataQualityCycle(occurrence + 1, at: t, ts: ts)]
        }
    }
}
