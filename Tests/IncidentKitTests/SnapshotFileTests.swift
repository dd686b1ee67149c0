import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct SnapshotFileTests {
    @Test func missingFileHasNoValueAndNoWarning() throws {
        try withFollowScratch { dir in
            let snapshot = SnapshotFile(path: dir.path("node_state.json"))
            #expect(!snapshot.refresh())
            #expect(snapshot.value == nil)
            #expect(snapshot.warning == nil)
        }
    }

    @Test func readsTheValueAndReportsNoChangeWhenTheFileIsUntouched() throws {
        try withFollowScratch { dir in
            try dir.rewrite("node_state.json", "{\"health\":\"ok\",\"uptime_ratio\":0.99}")
            let snapshot = SnapshotFile(path: dir.path("node_state.json"))
            #expect(snapshot.refresh())
            #expect(snapshot.value?["health"] == .string("ok"))
            #expect(snapshot.value?["uptime_ratio"] == .number(0.99))
            #expect(snapshot.warning == nil)
            #expect(snapshot.modifiedAt != nil)
            #expect(!snapshot.refresh())
        }
    }

    @Test func halfWrittenRewriteKeepsTheLastGoodValueAndWarnsUntilItIsComplete() throws {
        try withFollowScratch { dir in
            let file = "node_state.json"
            try dir.rewrite(file, "{\"health\":\"ok\",\"last_cycle_ok\":true}")
            let snapshot = SnapshotFile(path: dir.path(file))
            snapshot.refresh()
            #expect(snapshot.value?["health"] == .string("ok"))

            // The writer truncated the file and has written half of the new content.
            try dir.rewrite(file, "{\"health\":\"degraded\",\"last_cy")
            #expect(snapshot.refresh())
            #expect(snapshot.value?["health"] == .string("ok"), "the last good value is kept")
            let warning = try #require(snapshot.warning)
            #expect(warning.path == dir.path(file))
            #expect(warning.message.contains("not valid JSON"))
            #expect(warning.message.contains("last good"))
            #expect(!snapshot.refresh(), "an unchanged broken file raises no new warning")

            try dir.append(file, "cle_ok\":false}")
            #expect(snapshot.refresh())
            #expect(snapshot.value?["health"] == .string("degraded"))
            #expect(snapshot.value?["last_cycle_ok"] == .bool(false))
            #expect(snapshot.warning == nil, "the warning is cleared")
        }
    }

    @Test func emptyFileMidRewriteKeepsTheLastGoodValue() throws {
        try withFollowScratch { dir in
            try dir.rewrite("s.json", "{\"a\":1}")
            let snapshot = SnapshotFile(path: dir.path("s.json"))
            snapshot.refresh()
            try dir.truncate("s.json")
            #expect(snapshot.refresh())
            #expect(snapshot.value?["a"] == .number(1))
            #expect(snapshot.warning?.message.hasPrefix("empty file") == true)
            try dir.rewrite("s.json", "{\"a\":22}")
            #expect(snapshot.refresh())
            #expect(snapshot.value?["a"] == .number(22))
            #expect(snapshot.warning == nil)
        }
    }

    @Test func brokenFileWithoutAnyGoodValueWarnsWithoutClaimingOne() throws {
        try withFollowScratch { dir in
            try dir.rewrite("s.json", "{\"a\":")
            let snapshot = SnapshotFile(path: dir.path("s.json"))
            #expect(snapshot.refresh())
            #expect(snapshot.value == nil)
            let warning = try #require(snapshot.warning)
            #expect(warning.message.contains("not valid JSON"))
            #expect(!warning.message.contains("last good"))
        }
    }

    @Test func atomicReplaceByRenameIsRead() throws {
        try withFollowScratch { dir in
            try dir.replace("s.json", "{\"v\":1}")
            let snapshot = SnapshotFile(path: dir.path("s.json"))
            snapshot.refresh()
            try dir.replace("s.json", "{\"v\":2}")
            #expect(snapshot.refresh())
            #expect(snapshot.value?["v"] == .number(2))
        }
    }

    /// A writer that rewrites the file in place twice within one timestamp tick, with contents
    /// of equal size: (size, mtime, inode) are the same, yet the content changed.
    @Test func sameSizeRewriteRightAfterAReadIsNotMissed() throws {
        try withFollowScratch { dir in
            try dir.rewrite("s.json", "{\"health\":\"ok\"}")
            let snapshot = SnapshotFile(path: dir.path("s.json"))
            snapshot.refresh()
            #expect(snapshot.value?["health"] == .string("ok"))
            try dir.rewrite("s.json", "{\"health\":\"no\"}")
            snapshot.refresh()
            #expect(snapshot.value?["health"] == .string("no"))
        }
    }

    /// `rsync --inplace --times`, `cp -p` onto the file or `touch -r` rewrite it in place and put
    /// the old modification time back: inode, size and mtime are all as before.
    @Test func inPlaceRewriteThatRestoresSizeAndModificationTimeIsNoticed() throws {
        try withFollowScratch { dir in
            try dir.rewrite("node_state.json", "{\"uptime_ratio\":0.9912}")
            // Written an hour ago, so the file is not in the "just changed" window either.
            let mtime = timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)
            try dir.setModificationTime("node_state.json", mtime)
            let snapshot = SnapshotFile(path: dir.path("node_state.json"))
            snapshot.refresh()
            #expect(snapshot.value?["uptime_ratio"] == .number(0.9912))

            try dir.rewrite("node_state.json", "{\"uptime_ratio\":0.9913}")
            try dir.setModificationTime("node_state.json", mtime)
            #expect(snapshot.refresh())
            #expect(snapshot.value?["uptime_ratio"] == .number(0.9913))
        }
    }

    @Test func disappearingFileKeepsItsLastGoodValueWithAWarning() throws {
        try withFollowScratch { dir in
            try dir.rewrite("s.json", "{\"v\":1}")
            let snapshot = SnapshotFile(path: dir.path("s.json"))
            snapshot.refresh()
            try dir.remove("s.json")
            #expect(snapshot.refresh())
            #expect(snapshot.value?["v"] == .number(1))
            #expect(snapshot.warning?.message.contains("disappeared") == true)
            #expect(!snapshot.refresh())

            try dir.rewrite("s.json", "{\"v\":3}")
            #expect(snapshot.refresh())
            #expect(snapshot.value?["v"] == .number(3))
            #expect(snapshot.warning == nil)
        }
    }

    @Test func directoryAtThePathIsAWarningNotACrash() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("s.json")
            let snapshot = SnapshotFile(path: dir.path("s.json"))
            #expect(snapshot.refresh())
            #expect(snapshot.value == nil)
            #expect(snapshot.warning?.message == "not a regular file (directory)")
        }
    }
}
