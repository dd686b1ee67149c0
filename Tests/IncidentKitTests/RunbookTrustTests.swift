import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// Commands run only from runbook files nobody else can change: as OpenSSH's StrictModes
/// refuses key files, a runbook writable by group or others, in such a directory, owned by
/// another user, reached through a symbolic link, or swapped after the check is refused.
@Suite struct RunbookTrustTests {
    private func scratch(_ body: (String, String) throws -> Void) throws {
        try withFollowScratch { dir in
            try dir.makeDirectory("books")
            let directory = dir.path("books")
            chmod(directory, 0o755)
            let file = directory + "/rb.yaml"
            try wizardTestRunbookYAML.write(toFile: file, atomically: false, encoding: .utf8)
            chmod(file, 0o644)
            try body(directory, file)
        }
    }

    @Test func aPrivateFileInAPrivateDirectoryMayRunCommands() throws {
        try scratch { _, file in
            let entry = try RunbookCatalog.entry(path: file)
            #expect(entry.refusal == nil)
            #expect(entry.runbook.id == "test-rollback")
            #expect(RunbookTrust.recheck(try #require(entry.stamp)) == nil)
        }
    }

    @Test(arguments: [(0o664, "group"), (0o646, "others"), (0o666, "group and others")])
    func aFileWritableByOthersIsShownButRefused(mode: Int, who: String) throws {
        try scratch { _, file in
            chmod(file, mode_t(mode))
            let entry = try RunbookCatalog.entry(path: file)
            #expect(entry.runbook.steps.count == 5)
            #expect(entry.refusal?.contains("writable by \(who)") == true)
        }
    }

    @Test func aDirectoryWritableByOthersIsRefused() throws {
        try scratch { directory, file in
            chmod(directory, 0o777)
            let open = try RunbookCatalog.entry(path: file).refusal ?? ""
            #expect(open.contains("books is writable by group and others"))
            chmod(directory, 0o775)
            let group = try RunbookCatalog.entry(path: file).refusal ?? ""
            #expect(group.contains("writable by group"))
        }
    }

    @Test func aFileOwnedBySomeoneElseIsRefused() throws {
        try scratch { directory, file in
            // Checked as if by another user: then the file (owned by the test's user) is not theirs.
            let me = geteuid()
            let other: uid_t = me == 4242 ? 4243 : 4242
            let checked = try RunbookTrust.read(path: file, user: other)
            if me == 0 {
                // Root's files are trusted by everyone, as OpenSSH trusts root-owned paths; so chown.
                #expect(checked.refusal == nil)
                #expect(chown(file, 4242, 4242) == 0)
                let refusal = try RunbookTrust.read(path: file).refusal ?? ""
                #expect(refusal.contains("owned by uid 4242"))
            } else {
                #expect(checked.refusal?.contains("owned by uid \(me)") == true)
            }
        }
    }

    @Test func aSymbolicLinkIsRefusedForExecution() throws {
        try scratch { directory, file in
            let link = directory + "/link.yaml"
            #expect(symlink(file, link) == 0)
            let entry = try RunbookCatalog.entry(path: link)
            #expect(entry.refusal?.contains("symbolic link") == true)
        }
    }

    @Test func aFileSwappedOrEditedAfterTheCheckIsCaughtBeforeAnythingRuns() throws {
        try scratch { directory, file in
            let stamp = try #require(try RunbookCatalog.entry(path: file).stamp)
            // Edited in place: same inode, other bytes.
            let edited = wizardTestRunbookYAML.replacingOccurrences(of: "pkill -f runner", with: "rm -rf /srv")
            let fd = open(file, O_WRONLY | O_TRUNC)
            #expect(fd >= 0)
            _ = edited.withCString { write(fd, $0, strlen($0)) }
            close(fd)
            #expect(RunbookTrust.recheck(stamp)?.contains("changed since it was loaded") == true)

            // Swapped: a new file renamed over it.
            let fresh = try #require(try RunbookCatalog.entry(path: file).stamp)
            try wizardTestRunbookYAML.write(toFile: directory + "/new.yaml", atomically: false, encoding: .utf8)
            chmod(directory + "/new.yaml", 0o644)
            #expect(rename(directory + "/new.yaml", file) == 0)
            #expect(RunbookTrust.recheck(fresh)?.contains("replaced since it was loaded") == true)

            // Made group-writable after loading.
            let again = try #require(try RunbookCatalog.entry(path: file).stamp)
            chmod(file, 0o664)
            #expect(RunbookTrust.recheck(again)?.contains("writable by group") == true)
        }
    }

    @Test func theCatalogOffersRunbooksForTheSeverityFirstAndARootCanReplaceABuiltin() throws {
        try withFollowScratch { dir in
            try dir.makeDirectory(".sitrep/runbooks")
            try dir.append(
                ".sitrep/runbooks/mine.yaml",
                wizardTestRunbookYAML.replacingOccurrences(of: "id: test-rollback", with: "id: trading-ops-recovery"))
            try dir.append(".sitrep/runbooks/broken.yaml", "id: [\n")
            let catalog = RunbookCatalog.load(root: dir.root, extraFiles: [], environment: ["HOME": dir.root])
            #expect(catalog.problems.count == 1)
            #expect(catalog.problems.first?.contains("broken.yaml") == true)
            let replaced = try #require(catalog.entry(id: "trading-ops-recovery"))
            #expect(replaced.origin.hasSuffix("mine.yaml"))
            #expect(replaced.runbook.title == "Test rollback")
            let policy = try runbookPolicy()
            let ordered = catalog.ordered(for: "SEV1", policy: policy)
            let applying = ordered.prefix { $0.applies(to: "SEV1", policy: policy) }
            // The root's own runbook (replacing a built-in) applies to SEV1 and comes first.
            #expect(applying.first?.runbook.id == "trading-ops-recovery")
            #expect(applying.count < ordered.count)
            #expect(!ordered.dropFirst(applying.count).contains { $0.applies(to: "SEV1", policy: policy) })
            #expect(ordered.count == catalog.entries.count)
        }
    }
}
