import Foundation
import IncidentKit
import Testing

/// The tarball `scripts/release` builds, unpacked outside the checkout and run with no Swift
/// toolchain on PATH and an empty LD_LIBRARY_PATH, as on a jump host. `.ci/run` builds the
/// release first and names the tarball in SITREP_RELEASE_TARBALL; locally these tests run after
/// `scripts/release` (they use the newest tarball in dist/).
@Suite("Release binary", .serialized, .enabled(if: ReleaseTarball.path != nil, "run scripts/release first"))
struct ReleaseBinaryTests {
    @Test("the release binary prints status from a directory outside the checkout, with no toolchain on PATH")
    func statusWithoutToolchain() throws {
        let unpacked = try ReleaseTarball.unpack()
        defer { try? FileManager.default.removeItem(at: unpacked.scratch) }
        let root = unpacked.root
        #expect(
            !ReleaseTarball.strippedPath.split(separator: ":").contains { dir in
                FileManager.default.isExecutableFile(atPath: "\(dir)/swift")
            })
        let status = try ReleaseTarball.run(
            unpacked.binary, ["status", "--root", root.path, "--now", "2025-11-21T16:10:00Z"], in: unpacked.scratch)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("INC-20251121-0008") && status.stdout.contains("Incidents (2 active)"))
        let runbooks = try ReleaseTarball.run(unpacked.binary, ["runbook", "list"], in: unpacked.scratch)
        #expect(runbooks.status == 0 && !runbooks.stdout.isEmpty, "built-in runbooks: \(runbooks.stderr)")
        let policies = try ReleaseTarball.run(unpacked.binary, ["policy", "list"], in: unpacked.scratch)
        #expect(policies.stdout.contains("trading-ops"))
    }

    @Test("the release binary imports Markdown with cmark-gfm linked in, and needs no libcmark-gfm")
    func markdownWithoutSharedCmark() throws {
        let unpacked = try ReleaseTarball.unpack()
        defer { try? FileManager.default.removeItem(at: unpacked.scratch) }
        let ldd = try Spawn.run(["ldd", unpacked.binary.path], captureOutput: true)
        #expect(ldd.status == 0)
        #expect(!ldd.output.contains("cmark"), "\(ldd.output)")
        let file = unpacked.scratch.appendingPathComponent("check.md")
        try
            "# Check\n\n## Procedure\n\n1. Look:\n\n   ```console\n   $ uptime\n   up 3 days\n   ```\n| a | b |\n|---|---|\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let imported = try ReleaseTarball.run(unpacked.binary, ["runbook", "import", file.path], in: unpacked.scratch)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("    $ uptime\n      | up 3 days\n"), "\(imported.stdout)")
    }

    @Test("the release console draws with a compiled-in theme under LANG=C, from outside the checkout")
    func consoleWithoutCheckout() throws {
        let unpacked = try ReleaseTarball.unpack()
        defer { try? FileManager.default.removeItem(at: unpacked.scratch) }
        let root = unpacked.root
        let tmux = try Tmux(
            width: 100, height: 30,
            command:
                "cd '\(unpacked.scratch.path)' && '\(unpacked.binary.path)' --root '\(root.path)' --now 2025-11-21T16:10:00Z --theme high-contrast; sleep 30",
            environment: ["LANG": "C", "PATH": ReleaseTarball.strippedPath, "LD_LIBRARY_PATH": "", "TERM": "xterm"])
        let (shown, screen) = tmux.waitFor("!!! SEV0 INC-20251121-0008")
        #expect(shown, "\(screen)")
        tmux.send("q")
    }

    @Test("the tarball carries the man page and bash, zsh and fish completions generated from the commands")
    func manPageAndCompletions() throws {
        let unpacked = try ReleaseTarball.unpack()
        defer { try? FileManager.default.removeItem(at: unpacked.scratch) }
        let share = unpacked.binary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "share")
        let man = try String(contentsOf: share.appendingPathComponent("man/man1/sitrep.1"), encoding: .utf8)
        #expect(man.contains(".Sh NAME") && man.contains(".Sh SYNOPSIS"))
        for command in [
            "console", "demo", "status", "check", "ack", "declare", "runbook", "Fl -theme", "Fl -config",
            "Fl -read-only",
        ] {
            #expect(man.contains(command), "the man page lacks \(command)")
        }
        for file in [
            "bash-completion/completions/sitrep", "zsh/site-functions/_sitrep", "fish/vendor_completions.d/sitrep.fish",
        ] {
            let text = try String(contentsOf: share.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("status") && text.contains("high-contrast"), "\(file): the theme names complete")
        }
        let themes = try FileManager.default.contentsOfDirectory(
            atPath: share.appendingPathComponent("sitrep/themes").path)
        #expect(Set(themes) == ["default.yaml", "high-contrast.yaml", "deuteranopia.yaml", "light.yaml", "mono.yaml"])
    }
}

enum ReleaseTarball {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var path: String? {
        if let given = ProcessInfo.processInfo.environment["SITREP_RELEASE_TARBALL"], !given.isEmpty { return given }
        let dist = repository.appendingPathComponent("dist")
        let tarballs = ((try? FileManager.default.contentsOfDirectory(atPath: dist.path)) ?? [])
            .filter { $0.hasPrefix("sitrep-") && $0.hasSuffix(".tar.gz") }.map { dist.appendingPathComponent($0).path }
        return tarballs.max { modified($0) < modified($1) }
    }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// PATH without any directory that holds a `swift` executable.
    static var strippedPath: String {
        let current = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return current.split(separator: ":").filter { !FileManager.default.isExecutableFile(atPath: "\($0)/swift") }
            .joined(separator: ":")
    }

    /// Unpacks the tarball into a fresh temporary directory beside a copy of the incident-runbook
    /// fixture root; returns the directory, the binary in it and the root.
    static func unpack() throws -> (scratch: URL, binary: URL, root: URL) {
        let tarball = try #require(path)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sitrep-release-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let result = try Spawn.run(["tar", "-xzf", tarball, "-C", scratch.path], captureOutput: false)
        #expect(result.status == 0)
        let top = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.path).first)
        let root = scratch.appendingPathComponent("root")
        try FileManager.default.copyItem(at: SitrepRunner.fixtures.appendingPathComponent("incident-runbook"), to: root)
        return (scratch, scratch.appendingPathComponent(top).appendingPathComponent("bin/sitrep"), root)
    }

    static func run(_ binary: URL, _ arguments: [String], in directory: URL) throws -> SitrepRunner.Output {
        let environment = [
            "PATH": strippedPath, "LD_LIBRARY_PATH": "", "HOME": directory.path, "LANG": "C", "SITREP_USER": "tester",
        ]
        return try SitrepRunner.execute(binary, arguments, environment: environment, directory: directory)
    }
}
