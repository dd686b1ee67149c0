import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes below the root never pass through a symbolic link, whichever component it is.
@Suite struct BeneathRootTests {
    private func refusal(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func evidenceRefusesALinkedEvidenceDirectory() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("root/incidents")
            try dir.makeDirectory("elsewhere")
            #expect(symlink(dir.path("elsewhere"), dir.path("root/incidents/evidence")) == 0)
            let message = refusal {
                _ = try EvidenceFile(root: dir.path("root"), relativePath: "incidents/evidence/INC-1/run/step.log")
            }
            #expect(message.contains("incidents/evidence") && message.contains("symbolic link"), "\(message)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("elsewhere")).isEmpty)
        }
    }

    @Test func aReportRefusesALinkedReportsDirectoryAndALinkedFile() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("root/incidents")
            try dir.append("elsewhere/README.md", "precious\n")
            #expect(symlink(dir.path("elsewhere"), dir.path("root/incidents/reports")) == 0)
            let linkedDirectory = refusal {
                try FileWrites.replaceAtomically(
                    Array("x".utf8), root: dir.path("root"), relative: "incidents/reports/README.md")
            }
            #expect(linkedDirectory.contains("symbolic link"), "\(linkedDirectory)")
            #expect(dir.text("elsewhere/README.md") == "precious\n")

            // A link as the last component is replaced by the new file, never written through.
            try dir.makeDirectory("root/own")
            #expect(symlink(dir.path("elsewhere/README.md"), dir.path("root/own/r.md")) == 0)
            try FileWrites.replaceAtomically(Array("report".utf8), root: dir.path("root"), relative: "own/r.md")
            #expect(dir.text("elsewhere/README.md") == "precious\n")
            #expect(dir.text("root/own/r.md") == "report")
        }
    }

    @Test func missingDirectoriesAreCreatedAndDotDotIsRefused() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("root")
            try JournalWriter.append(
                .object(JSONObject([("event_type", .string("x"))])), root: dir.path("root"),
                relative: "results/runs/r1/incident_events.jsonl")
            #expect(dir.text("root/results/runs/r1/incident_events.jsonl") == "{\"event_type\":\"x\"}\n")
            let climbing = refusal {
                try JournalWriter.append(.object(JSONObject()), root: dir.path("root"), relative: "../out.jsonl")
            }
            #expect(climbing.contains(".."), "\(climbing)")
            #expect(!dir.exists("out.jsonl"))
        }
    }

    @Test func theSplitOfAUserPathIsLexical() {
        #expect(BeneathRoot.split("/r/a/../b/./c.md", root: "/r") == ("/r", "b/c.md"))
        #expect(BeneathRoot.split("/elsewhere/c.md", root: "/r") == ("/elsewhere", "c.md"))
        #expect(BeneathRoot.split("/rx/c.md", root: "/r") == ("/rx", "c.md"))
    }
}
