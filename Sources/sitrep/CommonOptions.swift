import ArgumentParser
import Foundation
import IncidentKit

/// `--root`, `--policy` and `--now`, taken by every subcommand.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The artifact root (default: $SITREP_ROOT, the config's root, else the current directory).",
            valueName: "dir"), completion: .directory)
    var root: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A built-in policy name or a YAML policy file (default: the root's .sitrep/policy.yaml, the config's policy, else incident-runbook).",
            valueName: "name|file")
    )
    var policy: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Use this RFC 3339 time as the current time (also $SITREP_NOW).", valueName: "time"))
    var now: String?

    @OptionGroup var configFile: ConfigFileOption

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    func resolvedRoot() throws -> String {
        let configured = try configFile.load().root.map(ConfigFileOption.expand)
        let raw = root ?? environment["SITREP_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? configured ?? "."
        let absolute = try WorkingDirectory.absolute(raw)
        let standardized = (absolute as NSString).standardizingPath
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: standardized, isDirectory: &isDir), isDir.boolValue else {
            throw CLIError("the root \(raw) does not exist or is not a directory; pass --root DIR or set SITREP_ROOT")
        }
        return standardized
    }

    func resolvedNow() throws -> Date {
        let source = now != nil ? "--now" : "SITREP_NOW"
        guard let text = now ?? environment["SITREP_NOW"].flatMap({ $0.isEmpty ? nil : $0 }) else { return Date() }
        guard let date = Timestamp.parse(text) else {
            throw CLIError("\(source) \"\(text)\" is not an RFC 3339 time such as 2025-11-21T10:05:00Z")
        }
        return date
    }

    func resolvedPolicy(root: String) throws -> Policy {
        do {
            // The config's policy is a default for roots that do not carry their own.
            let rootHasPolicy = FileManager.default.fileExists(
                atPath: (root as NSString).appendingPathComponent(".sitrep/policy.yaml"))
            let configured = rootHasPolicy ? nil : try configFile.load().policy.map(ConfigFileOption.expand)
            return try PolicyResolver(root: root).resolve(policy ?? configured)
        } catch let error as PolicyError {
            throw CLIError("policy: \(error)")
        }
    }

    /// Everything under the root read once and evaluated at the (given) current time.
    func picture() throws -> Picture {
        let (root, policy, now) = try context()
        let store = try openStore(root: root, policy: policy)
        store.refresh()
        return PictureBuilder.build(store: store, policy: policy, now: now)
    }

    /// The root's store under its source profile (see `ProfileResolver`).
    func openStore(root: String, policy: Policy) throws -> ArtifactStore {
        do {
            return try ArtifactStore.open(root: root, policy: policy)
        } catch let error as PolicyError {
            throw CLIError("profile: \(error)")
        }
    }

    /// `--by`, else the environment and the config file's `operator` (see `OperatorName`).
    func operatorName(_ explicit: String?) -> String {
        OperatorName.resolve(explicit, configured: (try? configFile.load())?.operatorName)
    }

    /// Root, policy and clock, checked in that order.
    func context() throws -> (root: String, policy: Policy, now: Date) {
        let root = try resolvedRoot()
        let now = try resolvedNow()
        return (root, try resolvedPolicy(root: root), now)
    }
}

/// The operator name: `--by`/`--as`, then `SITREP_USER`, then the config file's `operator`, then
/// `SUDO_USER`, then the login name.
enum OperatorName {
    static func resolve(_ explicit: String?, configured: String? = nil) -> String {
        let env = ProcessInfo.processInfo.environment
        for candidate in [explicit, env["SITREP_USER"], configured, env["SUDO_USER"], env["LOGNAME"], env["USER"]] {
            if let c = candidate?.trimmingCharacters(in: .whitespaces), !c.isEmpty { return c }
        }
        return NSUserName()
    }
}

/// An error that goes to standard error with exit status 1 and a message saying what to do.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

extension ParsableCommand {
    /// Runs a body, turning domain errors into a clean message on standard error.
    func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CLIError {
            throw fail(error.message)
        } catch let error as ActionError {
            throw fail(error.message)
        } catch let error as JournalWriteError {
            throw fail("could not write the journal: \(error); nothing was recorded")
        } catch let error as PolicyError {
            throw fail("policy: \(error)")
        }
    }

    func fail(_ message: String, code: Int32 = 1) -> ExitCode {
        Say.err("sitrep: \(message)")
        return ExitCode(code)
    }
}
