import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private func openLine(
    _ id: String, ts: String = "2025-11-21T10:00:00Z", eventID: String? = nil, severity: String = "SEV1"
)
    -> String
{
    "{\"event_type\":\"incident_open\",\"incident_id\":\"\(id)\",\"severity\":\"\(severity)\",\"title\":\"t \(id)\",\"ts\":\"\(ts)\",\"event_id\":\"\(eventID ?? "open-\(id)")\"}\n"
}

private func updateLine(_ id: String, _ n: Int, ts: String = "2025-11-21T10:05:00Z") -> String {
    "{\"event_type\":\"incident_update\",\"incident_id\":\"\(id)\",\"by\":\"bob\",\"message\":\"u\(n)\",\"ts\":\"\(ts)\",\"event_id\":\"upd-\(id)-\(n)\"}\n"
}

private func reconLine(_ status: String, ts: String = "2025-11-21T10:00:00Z") -> String {
    "{\"ts\":\"\(ts)\",\"status\":\"\(status)\"}\n"
}

@Suite struct ArtifactStoreTests {
    @Test func emptyOrMissingRootIsFine() throws {
        try withFollowScratch { dir in
            let missing = ArtifactStore(root: dir.path("nowhere"))
            #expect(!missing.rootExists)
            #expect(!missing.refresh())
            #expect(missing.journalEvents.isEmpty)
            #expect(missing.nodes.isEmpty)
            #expect(missing.warnings.isEmpty)

            let empty = ArtifactStore(root: dir.root)
            #expect(empty.rootExists)
            #expect(!empty.refresh())
        }
    }

    @Test func discoversAnyNumberOfRunsAndNodes() throws {
        try withFollowScratch { dir in
            for run in ["r1", "r2", "r3"] {
                try dir.append(
                    "results/runs/\(run)/order_reconciliation_events.jsonl", reconLine("match") + reconLine("mismatch"))
                try dir.append("results/runs/\(run)/position_reconciliation_events.jsonl", reconLine("ok"))
            }
            try dir.append("results/runs/r2/incident_events.jsonl", openLine("INC-R2"))
            try dir.append("results/runs/r3/incident_events.jsonl", openLine("INC-R3"))
            try dir.append("incidents/incident_events.jsonl", openLine("INC-ROOT"))
            // Not runs: a plain file and a hidden directory under results/runs.
            try dir.append("results/runs/README.txt", "not a run\n")
            try dir.append("results/runs/.tmp/incident_events.jsonl", openLine("INC-HIDDEN"))

            try dir.rewrite("pilot/node_state.json", "{\"health\":\"ok\"}")
            try dir.makeDirectory("nodes/n1")
            try dir.rewrite("nodes/n1/node_state.json", "{\"node_id\":\"alpha\",\"status\":\"unhealthy\"}")
            try dir.makeDirectory("nodes/n2")
            try dir.rewrite("nodes/n2/node_state.json", "{\"health\":\"degraded\",\"uptime_ratio_24h\":0.8}")
            try dir.makeDirectory("nodes/n3")  // a node without a state file yet

            #expect(ArtifactLayout.runIDs(root: dir.root) == ["r1", "r2", "r3"])

            let store = ArtifactStore(root: dir.root)
            #expect(store.refresh())

            #expect(store.nodes.map(\.id) == ["alpha", "n2", "pilot"])
            #expect(store.nodes.map(\.health) == [.unhealthy, .degraded, .ok])
            #expect(
                store.nodes.map(\.path) == [
                    "nodes/n1/node_state.json", "nodes/n2/node_state.json", "pilot/node_state.json",
                ])
            #expect(store.nodes[1].uptimeRatio == 0.8)

            #expect(store.reconciliations.count == 6)
            for run in ["r1", "r2", "r3"] {
                let orders = try #require(
                    store.reconciliations["results/runs/\(run)/order_reconciliation_events.jsonl"])
                #expect(orders.runID == run)
                #expect(orders.kind == "orders")
                #expect(orders.total == 2)
                #expect(orders.streak == 1)
                #expect(store.reconciliations["results/runs/\(run)/position_reconciliation_events.jsonl"]?.passed == 1)
            }

            #expect(Set(store.journalEvents.compactMap(\.incidentID)) == ["INC-R2", "INC-R3", "INC-ROOT"])
            #expect(
                Set(store.journals) == [
                    "results/runs/r2/incident_events.jsonl", "results/runs/r3/incident_events.jsonl",
                    "incidents/incident_events.jsonl",
                ])
            let root = try #require(store.journalEvents.first { $0.incidentID == "INC-ROOT" })
            #expect(root.journal == "incidents/incident_events.jsonl")
            #expect(root.line == 1)
            #expect(store.warnings.isEmpty)

            #expect(!store.refresh(), "nothing changed")
        }
    }

    @Test func runsAndNodesAppearingLaterArePickedUp() throws {
        try withFollowScratch { dir in
            try dir.append("results/runs/r1/incident_events.jsonl", openLine("INC-1"))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            #expect(store.journalEvents.map(\.incidentID) == ["INC-1"])
            #expect(store.nodes.isEmpty)

            try dir.append("results/runs/r2/incident_events.jsonl", openLine("INC-2"))
            try dir.append("results/runs/r2/order_reconciliation_events.jsonl", reconLine("mismatch"))
            try dir.makeDirectory("nodes/late")
            try dir.rewrite("nodes/late/node_state.json", "{\"health\":\"ok\"}")
            #expect(store.refresh())
            #expect(store.journalEvents.map(\.incidentID) == ["INC-1", "INC-2"])
            #expect(store.journalEvents.last?.journal == "results/runs/r2/incident_events.jsonl")
            #expect(store.reconciliations["results/runs/r2/order_reconciliation_events.jsonl"]?.streak == 1)
            #expect(store.nodes.map(\.id) == ["late"])

            // The root journal may also be created after the first refresh.
            try dir.append("incidents/incident_events.jsonl", openLine("INC-3"))
            #expect(store.refresh())
            #expect(store.journalEvents.map(\.incidentID) == ["INC-1", "INC-2", "INC-3"])
        }
    }

    @Test func journalEventsFromRootAndRunJournalsCarryTheirPlace() throws {
        try withFollowScratch { dir in
            try dir.append("incidents/incident_events.jsonl", openLine("INC-A") + updateLine("INC-A", 1))
            try dir.append("results/runs/r7/incident_events.jsonl", "\n" + openLine("INC-B"))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            let a = store.journalEvents.filter { $0.incidentID == "INC-A" }
            #expect(a.map(\.type) == ["incident_open", "incident_update"])
            #expect(a.map(\.line) == [1, 2])
            #expect(a.allSatisfy { $0.journal == ArtifactLayout.rootJournal })
            let b = try #require(store.journalEvents.first { $0.incidentID == "INC-B" })
            #expect(b.journal == ArtifactLayout.runJournal("r7"))
            #expect(b.line == 2)
            // Read order is unique across journals (the fold's tie-break).
            #expect(Set(store.journalEvents.map(\.sequence)).count == store.journalEvents.count)
        }
    }

    @Test func deletedRunDirectoryKeepsTheEventsAlreadyRead() throws {
        try withFollowScratch { dir in
            try dir.append("results/runs/r1/incident_events.jsonl", openLine("INC-1") + updateLine("INC-1", 1))
            try dir.append("results/runs/r1/order_reconciliation_events.jsonl", reconLine("mismatch"))
            try dir.rewrite("results/runs/r1/data_quality_latest.json", "{\"errors\":2,\"stale_warnings\":1}")
            try dir.append("results/runs/r2/incident_events.jsonl", openLine("INC-2"))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            #expect(store.journalEvents.count == 3)
            #expect(store.dataQuality.first?.errors == 2)

            try dir.remove("results/runs/r1")
            store.refresh()
            store.refresh()
            #expect(store.journalEvents.count == 3)
            #expect(store.journalEvents.filter { $0.incidentID == "INC-1" }.count == 2)
            #expect(store.reconciliations["results/runs/r1/order_reconciliation_events.jsonl"]?.streak == 1)
            #expect(store.dataQuality.first { $0.runID == "r1" }?.errors == 2, "last good snapshot kept")
            #expect(
                store.warnings.contains {
                    $0.path == "results/runs/r1/data_quality_latest.json" && $0.message.contains("disappeared")
                })

            // The rest of the root is still followed.
            try dir.append("results/runs/r2/incident_events.jsonl", updateLine("INC-2", 1))
            #expect(store.refresh())
            #expect(store.journalEvents.count == 4)

            // Folding what was read still gives the incident of the deleted run.
            let folded = IncidentFolder.fold(store.journalEvents, policy: try runbookPolicy())
            #expect(folded.incidents.map(\.id) == ["INC-1", "INC-2"])
        }
    }

    @Test func deletedNodeKeepsItsLastGoodState() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("nodes/n1")
            try dir.rewrite("nodes/n1/node_state.json", "{\"health\":\"ok\"}")
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            try dir.remove("nodes/n1")
            #expect(store.refresh())
            #expect(store.nodes.map(\.id) == ["n1"])
            #expect(store.nodes.first?.health == .ok)
            #expect(store.warnings.map(\.path) == ["nodes/n1/node_state.json"])
        }
    }

    @Test func malformedJournalLineIsWarnedWithPathAndLineAndLaterEventsAreRead() throws {
        try withFollowScratch { dir in
            let journal = ArtifactLayout.rootJournal
            try dir.append(
                journal, openLine("INC-1") + "{\"event_type\":\"incident_update\",\n" + updateLine("INC-1", 1))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            #expect(store.journalEvents.map(\.line) == [1, 3])
            #expect(store.warnings.count == 1)
            #expect(store.warnings.first?.path == journal)
            #expect(store.warnings.first?.line == 2)

            try dir.append(journal, updateLine("INC-1", 2))
            store.refresh()
            #expect(store.journalEvents.map(\.line) == [1, 3, 4])
            #expect(store.warnings.count == 1, "a warning is raised once, not on every refresh")
        }
    }

    @Test func journalLineWithoutEventTypeIsWarned() throws {
        try withFollowScratch { dir in
            try dir.append(
                ArtifactLayout.rootJournal,
                "{\"incident_id\":\"INC-1\",\"ts\":\"2025-11-21T10:00:00Z\"}\n" + openLine("INC-1"))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            #expect(store.journalEvents.map(\.line) == [2])
            #expect(store.warnings.map(\.line) == [1])
            #expect(store.warnings.first?.message.contains("event_type") == true)
        }
    }

    @Test func longJournalLineIsSkippedAndTheNextEventRead() throws {
        try withFollowScratch { dir in
            let journal = ArtifactLayout.rootJournal
            let long =
                "{\"event_type\":\"incident_update\",\"message\":\"" + String(repeating: "m", count: 2 << 20) + "\"}"
            try dir.append(journal, openLine("INC-1"))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            try dir.append(journal, String(long.prefix(1 << 20)))
            store.refresh()
            try dir.append(journal, String(long.dropFirst(1 << 20)) + "\n" + updateLine("INC-1", 1))
            #expect(store.refresh())
            #expect(store.journalEvents.map(\.line) == [1, 3])
            #expect(store.warnings.map(\.line) == [2])
            #expect(store.warnings.first?.path == journal)
        }
    }

    @Test func rotatedJournalCountsEveryEventOnce() throws {
        try withFollowScratch { dir in
            let journal = ArtifactLayout.runJournal("r1")
            try dir.append(journal, openLine("INC-1") + updateLine("INC-1", 1))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            try dir.append(journal, updateLine("INC-1", 2))
            try dir.rename(journal, to: "results/runs/r1/incident_events.jsonl.1")
            try dir.append(journal, updateLine("INC-1", 3) + updateLine("INC-1", 4))
            #expect(store.refresh())
            #expect(store.journalEvents.compactMap { $0.fields["message"]?.stringValue } == ["u1", "u2", "u3", "u4"])
            #expect(store.journals == [journal], "the rotated-away name is not a journal of its own")
            let folded = IncidentFolder.fold(store.journalEvents, policy: try runbookPolicy())
            #expect(folded.incidents.first?.updates.count == 4)
            #expect(folded.duplicatesIgnored == 0)
        }
    }

    @Test func truncatedJournalClearsItsLineWarnings() throws {
        try withFollowScratch { dir in
            let journal = ArtifactLayout.rootJournal
            try dir.append(journal, "garbage\n" + openLine("INC-1"))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            #expect(store.warnings.map(\.line) == [1])
            try dir.truncate(journal)
            try dir.append(journal, openLine("INC-2"))
            #expect(store.refresh())
            #expect(store.warnings.isEmpty)
            #expect(store.journalEvents.map(\.incidentID) == ["INC-1", "INC-2"])
        }
    }

    @Test func unreadableJournalIsWarnedOnceAndTheWarningGoesWhenItCanBeRead() throws {
        try withFollowScratch { dir in
            let journal = ArtifactLayout.rootJournal
            try dir.append(journal, openLine("INC-1"))
            chmod(dir.path(journal), 0o000)
            let store = ArtifactStore(root: dir.root)
            withUnprivilegedFileAccess {
                store.refresh()
                store.refresh()
            }
            #expect(store.journalEvents.isEmpty)
            #expect(store.warnings.map(\.path) == [journal])
            #expect(store.warnings.first?.message.contains("cannot open") == true)

            chmod(dir.path(journal), 0o644)
            withUnprivilegedFileAccess { store.refresh() }
            #expect(store.journalEvents.map(\.incidentID) == ["INC-1"])
            #expect(store.warnings.isEmpty, "a problem that is gone is no longer shown")
        }
    }

    @Test func journalDeletedAndCreatedAgainDropsTheWarningsAboutTheOldFile() throws {
        try withFollowScratch { dir in
            let journal = ArtifactLayout.rootJournal
            try dir.append(journal, "garbage\n" + openLine("INC-1"))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            #expect(store.warnings.map(\.line) == [1])
            try dir.remove(journal)
            store.refresh()
            try dir.append(journal, openLine("INC-2"))
            #expect(store.refresh())
            #expect(store.journalEvents.map(\.incidentID) == ["INC-1", "INC-2"])
            #expect(store.warnings.isEmpty)
        }
    }

    @Test func warningsAreCappedKeepingTheLatest() throws {
        try withFollowScratch { dir in
            let count = ArtifactStore.warningLimit + 100
            try dir.append(ArtifactLayout.rootJournal, String(repeating: "garbage\n", count: count))
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            #expect(store.lineWarnings.count == ArtifactStore.warningLimit)
            #expect(store.droppedWarnings == 100)
            #expect(store.lineWarnings.last?.line == count)
            #expect(store.lineWarnings.first?.line == 101)
        }
    }

    @Test func nodeStateMidRewriteKeepsTheLastGoodStateWithAWarning() throws {
        try withFollowScratch { dir in
            let path = "nodes/n1/node_state.json"
            try dir.makeDirectory("nodes/n1")
            try dir.rewrite(path, "{\"health\":\"ok\",\"failing_smoke_step\":\"\"}")
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            #expect(store.nodes.first?.health == .ok)
            #expect(store.nodes.first?.failingSmokeStep == nil)

            try dir.rewrite(path, "{\"health\":\"unhealthy\",\"failing_smoke_st")
            #expect(store.refresh())
            #expect(store.nodes.first?.health == .ok)
            #expect(store.warnings.map(\.path) == [path])
            #expect(store.warnings.first?.line == nil)

            try dir.append(path, "ep\":\"db-migrate\"}")
            #expect(store.refresh())
            #expect(store.nodes.first?.health == .unhealthy)
            #expect(store.nodes.first?.failingSmokeStep == "db-migrate")
            #expect(store.warnings.isEmpty)
        }
    }

    @Test func auditLogsAndGatewayAreFollowed() throws {
        try withFollowScratch { dir in
            try dir.append(
                "audit_logs/risk.jsonl",
                "{\"event_type\":\"risk_warning\",\"ts\":\"2025-11-21T10:00:00Z\",\"message\":\"near\"}\n"
                    + "{\"event_type\":\"risk_warning\",\"ts\":\"2025-11-21T10:01:00Z\",\"message\":\"nearer\"}\n")
            try dir.append("audit_logs/notes.txt", "ignored\n")
            try dir.rewrite(
                "gateway/stats.json", "{\"halt_reason\":\"manual\",\"trading_halted_until\":\"2025-11-21T12:00:00Z\"}")
            let store = ArtifactStore(root: dir.root)
            store.refresh()
            let audit = try #require(store.audits["audit_logs/risk.jsonl#risk_warning"])
            #expect(audit.count == 2)
            #expect(audit.lastLine == 2)
            #expect(audit.lastMessage == "nearer")
            #expect(store.audits.count == 1)
            let gateway = try #require(store.gateway)
            #expect(gateway.reason == "manual")
            #expect(gateway.isEngaged(at: try #require(Timestamp.parse("2025-11-21T11:00:00Z"))))
            #expect(!gateway.isEngaged(at: try #require(Timestamp.parse("2025-11-21T13:00:00Z"))))
        }
    }
}
