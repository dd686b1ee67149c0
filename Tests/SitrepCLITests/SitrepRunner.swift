import Foundation
import IncidentKit

/// Runs the real `sitrep` binary built next to the test bundle, in a scratch copy of a
/// fixture root, and reads what it printed and wrote.
struct SitrepRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        if let explicit = ProcessInfo.processInfo.environment["SITREP_BINARY"] { return URL(fileURLWithPath: explicit) }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = here.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("sitrep")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        fatalError("the sitrep binary was not found next to \(here.path); set SITREP_BINARY")
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    let root: URL

    /// A fresh temporary root, optionally a copy of a fixture.
    init(fixture: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-test-\(UUID().uuidString)")
        if let fixture {
            try FileManager.default.copyItem(at: SitrepRunner.fixtures.appendingPathComponent(fixture), to: root)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], withRoot: Bool = true) throws -> Output {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SITREP_") }
        env["SITREP_USER"] = "tester"
        env["XDG_CONFIG_HOME"] = root.appendingPathComponent(".no-config").path
        env["SITREP_NO_CHECKPOINT"] = "1"
        for (k, v) in extra { env[k] = v }
        return try SitrepRunner.execute(
            SitrepRunner.binary, arguments + (withRoot ? ["--root", root.path] : []), environment: env)
    }

    /// Runs a binary with exactly this environment and reads both outputs to the end.
    static func execute(_ binary: URL, _ arguments: [String], environment: [String: String], directory: URL? = nil)
        throws -> Output
    {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `status --json` parsed.
    func status(now: String, policy: String? = nil, all: Bool = false) throws -> JSONValue {
        var args = ["status", "--json", "--now", now]
        if let policy { args += ["--policy", policy] }
        if all { args.append("--all") }
        let output = try run(args)
        guard output.status == 0 else { throw RunnerError(message: "status failed: \(output.stderr)") }
        return try JSONParser.parse(output.stdout)
    }

    func read(_ relative: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)) ?? ""
    }

    func lines(_ relative: String) -> [String] {
        read(relative).split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    /// Every file under the root with its bytes, to prove a failed command wrote nothing.
    func snapshot() -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return out }
        for case let path as String in walker {
            var isDir: ObjCBool = false
            let full = root.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[path] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }
}

struct RunnerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension JSONValue {
    /// `value["incidents"]?[0]?["id"]`-style access for tests.
    subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    var count: Int { arrayValue?.count ?? 0 }
}
