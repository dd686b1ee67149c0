import Testing

@testable import IncidentKit

@Suite struct CommandTemplateTests {
    @Test func placeholdersAreAngleBracketedNamesNotComparisonsOrRedirections() {
        #expect(CommandTemplate.placeholders(in: "git revert <commit-hash>") == ["commit-hash"])
        #expect(
            CommandTemplate.placeholders(in: "ack.py --run-id <run_id> --incident-id <id> --by <oncall> <id>") == [
                "run_id", "id", "oncall",
            ])
        #expect(CommandTemplate.placeholders(in: "echo 'Expected downtime: <10 min'").isEmpty)
        #expect(CommandTemplate.placeholders(in: "sort < input.txt > out").isEmpty)
        #expect(CommandTemplate.placeholders(in: "cat <<EOF").isEmpty)
    }

    @Test func fillingPutsTheValuesInEveryPlace() {
        #expect(
            CommandTemplate.fill("x <id> y <id> <n>", values: ["id": "INC-7", "n": "3"]) == "x INC-7 y INC-7 3")
    }

    @Test func fillingIsOnePassWhateverTheOrderOfTheValues() {
        // Found by fuzzing: replacing names one after another let a value complete another
        // placeholder ("<" + "<x>" + ">" became "<v>"), depending on dictionary order.
        let text = "<<x>> <v>"
        #expect(CommandTemplate.placeholders(in: text) == ["x", "v"])
        #expect(CommandTemplate.fill(text, values: ["x": "v", "v": "1"]) == "<v> 1")
    }

    @Test func valuesCannotBreakOutOfQuotingOrSubstitute() {
        #expect(CommandTemplate.problem(with: "abc123") == nil)
        #expect(CommandTemplate.problem(with: "db down, restarting node 2") == nil)
        for bad in ["it's", "say \"hi\"", "$(id)", "`id`", "a\\b", "line\nbreak", "  "] {
            #expect(CommandTemplate.problem(with: bad) != nil, "\(bad)")
        }
    }
}

@Suite struct PlaceholderWordTests {
    @Test("a value stays one argv word, and # or spaces in it never switch the command to sh -c")
    func aValueIsOneWord() {
        let spaced = CommandArgv.prepare(CommandTemplate.fill("git revert <commit>", values: ["commit": "a b"]))
        #expect(spaced.argv == ["git", "revert", "a b"])
        #expect(!spaced.usesShell)
        let hashed = CommandArgv.prepare(CommandTemplate.fill("tag <name>", values: ["name": "v1#2"]))
        #expect(hashed.argv == ["tag", "v1#2"])
        #expect(!hashed.usesShell)
        let globbed = CommandArgv.prepare(CommandTemplate.fill("rm <file>", values: ["file": "*"]))
        #expect(globbed.argv == ["rm", "*"])
        // Inside the runbook's own quotes the value goes in as it is.
        #expect(
            CommandTemplate.fill(#"git commit -m "<msg> now""#, values: ["msg": "a b"]) == #"git commit -m "a b now""#)
        #expect(CommandTemplate.fill("echo '<msg>'", values: ["msg": "a#b"]) == "echo 'a#b'")
        #expect(CommandTemplate.fill("x <id>", values: ["id": "INC-7"]) == "x INC-7")
        // After a backslash the value's first character is the escaped one (found by fuzzing).
        let escaped = CommandArgv.prepare(CommandTemplate.fill(#"echo re\<v>x"#, values: ["v": "a b#c"]))
        #expect(escaped.argv == ["echo", "rea b#cx"])
        #expect(!escaped.usesShell)
    }
}
