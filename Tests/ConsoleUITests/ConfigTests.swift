import Foundation
import IncidentKit
import Testing

@testable import ConsoleUI

@Suite("Config file")
struct ConfigTests {
    func message(_ text: String, file: String = "/home/op/.config/sitrep/config.yaml") -> String {
        do {
            _ = try SitrepConfig.parse(text, file: file)
            return "(no error)"
        } catch {
            return "\(error)"
        }
    }

    @Test("every setting is read")
    func everything() throws {
        let config = try SitrepConfig.parse(
            """
            root: /srv/pilot
            policy: trading-ops
            theme: high-contrast
            operator: alice
            poll_interval: 2.5
            read_only: true
            mouse: true
            ascii: true
            color: false
            keys:
              acknowledge: A
              quit: [Q, ctrl-q]
            """, file: "c.yaml")
        #expect(config.root == "/srv/pilot" && config.policy == "trading-ops" && config.theme == "high-contrast")
        #expect(config.operatorName == "alice" && config.pollInterval == 2.5)
        #expect(config.readOnly == true && config.mouse == true && config.ascii == true && config.color == false)
        #expect(config.keys.action(for: .char("A")) == .acknowledge)
        #expect(config.keys.action(for: .ctrl("q")) == .quit)
        #expect(config.keys.action(for: .char("q")) == nil)
        #expect(config.keys.action(for: .char("a")) == nil)
    }

    @Test("an empty file is an empty config")
    func empty() throws {
        let config = try SitrepConfig.parse("\n# nothing yet\n", file: "c.yaml")
        #expect(config.root == nil && config.keys == .defaults)
    }

    @Test("errors name the file, the line and the key")
    func errors() {
        #expect(
            message("root: /x\nthem: light\n").hasPrefix("/home/op/.config/sitrep/config.yaml:2: them: unknown field"))
        #expect(
            message("poll_interval: 0\n").hasPrefix(
                "/home/op/.config/sitrep/config.yaml:1: poll_interval: must be between"))
        #expect(message("read_only: maybe\n").contains("config.yaml:1: read_only: expected true or false"))
        #expect(
            message("keys:\n  acknowledge: A\n  ackowledge: B\n").contains(
                "config.yaml:3: keys.ackowledge: unknown field"))
        #expect(message("keys:\n  quit: hyper-q\n").contains("config.yaml:2: keys.quit: \"hyper-q\" is not a key"))
    }

    @Test("two actions on one key: the line of the binding, the key and the other action")
    func conflicts() {
        // quit takes a, which acknowledge still has by default.
        #expect(
            message("theme: mono\nkeys:\n  quit: a\n").hasPrefix(
                "/home/op/.config/sitrep/config.yaml:3: keys.quit: key a is also bound to acknowledge (its default)"),
            "\(message("theme: mono\nkeys:\n  quit: a\n"))")
        // Both bindings in the file: the message names the other's line.
        let both = message("keys:\n  update: x\n  mitigate: [m, x]\n")
        #expect(both.contains("config.yaml:") && both.contains("key x is also bound to"), "\(both)")
        #expect(both.contains("(line 2)") || both.contains("(line 3)"), "\(both)")
        // Moving acknowledge off a frees it for quit.
        #expect(message("keys:\n  quit: a\n  acknowledge: A\n") == "(no error)")
    }

    @Test("the default file is under XDG_CONFIG_HOME, else ~/.config; a missing default file is no error")
    func location() throws {
        #expect(ConfigLocation.defaultFile(["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/sitrep/config.yaml")
        #expect(ConfigLocation.defaultFile(["HOME": "/h"]) == "/h/.config/sitrep/config.yaml")
        #expect(try SitrepConfig.load(explicit: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent"]).file == nil)
        #expect(throws: PolicyError.self) { try SitrepConfig.load(explicit: "/nonexistent/c.yaml") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-cfg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("sitrep"), withIntermediateDirectories: true)
        try "theme: light\n".write(
            to: dir.appendingPathComponent("sitrep/config.yaml"), atomically: true, encoding: .utf8)
        #expect(try SitrepConfig.load(explicit: nil, environment: ["XDG_CONFIG_HOME": dir.path]).theme == "light")
    }
}
