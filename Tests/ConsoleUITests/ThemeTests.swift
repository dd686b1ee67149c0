import Foundation
import IncidentKit
import Testing

@testable import ConsoleUI

@Suite("Themes")
struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    @Test("built-in themes are the files in themes/ (run scripts/sync-themes after editing one)")
    func builtinsMatchFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ThemeTests.themesDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.map { ($0 as NSString).deletingPathExtension } == BuiltinThemes.names.sorted())
        for file in files {
            let name = (file as NSString).deletingPathExtension
            let text = try String(contentsOf: ThemeTests.themesDirectory.appendingPathComponent(file), encoding: .utf8)
            #expect(
                BuiltinThemes.yaml(named: name).map { $0 + "\n" } == text,
                "themes/\(file) differs from the built-in copy")
        }
    }

    @Test("the five themes of the issue exist, parse, carry their own name and set every role")
    func builtinsComplete() throws {
        for name in ["default", "high-contrast", "deuteranopia", "light", "mono"] {
            let theme = try #require(try BuiltinThemes.theme(named: name))
            #expect(theme.name == name)
            #expect(Set(theme.looks.keys) == Set(Role.allCases), "\(name) leaves roles out")
        }
    }

    /// What a look becomes on a terminal with `colors` colours.
    func onTerminal(_ look: Theme.Look, colors: Int) -> Theme.Look {
        var out = look
        out.foreground = look.foreground.downgraded(toColors: colors)
        out.background = look.background.downgraded(toColors: colors)
        return out
    }

    @Test(
        "every severity level looks different from the others, also on an 8-colour terminal", arguments: [8, 16, 256])
    func severitiesDistinct(colors: Int) throws {
        for name in BuiltinThemes.names where name != "mono" {
            let theme = try #require(try BuiltinThemes.theme(named: name))
            let looks = [Role.severity0, .severity1, .severity2].map { onTerminal(theme.look($0), colors: colors) }
            #expect(Set(looks).count == 3, "\(name) at \(colors) colours: \(looks)")
        }
    }

    @Test("mono uses no colour; severity 0 and 1 differ by attributes alone")
    func monoHasNoColour() throws {
        let theme = try #require(try BuiltinThemes.theme(named: "mono"))
        #expect(theme.looks.values.allSatisfy { $0.foreground == .terminal && $0.background == .terminal })
        #expect(theme.look(.severity0) != theme.look(.severity1))
        #expect(theme.look(.breached).reverse || theme.look(.breached).bold)
    }

    @Test("deuteranopia never sets red against green: no severity or state role uses a red or green hue")
    func deuteranopiaAvoidsRedGreen() throws {
        let theme = try #require(try BuiltinThemes.theme(named: "deuteranopia"))
        let roles: [Role] = [
            .severity0, .severity1, .severity2, .severity3, .severity4, .breached, .warning, .ok, .banner,
        ]
        for colors in [8, 16] {
            for role in roles {
                let look = onTerminal(theme.look(role), colors: colors)
                for color in [look.foreground, look.background] {
                    #expect(
                        ![ThemeColor.index(1), .index(2), .index(9), .index(10)].contains(color), "\(role) at \(colors)"
                    )
                }
            }
        }
    }

    @Test("colours fall back to the nearest the terminal has")
    func downgrade() {
        #expect(ThemeColor.index(208).downgraded(toColors: 8) == .index(3))  // orange → yellow
        #expect(ThemeColor.index(196).downgraded(toColors: 16) == .index(9))  // pure red → bright red
        #expect(ThemeColor.index(196).downgraded(toColors: 8) == .index(1))
        #expect(ThemeColor.index(9).downgraded(toColors: 8) == .index(1))
        #expect(ThemeColor.index(9).downgraded(toColors: 16) == .index(9))
        #expect(ThemeColor.index(21).downgraded(toColors: 8) == .index(4))  // blue
        #expect(ThemeColor.index(231).downgraded(toColors: 16) == .index(15))  // white
        #expect(ThemeColor.index(208).downgraded(toColors: 256) == .index(208))
        #expect(ThemeColor.terminal.downgraded(toColors: 8) == .terminal)
    }

    @Test("colour names, bright names, numbers and default parse; anything else does not")
    func colourNames() {
        #expect(ThemeColor.parse("red") == .index(1))
        #expect(ThemeColor.parse("bright-cyan") == .index(14))
        #expect(ThemeColor.parse("208") == .index(208))
        #expect(ThemeColor.parse("default") == .terminal)
        #expect(ThemeColor.parse("256") == nil)
        #expect(ThemeColor.parse("orange") == nil)
    }

    @Test("a theme file's errors name the file, the line and the key")
    func parseErrors() {
        let unknownRole = "name: x\nroles:\n  normal: {}\n  severty-0: {fg: red}\n"
        #expect(throws: PolicyError.self) { try ThemeLoader.parse(unknownRole, file: "x.yaml") }
        do {
            _ = try ThemeLoader.parse(unknownRole, file: "x.yaml")
        } catch {
            #expect("\(error)".hasPrefix("x.yaml:4: roles.severty-0: unknown field"), "\(error)")
        }
        do {
            _ = try ThemeLoader.parse("roles:\n  ok: {fg: orange}\n", file: "y.yaml")
            Issue.record("orange accepted")
        } catch {
            #expect("\(error)".hasPrefix("y.yaml:2: roles.ok.fg: not a colour"), "\(error)")
        }
        do {
            _ = try ThemeLoader.parse("roles:\n  ok: {fg: red, blink: true}\n", file: "z.yaml")
            Issue.record("blink accepted")
        } catch {
            #expect("\(error)".contains("z.yaml:2: roles.ok.blink: unknown field"), "\(error)")
        }
    }

    @Test("a name is looked up in the user's themes directory first, then among the built-in themes")
    func resolver() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent("sitrep/themes"), withIntermediateDirectories: true)
        try "roles:\n  normal: {fg: green}\n".write(
            to: home.appendingPathComponent("sitrep/themes/mine.yaml"), atomically: true, encoding: .utf8)
        let resolver = ThemeResolver(environment: ["XDG_CONFIG_HOME": home.path])
        #expect(try resolver.resolve("mine").look(.normal).foreground == .index(2))
        #expect(try resolver.resolve("mine").name == "mine")
        #expect(try resolver.resolve(nil).name == "default")
        #expect(try resolver.resolve("light").name == "light")
        #expect(throws: PolicyError.self) { try resolver.resolve("nope") }
    }
}
